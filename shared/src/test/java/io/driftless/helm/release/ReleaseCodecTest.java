package io.driftless.helm.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.testing.ChartBombs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ReleaseCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static StoredRelease release() {
    ObjectNode chart = JSON.createObjectNode();
    chart.putObject("metadata").put("name", "shop").put("version", "1.2.3").put("appVersion", "2.0");
    ReleaseHook hook = new ReleaseHook("web-migrate", "ConfigMap", "shop/templates/m.yaml", "kind: ConfigMap",
        List.of("pre-install"), -5, List.of("before-hook-creation"), List.of(), null);
    return StoredRelease.create(
        new ReleaseContent("web", "apps", chart, Map.of("replicas", 2), "---\n# Source: x\nkind: A\n", List.of(hook),
            "notes"),
        3, ReleaseStatus.DEPLOYED, "Upgrade complete",
        Instant.parse("2026-12-01T09:02:07.114925500Z"), Instant.parse("2026-12-01T09:03:00Z"));
  }

  @Test
  void theJsonHasHelmsFieldNamesOrderAndTimes() throws Exception {
    String encoded = ReleaseCodec.encode(release());
    byte[] gz = Base64.getDecoder().decode(encoded);
    String json = new String(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(), StandardCharsets.UTF_8);

    assertThat(JSON.readTree(json).fieldNames()).toIterable()
        .containsExactly("name", "info", "chart", "config", "manifest", "hooks", "version", "namespace");
    assertThat(json).contains("\"info\":{\"first_deployed\":\"2026-12-01T09:02:07.1149255Z\","
        + "\"last_deployed\":\"2026-12-01T09:03:00Z\",\"deleted\":\"\",\"description\":\"Upgrade complete\","
        + "\"status\":\"deployed\",\"notes\":\"notes\"}");
    assertThat(json).contains("\"hooks\":[{\"name\":\"web-migrate\",\"kind\":\"ConfigMap\",\"path\":\"shop/templates/m.yaml\","
        + "\"manifest\":\"kind: ConfigMap\",\"events\":[\"pre-install\"],"
        + "\"last_run\":{\"started_at\":\"\",\"completed_at\":\"\",\"phase\":\"\"},\"weight\":-5,"
        + "\"delete_policies\":[\"before-hook-creation\"]}]");
  }

  @Test
  void aReleaseRoundTrips() {
    StoredRelease decoded = ReleaseCodec.decode(ReleaseCodec.encode(release()), "test");

    assertThat(decoded.name()).isEqualTo("web");
    assertThat(decoded.namespace()).isEqualTo("apps");
    assertThat(decoded.version()).isEqualTo(3);
    assertThat(decoded.status()).isEqualTo(ReleaseStatus.DEPLOYED);
    assertThat(decoded.config()).isEqualTo(Map.of("replicas", 2));
    assertThat(decoded.chartName() + "-" + decoded.chartVersion()).isEqualTo("shop-1.2.3");
    assertThat(decoded.firstDeployed()).isEqualTo(Instant.parse("2026-12-01T09:02:07.1149255Z"));
    assertThat(decoded.deleted()).isNull();
    assertThat(decoded.hooks()).singleElement().satisfies(hook -> {
      assertThat(hook.weight()).isEqualTo(-5);
      assertThat(hook.lastRun()).isEqualTo(HookRun.NEVER);
    });
  }

  @Test
  void fieldsThisCodeDoesNotKnowSurviveAStatusChange() {
    ObjectNode json = release().json();
    json.put("apply_method", "ssa");
    StoredRelease rewritten = StoredRelease.of(json, "test").withStatus(ReleaseStatus.FAILED, "unlocked");

    StoredRelease decoded = ReleaseCodec.decode(ReleaseCodec.encode(rewritten), "test");
    assertThat(decoded.json().path("apply_method").asText()).isEqualTo("ssa");
    assertThat(decoded.status()).isEqualTo(ReleaseStatus.FAILED);
    assertThat(decoded.description()).isEqualTo("unlocked");
  }

  @Test
  void anUncompressedReleaseFromOldHelmDecodes() {
    String plain = Base64.getEncoder().encodeToString(
        "{\"name\":\"old\",\"version\":1,\"info\":{\"status\":\"superseded\"}}".getBytes(StandardCharsets.UTF_8));

    assertThat(ReleaseCodec.decode(plain, "test").status()).isEqualTo(ReleaseStatus.SUPERSEDED);
  }

  @Test
  void dataThatIsNotAReleaseIsNamedInOneLine() {
    assertThatThrownBy(() -> ReleaseCodec.decode("%%%", "Secret/apps/sh.helm.release.v1.web.v1"))
        .isInstanceOf(ReleaseFormatException.class)
        .hasMessage("Secret/apps/sh.helm.release.v1.web.v1: data.release is not base64");
    String notJson = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ReleaseCodec.decode(notJson, "Secret/apps/x"))
        .hasMessageStartingWith("Secret/apps/x: data.release is not gzipped release JSON");
  }

  @Test
  void aStoredReleaseThatInflatesPastTheCapIsRefused() {
    // what a tenant who may write Secrets in the storage namespace could store: 120 MiB of JSON whitespace in 120 KB
    String bomb = Base64.getEncoder().encodeToString(ChartBombs.stream((byte) ' ', 30));

    assertThatThrownBy(() -> ReleaseCodec.decode(bomb, "Secret/web/sh.helm.release.v1.web.v2"))
        .isInstanceOf(ReleaseFormatException.class)
        .hasMessage("Secret/web/sh.helm.release.v1.web.v2 data.release expands past 100 MiB");
  }
}
