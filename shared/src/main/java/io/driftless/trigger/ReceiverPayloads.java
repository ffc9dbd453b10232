package io.driftless.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.model.Yaml;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The body checks some Receiver types make, run only AFTER the request's proof was verified:
 * dockerhub, quay and nexus bodies must be a JSON object, a cdevents body must have a CDEvent's
 * shape (context with version, id, source, type and timestamp; subject with id).
 */
final class ReceiverPayloads {
  private static final Pattern CDEVENT_TYPE = Pattern.compile("^dev\\.cdevents\\.[a-z]+\\.[a-z]+\\.[0-9]+\\.[0-9]+\\.[0-9]+.*$");

  private ReceiverPayloads() {}

  /** Why the body does not fit the type; empty when it does (or the type does not look at it). */
  static Optional<String> refusal(ReceiverType type, byte[] body) {
    return switch (type) {
      case DOCKERHUB, QUAY, NEXUS -> object(body).isPresent()
          ? Optional.empty() : Optional.of(type.id() + " payload is not a JSON object");
      case CDEVENTS -> object(body).map(ReceiverPayloads::cdeventRefusal)
          .orElse(Optional.of("cdevents payload is not a JSON object"));
      default -> Optional.empty();
    };
  }

  private static Optional<JsonNode> object(byte[] body) {
    try {
      JsonNode node = Yaml.json().readTree(body);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> cdeventRefusal(JsonNode event) {
    JsonNode context = event.path("context");
    for (String field : new String[] {"version", "id", "source", "type", "timestamp"}) {
      if (!context.path(field).isTextual() || context.path(field).asText().isBlank()) {
        return Optional.of("cdevents payload: context." + field + " is required");
      }
    }
    if (!CDEVENT_TYPE.matcher(context.path("type").asText()).matches()) {
      return Optional.of("cdevents payload: context.type is not a CDEvents type (dev.cdevents.<subject>.<predicate>.<version>)");
    }
    if (!event.path("subject").path("id").isTextual()) {
      return Optional.of("cdevents payload: subject.id is required");
    }
    return Optional.empty();
  }
}
