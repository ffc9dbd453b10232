package io.driftless.record.dynamo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.model.Condition;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmReleaseStatus;

/**
 * A Kustomization's status as the JSON string kept in the {@code status} attribute. Derived getters
 * ({@code ready}, {@code true}) are not written; unknown fields are skipped so an older reader
 * accepts a newer writer's status.
 */
public final class StatusJson {
  private static final ObjectMapper MAPPER =
      Yaml.json()
          .copy()
          .addMixIn(KustomizationStatus.class, StatusMixIn.class)
          .addMixIn(HelmReleaseStatus.class, StatusMixIn.class)
          .addMixIn(Condition.class, ConditionMixIn.class)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private StatusJson() {}

  /** A deep copy of {@code status}, as a write and a read of the table would give it. */
  public static KustomizationStatus copy(KustomizationStatus status) {
    return read("a copy of a status", write(status));
  }

  static String write(Object status) {
    try {
      return MAPPER.writeValueAsString(status);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + status.getClass().getSimpleName() + " as JSON", e);
    }
  }

  static KustomizationStatus read(String where, String json) {
    return read(where, json, KustomizationStatus.class);
  }

  static <T> T read(String where, String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "stored status of " + where + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  @JsonIgnoreProperties({"ready"})
  private interface StatusMixIn {}

  @JsonIgnoreProperties({"true"})
  private interface ConditionMixIn {}
}
