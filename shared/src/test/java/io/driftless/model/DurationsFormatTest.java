package io.driftless.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations print as Go's time.Duration.String does, so Flux's messages read the same from Driftless. */
class DurationsFormatTest {
  @ParameterizedTest
  @CsvSource({
      "0, 0s",
      "250, 250ms",
      "1000, 1s",
      "1500, 1.5s",
      "1250, 1.25s",
      "30000, 30s",
      "300000, 5m0s",
      "600500, 10m0.5s",
      "3600000, 1h0m0s",
      "5430000, 1h30m30s"})
  void formatsAsGo(long millis, String go) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(go);
  }

  @ParameterizedTest
  @CsvSource({"1500000, 1.5ms", "10m0s, 10m0s"})
  void subMillisecondsAndRoundTrips(String in, String go) {
    Duration d = in.chars().allMatch(Character::isDigit) ? Duration.ofNanos(Long.parseLong(in)) : Durations.parse(in);
    assertThat(Durations.format(d)).isEqualTo(go);
  }
}
