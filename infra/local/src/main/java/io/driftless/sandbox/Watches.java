package io.driftless.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches over WebSocket, as fabric8's informers and {@code waitUntilCondition} use them: every
 * stored change is sent to the open watches it matches as an ADDED, MODIFIED or DELETED event.
 * There is no history: a watch sees the current objects (unless it names a resourceVersion) and
 * then what changes after it opened.
 */
final class Watches {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Watch(String storageKey, String namespace, LabelSelector labels, Map<String, String> fields,
      WebSocket socket) {

    boolean matches(ResourceType type, ObjectNode o) {
      return storageKey.equals(type.storageKey())
          && (namespace == null || namespace.equals(o.path("metadata").path("namespace").asText()))
          && labels.test(Selectors.labels(o)) && Selectors.matchesFields(o, fields);
    }
  }

  private record Event(long revision, String type, ResourceType resource, ObjectNode object) {}

  private static final int HISTORY = 1000;

  private final List<Watch> open = new CopyOnWriteArrayList<>();
  private final Deque<Event> history = new ArrayDeque<>();

  /** The WebSocket upgrade for a watch request; {@code current} is sent first as ADDED events. */
  MockResponse open(Route r, ApiRequest req, List<ObjectNode> current) {
    String since = req.param("resourceVersion");
    boolean replay = since == null || since.isEmpty() || since.equals("0");
    return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
      @Override
      public void onOpen(WebSocket socket, Response response) {
        Watch w = new Watch(r.type().storageKey(), r.type().namespaced() ? r.namespace() : null,
            LabelSelector.parse(req.param("labelSelector")), Selectors.fieldSelector(req.param("fieldSelector")), socket);
        open.add(w);
        if (replay) {
          current.forEach(o -> send(w, "ADDED", o));
        } else {
          missed(Long.parseLong(since)).stream().filter(e -> w.matches(e.resource(), e.object()))
              .forEach(e -> send(w, e.type(), e.object()));
        }
      }

      @Override
      public void onClosing(WebSocket socket, int code, String reason) {
        open.removeIf(w -> w.socket() == socket);
        socket.close(1000, "closed");
      }

      @Override
      public void onFailure(WebSocket socket, Throwable t, Response response) {
        open.removeIf(w -> w.socket() == socket);
      }
    });
  }

  /** Records the change (so a watch opened from an older resourceVersion gets it) and sends it. */
  synchronized void changed(long revision, String event, ResourceType type, ObjectNode object) {
    history.addLast(new Event(revision, event, type, object));
    if (history.size() > HISTORY) {
      history.removeFirst();
    }
    open.stream().filter(w -> w.matches(type, object)).forEach(w -> send(w, event, object));
  }

  private synchronized List<Event> missed(long since) {
    return history.stream().filter(e -> e.revision() > since).toList();
  }

  void closeAll() {
    open.forEach(w -> w.socket().close(1000, "sandbox stopped"));
    open.clear();
  }

  private static void send(Watch w, String event, ObjectNode object) {
    ObjectNode e = JSON.createObjectNode().put("type", event);
    e.set("object", object);
    try {
      w.socket().send(JSON.writeValueAsString(e));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
