package io.driftless.model;

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

  @Test
  void anySchemesUserInfoIsHiddenUpToItsLastAt() {
    assertThat(Redact.url("git+https://u:canary-token@h/x and HTTP://a:b@h")).isEqualTo("git+https://***@h/x and HTTP://***@h");
    assertThat(Redact.url("https://u:p@ss@h.example/r")).isEqualTo("https://***@h.example/r");
    assertThat(Redact.url("oci://u:t@r.example/c")).isEqualTo("oci://***@r.example/c");
  }

  @Test
  void jsonAroundAUrlIsLeftAlone() {
    assertThat(Redact.url("{\"url\":\"https://h.example\",\"owner\":\"me@x\"}"))
        .isEqualTo("{\"url\":\"https://h.example\",\"owner\":\"me@x\"}");
    assertThat(Redact.url("{\"url\":\"https://u:canary-token@h.example/r\"}")).isEqualTo("{\"url\":\"https://***@h.example/r\"}");
  }

  @Test
  void aWebhookPathShowsOnlyTheStartOfItsDigest() {
    String digest = "0123456789abcdef".repeat(4);

    assertThat(Redact.hookPath(digest)).isEqualTo("/hook/012345…");
    assertThat(Redact.text("POST /hook/" + digest + " HTTP/1.1")).isEqualTo("POST /hook/012345… HTTP/1.1")
        .doesNotContain(digest.substring(6));
    assertThat(Redact.text("/hook/github")).isEqualTo("/hook/github");
  }
}
