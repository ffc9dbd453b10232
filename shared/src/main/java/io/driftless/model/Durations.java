package io.driftless.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as Flux writes them: {@code 10m}, {@code 1h30m}, {@code 500ms}, {@code 1.5h}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

  private Durations() {}

  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration");
    }
    Matcher m = PART.matcher(text);
    double millis = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw new IllegalArgumentException("invalid duration '" + text + "'");
      }
      end = m.end();
      double n = Double.parseDouble(m.group(1));
      millis += switch (m.group(2)) {
        case "ms" -> n;
        case "s" -> n * 1000;
        case "m" -> n * 60_000;
        default -> n * 3_600_000;
      };
    }
    if (end != text.length()) {
      throw new IllegalArgumentException("invalid duration '" + text + "'");
    }
    return Duration.ofMillis(Math.round(millis));
  }

  public static Duration parseOr(String text, Duration fallback) {
    return text == null || text.isBlank() ? fallback : parse(text);
  }

  /**
   * A duration as Go's {@code time.Duration.String} prints it, as Flux's messages carry them:
   * {@code 0s}, {@code 250ms}, {@code 1.5s}, {@code 10m0s}, {@code 1h0m0s}; the one formatter.
   */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + fraction(d.toNanosPart() % 1_000_000, 6) + "ms";
    }
    long hours = d.toHours();
    long minutes = d.toMinutesPart();
    String seconds = d.toSecondsPart() + fraction(d.toNanosPart(), 9) + "s";
    return (hours > 0 ? hours + "h" : "") + (hours > 0 || minutes > 0 ? minutes + "m" : "") + seconds;
  }

  /** {@code nanos} as a decimal fraction of {@code digits} places, trailing zeros dropped: {@code .5}, or nothing. */
  private static String fraction(long nanos, int digits) {
    if (nanos == 0) {
      return "";
    }
    return ("." + String.format("%0" + digits + "d", nanos)).replaceAll("0+$", "");
  }
}
