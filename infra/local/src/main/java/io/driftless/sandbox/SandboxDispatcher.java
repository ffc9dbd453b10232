package io.driftless.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** Routes every HTTP request of the sandbox to discovery or to the resource verbs; one at a time. */
final class SandboxDispatcher extends Dispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  static final int KEPT_CALLS = 100_000;

  private final Discovery discovery;
  private final ResourceApi api;
  private final ApiResources resources;
  private final Watches watches;
  private final Deque<ApiCall> calls = new ArrayDeque<>();

  SandboxDispatcher(ApiResources resources, Discovery discovery, ResourceApi api, Watches watches) {
    this.resources = resources;
    this.watches = watches;
    this.discovery = discovery;
    this.api = api;
  }

  /** The requests answered so far, oldest first (the last {@link #KEPT_CALLS}). */
  synchronized List<ApiCall> calls() {
    return List.copyOf(calls);
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    try {
      ApiRequest req = ApiRequest.of(request);
      JsonNode doc = discovery(req);
      if (doc != null) {
        record(request, "get");
        return respond(200, doc);
      }
      Route route = Route.parse(req.segments(), resources);
      if (route == null) {
        record(request, "get");
        throw ApiError.noRoute();
      }
      boolean watch = "true".equals(req.param("watch")) || "1".equals(req.param("watch"));
      record(request, watch ? "watch" : verb(req.method(), route.name() == null));
      if (watch) {
        return watch(req, route);
      }
      return resource(req, route);
    } catch (ApiError e) {
      return respond(e.code(), e.status());
    } catch (JsonProcessingException | IllegalArgumentException | ClassCastException e) {
      return respond(400, ApiError.badRequest("cannot read the request body: " + e.getMessage()).status());
    }
  }

  private void record(RecordedRequest request, String verb) {
    if (calls.size() == KEPT_CALLS) {
      calls.removeFirst();
    }
    String ua = request.getHeader("User-Agent");
    calls.addLast(new ApiCall(verb, request.getPath(), ua == null ? "" : ua));
  }

  private static String verb(String method, boolean collection) {
    return switch (method) {
      case "GET" -> collection ? "list" : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> collection ? "deletecollection" : "delete";
      default -> method.toLowerCase(java.util.Locale.ROOT);
    };
  }

  private JsonNode discovery(ApiRequest req) {
    List<String> s = req.segments();
    if (!req.method().equals("GET")) {
      return null;
    }
    String path = req.path();
    return switch (path) {
      case "/version" -> discovery.version();
      case "/api" -> discovery.coreVersions();
      case "/apis" -> discovery.groupList();
      case "/api/v1" -> discovery.resourceList("v1");
      case "/openapi/v3" -> discovery.openApiRoot();
      default -> s.size() >= 4 && s.get(0).equals("openapi")
          ? orNotFound(discovery.openApiGroup(String.join("/", s.subList(3, s.size()))))
          : s.size() == 3 && s.get(0).equals("apis") ? orNotFound(discovery.resourceList(s.get(1) + "/" + s.get(2)))
          : s.size() == 2 && s.get(0).equals("apis") ? orNotFound(discovery.group(s.get(1))) : null;
    };
  }

  private static JsonNode orNotFound(JsonNode doc) {
    if (doc == null) {
      throw ApiError.noRoute();
    }
    return doc;
  }

  private MockResponse resource(ApiRequest req, Route r) throws JsonProcessingException {
    boolean collection = r.name() == null;
    if (r.type().namespaced() && r.namespace() == null && !collection) {
      throw ApiError.noRoute();
    }
    if (r.subresource() != null && !r.subresource().equals("status")) {
      throw ApiError.noRoute();
    }
    switch (req.method()) {
      case "GET":
        if (collection) {
          List<ObjectNode> items = api.list(r, req);
          return respond(200, Tables.wanted(req.accept()) ? Tables.of(items, api.revision()) : list(r, items));
        }
        ObjectNode one = api.get(r);
        return respond(200, Tables.wanted(req.accept()) ? Tables.of(List.of(one), api.revision()) : one);
      case "POST":
        if (!collection || (r.type().namespaced() && r.namespace() == null)) {
          throw ApiError.methodNotAllowed("POST");
        }
        return respond(201, api.create(r, object(req.body(), false), req.dryRun()));
      case "PUT":
        return respond(200, api.replace(requireName(r), object(req.body(), false), req.dryRun()));
      case "PATCH":
        return patch(req, requireName(r));
      case "DELETE":
        return respond(200, api.delete(requireName(r)));
      default:
        throw ApiError.methodNotAllowed(req.method());
    }
  }

  /** Watches are served over WebSocket only (fabric8); kubectl's streamed HTTP watch is not. */
  private MockResponse watch(ApiRequest req, Route r) {
    if (!req.websocket() || r.name() != null) {
      throw ApiError.methodNotAllowed("watch without a WebSocket upgrade");
    }
    return watches.open(r, req, api.list(r, req));
  }

  private MockResponse patch(ApiRequest req, Route r) throws JsonProcessingException {
    String type = req.contentType() == null ? "" : req.contentType();
    if (type.startsWith("application/apply-patch")) {
      Map.Entry<ObjectNode, Boolean> applied = api.apply(r, object(req.body(), true),
          req.param("fieldManager"), "true".equals(req.param("force")), req.dryRun());
      return respond(applied.getValue() ? 201 : 200, applied.getKey());
    }
    return respond(200, api.patch(r, type, JSON.readTree(req.body()), req.dryRun()));
  }

  private static Route requireName(Route r) {
    if (r.name() == null) {
      throw ApiError.methodNotAllowed("collection");
    }
    return r;
  }

  private static ObjectNode object(String body, boolean yaml) throws JsonProcessingException {
    JsonNode n = (yaml ? YAML : JSON).readTree(body == null ? "" : body);
    if (!(n instanceof ObjectNode o)) {
      throw ApiError.badRequest("the request body is not an object");
    }
    return o;
  }

  private ObjectNode list(Route r, List<ObjectNode> items) {
    ObjectNode list = JSON.createObjectNode().put("kind", r.type().kind() + "List")
        .put("apiVersion", r.type().apiVersion());
    list.putObject("metadata").put("resourceVersion", api.revision());
    ArrayNode array = list.putArray("items");
    items.forEach(array::add);
    return list;
  }

  private static MockResponse respond(int code, JsonNode body) {
    try {
      return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
          .setBody(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
