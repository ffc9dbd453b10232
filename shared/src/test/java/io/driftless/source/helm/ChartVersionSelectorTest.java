package io.driftless.source.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Version selection as source-controller does it: exact string first, then newest match. */
class ChartVersionSelectorTest {
  private static IndexEntry entry(String version, String created) {
    return new IndexEntry("cert-manager", version, List.of("cert-manager-" + version + ".tgz"), null,
        created == null ? null : Instant.parse(created));
  }

  private static final List<IndexEntry> ENTRIES = List.of(
      entry("v1.14.0", null),
      entry("v1.13.3", null),
      entry("1.15.0-rc.1", null),
      entry("1.12.0+build.1", "2024-01-01T00:00:00Z"),
      entry("1.12.0+build.2", "2024-02-01T00:00:00Z"),
      entry("not-a-version", null));

  private static String pick(String version) {
    return ChartVersionSelector.select(ENTRIES, version).map(IndexEntry::version).orElse("none");
  }

  @Test
  void anExactStringWinsFirst() {
    assertThat(pick("v1.14.0")).isEqualTo("v1.14.0");
    assertThat(pick("not-a-version")).isEqualTo("not-a-version");
    assertThat(pick("1.12.0+build.1")).isEqualTo("1.12.0+build.1");
  }

  @Test
  void otherwiseTheNewestMatchingReleaseWins() {
    assertThat(pick("*")).isEqualTo("v1.14.0");
    assertThat(pick("")).isEqualTo("v1.14.0");
    assertThat(pick(null)).isEqualTo("v1.14.0");
    assertThat(pick("~1.13")).isEqualTo("v1.13.3");
    assertThat(pick("1.14.0")).isEqualTo("v1.14.0");
    assertThat(pick(">=1.15.0-0")).isEqualTo("1.15.0-rc.1");
    assertThat(pick(">=2.0.0")).isEqualTo("none");
  }

  @Test
  void equalVersionsAreOrderedByCreation() {
    assertThat(pick("1.12.0")).isEqualTo("1.12.0+build.2");
  }

  @Test
  void ociTagsReadUnderscoreAsPlusAndHonourTheFilter() {
    List<String> tags = List.of("latest", "6.5.0", "6.6.0_build.1", "7.0.0-rc.1", "6.4.0");
    assertThat(ChartVersionSelector.newestTag(tags, ">=6.0.0", null)).contains("6.6.0_build.1");
    assertThat(ChartVersionSelector.newestTag(tags, ">=6.0.0-0", null)).contains("7.0.0-rc.1");
    assertThat(ChartVersionSelector.newestTag(tags, "*", Pattern.compile("^6\\.[45]"))).contains("6.5.0");
    assertThat(ChartVersionSelector.newestTag(tags, ">=8", null)).isEmpty();
  }
}
