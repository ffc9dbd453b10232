package io.driftless.functions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * An EventBridge scheduled event ({@code detail-type: Scheduled Event}, {@code source: aws.events}).
 * A Knative PingSource posts the same shape without {@code time}; the function then uses the clock.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduledEvent(
    String id,
    @JsonProperty("detail-type") String detailType,
    String source,
    String time,
    List<String> resources) {

  /** The event's {@code time}, or {@code fallback} when it has none. */
  public Instant timeOr(Instant fallback) {
    if (time == null || time.isBlank()) {
      return fallback;
    }
    try {
      return Instant.parse(time);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("scheduled event " + id + ": time is not ISO-8601: " + time, e);
    }
  }
}
