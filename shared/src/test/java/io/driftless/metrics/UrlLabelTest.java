package io.driftless.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A GitRepository's url label never carries the credentials a URL may hold. */
class UrlLabelTest {
  @Test
  void userInfoIsTakenOutOfTheUrl() {
    assertThat(FleetMetrics.withoutUserInfo("https://x-access-token:ghp_secret@github.com/acme/fleet.git"))
        .isEqualTo("https://github.com/acme/fleet.git");
    assertThat(FleetMetrics.withoutUserInfo("ssh://git@github.com/acme/fleet.git")).isEqualTo("ssh://github.com/acme/fleet.git");
    assertThat(FleetMetrics.withoutUserInfo("https://github.com/acme/fleet.git")).isEqualTo("https://github.com/acme/fleet.git");
    assertThat(FleetMetrics.withoutUserInfo("file:///tmp/repo@1")).isEqualTo("file:///tmp/repo@1");
  }
}
