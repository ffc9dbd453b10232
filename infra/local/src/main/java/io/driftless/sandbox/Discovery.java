package io.driftless.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The discovery documents kubectl and fabric8 read: /version, /api, /apis and each group version. */
final class Discovery {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update");

  private final ApiResources resources;
  private final String serverAddress;

  Discovery(ApiResources resources, String serverAddress) {
    this.resources = resources;
    this.serverAddress = serverAddress;
  }

  ObjectNode version() {
    return JSON.objectNode().put("major", "1").put("minor", "32")
        .put("gitVersion", "v1.32.0-driftless-sandbox").put("gitCommit", "sandbox")
        .put("gitTreeState", "clean").put("buildDate", "2026-01-01T00:00:00Z")
        .put("goVersion", "none").put("compiler", "none").put("platform", "java/sandbox");
  }

  ObjectNode coreVersions() {
    ObjectNode doc = JSON.objectNode().put("kind", "APIVersions");
    doc.putArray("versions").add("v1");
    doc.putArray("serverAddressByClientCIDRs").addObject()
        .put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
    return doc;
  }

  /** kubectl validates against OpenAPI v3: list every group version, each with no schemas. */
  ObjectNode openApiRoot() {
    ObjectNode doc = JSON.objectNode();
    ObjectNode paths = doc.putObject("paths");
    resources.groups().forEach((group, versions) -> versions.forEach(v -> {
      String path = group.isEmpty() ? "api/" + v : "apis/" + group + "/" + v;
      paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=sandbox");
    }));
    return doc;
  }

  /** One permissive schema per kind of the group version, found by x-kubernetes-group-version-kind. */
  ObjectNode openApiGroup(String apiVersion) {
    List<ResourceType> types = resources.inGroupVersion(apiVersion);
    if (types.isEmpty()) {
      return null;
    }
    ObjectNode doc = JSON.objectNode().put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", "v1.32.0");
    ObjectNode paths = doc.putObject("paths");
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    for (ResourceType t : types) {
      // a PATCH with fieldValidation tells kubectl to leave validation to the server
      String prefix = (t.group().isEmpty() ? "/api/" : "/apis/") + t.apiVersion() + (t.namespaced() ? "/namespaces/{namespace}/" : "/");
      ObjectNode patch = paths.putObject(prefix + t.plural() + "/{name}").putObject("patch");
      patch.putObject("x-kubernetes-group-version-kind").put("group", t.group()).put("version", t.version()).put("kind", t.kind());
      patch.putArray("parameters").addObject().put("name", "fieldValidation").put("in", "query")
          .putObject("schema").put("type", "string");
      patch.putObject("responses").putObject("200").put("description", "OK");
      ObjectNode schema = schemas.putObject(t.apiVersion().replace('/', '.') + "." + t.kind())
          .put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
      schema.putArray("x-kubernetes-group-version-kind").addObject()
          .put("group", t.group()).put("version", t.version()).put("kind", t.kind());
    }
    return doc;
  }

  ObjectNode groupList() {
    ObjectNode doc = JSON.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = doc.putArray("groups");
    for (Map.Entry<String, Set<String>> g : resources.groups().entrySet()) {
      if (!g.getKey().isEmpty()) {
        groups.add(group(g.getKey(), g.getValue()));
      }
    }
    return doc;
  }

  /** The APIGroup document for {@code /apis/<group>}, or null when the group is not served. */
  ObjectNode group(String name) {
    Set<String> versions = resources.groups().get(name);
    return versions == null || name.isEmpty() ? null : group(name, versions).put("kind", "APIGroup").put("apiVersion", "v1");
  }

  private static ObjectNode group(String name, Set<String> versions) {
    ObjectNode g = JSON.objectNode().put("name", name);
    ArrayNode vs = g.putArray("versions");
    versions.forEach(v -> vs.addObject().put("groupVersion", name + "/" + v).put("version", v));
    String preferred = versions.iterator().next();
    g.putObject("preferredVersion").put("groupVersion", name + "/" + preferred).put("version", preferred);
    return g;
  }

  /** The APIResourceList for one group version, or null when nothing is served there. */
  ObjectNode resourceList(String apiVersion) {
    List<ResourceType> types = resources.inGroupVersion(apiVersion);
    if (types.isEmpty()) {
      return null;
    }
    ObjectNode doc = JSON.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", apiVersion);
    ArrayNode list = doc.putArray("resources");
    for (ResourceType t : types) {
      ObjectNode r = list.addObject().put("name", t.plural()).put("singularName", t.singular())
          .put("namespaced", t.namespaced()).put("kind", t.kind());
      ArrayNode verbs = r.putArray("verbs");
      VERBS.forEach(verbs::add);
      if (!t.shortNames().isEmpty()) {
        ArrayNode sn = r.putArray("shortNames");
        t.shortNames().forEach(sn::add);
      }
      if (hasStatus(t)) {
        list.addObject().put("name", t.plural() + "/status").put("singularName", "")
            .put("namespaced", t.namespaced()).put("kind", t.kind())
            .putArray("verbs").add("get").add("patch").add("update");
      }
    }
    return doc;
  }

  private static boolean hasStatus(ResourceType t) {
    return Set.of("Deployment", "StatefulSet", "DaemonSet", "Namespace", "CustomResourceDefinition", "Job")
        .contains(t.kind());
  }
}
