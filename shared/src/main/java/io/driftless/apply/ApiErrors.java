package io.driftless.apply;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** One formatter for API failures: {@code Kind/ns/name <verb> failed (Reason): message}. */
public final class ApiErrors {
  private ApiErrors() {}

  public static String describe(String subject, String verb, RuntimeException e) {
    if (e instanceof ServedKinds.UnservedKindException) {
      return subject + " " + verb + " failed: " + e.getMessage();
    }
    String reason = "Error";
    String message = e.getMessage();
    if (e instanceof KubernetesClientException k) {
      Status s = k.getStatus();
      if (s != null && s.getReason() != null && !s.getReason().isEmpty()) {
        reason = s.getReason();
      }
      if (s != null && s.getMessage() != null && !s.getMessage().isEmpty()) {
        message = s.getMessage();
      }
    }
    return subject + " " + verb + " failed (" + reason + "): " + message;
  }

  /** A 422 Invalid that names an immutable field: only recreation can apply such a change. */
  static boolean isImmutable(RuntimeException e) {
    return e instanceof KubernetesClientException k && k.getCode() == 422
        && String.valueOf(k.getStatus() == null ? k.getMessage() : k.getStatus().getMessage()).contains("immutable");
  }
}
