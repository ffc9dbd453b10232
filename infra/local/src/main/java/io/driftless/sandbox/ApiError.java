package io.driftless.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A request the sandbox refuses, carried to the dispatcher and rendered as a metav1.Status body. */
final class ApiError extends RuntimeException {
  private final int code;
  private final String reason;
  private final ObjectNode details;

  private ApiError(int code, String reason, String message, ObjectNode details) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  static ApiError notFound(ResourceType type, String name) {
    return new ApiError(404, "NotFound", type.qualifiedPlural() + " \"" + name + "\" not found",
        details(type, name));
  }

  static ApiError namespaceNotFound(String namespace) {
    ObjectNode d = JsonNodeFactory.instance.objectNode().put("name", namespace).put("kind", "namespaces");
    return new ApiError(404, "NotFound", "namespaces \"" + namespace + "\" not found", d);
  }

  /** What a real server answers for a create in a namespace that is being deleted. */
  static ApiError namespaceTerminating(ResourceType type, String name, String namespace) {
    return new ApiError(403, "Forbidden", type.qualifiedPlural() + " \"" + name + "\" is forbidden: unable to create new "
        + "content in namespace " + namespace + " because it is being terminated", details(type, name));
  }

  /** A 500 with no reason, as a real server answers when it cannot build the typed patch of an apply. */
  static ApiError internal(String message) {
    return new ApiError(500, "", message, null);
  }

  static ApiError noRoute() {
    return new ApiError(404, "NotFound", "the server could not find the requested resource", null);
  }

  static ApiError alreadyExists(ResourceType type, String name) {
    return new ApiError(409, "AlreadyExists",
        type.qualifiedPlural() + " \"" + name + "\" already exists", details(type, name));
  }

  static ApiError conflict(ResourceType type, String name, String why) {
    return new ApiError(409, "Conflict",
        "Operation cannot be fulfilled on " + type.qualifiedPlural() + " \"" + name + "\": " + why,
        details(type, name));
  }

  static ApiError applyConflict(ResourceType type, String name, String message) {
    return new ApiError(409, "Conflict", message, details(type, name));
  }

  static ApiError invalid(ResourceType type, String name, String why) {
    String kind = type == null ? "object" : type.kind() + (type.group().isEmpty() ? "" : "." + type.group());
    return new ApiError(422, "Invalid", kind + " \"" + name + "\" is invalid: " + why,
        type == null ? null : details(type, name));
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "BadRequest", message, null);
  }

  static ApiError methodNotAllowed(String method) {
    return new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource (" + method + ")", null);
  }

  static ApiError unsupportedMediaType(String contentType) {
    return new ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got " + contentType + ")", null);
  }

  int code() {
    return code;
  }

  /** The metav1.Status body the real API server sends for this error. */
  ObjectNode status() {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("kind", "Status").put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure").put("message", getMessage()).put("reason", reason);
    if (details != null) {
      s.set("details", details);
    }
    s.put("code", code);
    return s;
  }

  private static ObjectNode details(ResourceType type, String name) {
    ObjectNode d = JsonNodeFactory.instance.objectNode().put("name", name);
    if (!type.group().isEmpty()) {
      d.put("group", type.group());
    }
    return d.put("kind", type.plural());
  }
}
