package io.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactTest {

  @Test
  void httpsUserInfoIsHiddenWhole() {
    assertThat(Redact.url("fetching https://bot:ghp_abc@github.com/o/r.git failed"))
        .isEqualTo("fetching https://***@github.com/o/r.git failed");
  }

  @Test
  void sshKeepsTheUserButHidesAPassword() {
    assertThat(Redact.url("ssh://git:hunter2@example.com:2222/r.git")).isEqualTo("ssh://git:***@example.com:2222/r.git");
    assertThat(Redact.url("ssh://git@example.com/r.git")).isEqualTo("ssh://git@example.com/r.git");
  }
}
