package io.driftless.helm.release;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Times as Helm's JSON holds them: Go's RFC 3339 with nanoseconds, trailing zeros of the fraction
 * dropped ({@code 2026-12-01T09:02:07.1149255Z}); the zero time is the empty string
 * ({@code helm.sh/helm/v3/pkg/time}).
 */
final class GoTime {
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private GoTime() {}

  static String format(Instant instant) {
    if (instant == null) {
      return "";
    }
    OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(SECONDS.format(utc));
    int nanos = utc.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
      out.append('.').append(fraction);
    }
    return out.append('Z').toString();
  }

  /** Null for the empty string, {@code null}, and Go's zero time. */
  static Instant parse(String text, String field) {
    if (text == null || text.isEmpty() || text.startsWith("0001-01-01T00:00:00")) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new ReleaseFormatException("release field " + field + " is not an RFC 3339 time: '" + text + "'");
    }
  }
}
