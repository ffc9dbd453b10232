package io.driftless.source.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmObjects;
import io.driftless.model.helm.HelmRepository;
import io.driftless.source.Digests;
import io.driftless.testing.ChartRepositoryServer;
import io.driftless.testing.TestCertificates;
import io.driftless.testing.TestCharts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HTTPS chart repository with its own CA, and one that wants a client certificate. */
class HelmRepositoryTlsTest {
  private static final String FILE = "sources/private.yaml";
  @TempDir Path work;
  @TempDir static Path certs;
  private static TestCertificates serverCert;
  private static TestCertificates clientCert;

  /** keytool is a JVM of its own: make the two certificates once. */
  @BeforeAll
  static void makeCertificates() throws Exception {
    serverCert = TestCertificates.generate(certs, "server");
    clientCert = TestCertificates.generate(certs, "client");
  }

  private ChartRepositoryServer serve(ChartRepositoryServer server) {
    byte[] chart = TestCharts.packaged(work, "web", "1.2.3");
    server.put("/index.yaml", """
        apiVersion: v1
        entries:
          web: [{name: web, version: 1.2.3, urls: [web-1.2.3.tgz], digest: "%s"}]
        """.formatted(Digests.sha256(chart).substring(7)));
    server.put("/web-1.2.3.tgz", chart);
    return server;
  }

  private static HelmRepository repository(String url) {
    String yaml = """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata: {name: private, namespace: flux-system}
        spec: {url: "%s", certSecretRef: {name: private-tls}}
        """.formatted(url);
    return HelmObjects.helmRepository(new KubeObject(Yaml.readDocuments(FILE, yaml).get(0), FILE));
  }

  private static Map<String, byte[]> secret(String... kv) {
    Map<String, byte[]> data = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      data.put(kv[i], kv[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return data;
  }

  @Test
  void theRepositorysCaIsTrustedAndOtherwiseTheFailureIsNamed() throws Exception {
    try (ChartRepositoryServer server = serve(ChartRepositoryServer.startTls(serverCert.serverContext(null), false))) {
      HelmRepository repo = repository(server.url(""));
      RepositoryAuth tls = RepositoryAuth.fromSecretData(secret("ca.crt", serverCert.certificatePem()), "127.0.0.1");

      ChartArtifact chart = new ChartSources(new ChartCache(work.resolve("cache"))).fromHelmRepository(
          repo, tls, "web", "1.x");
      assertThat(chart.chartVersion()).isEqualTo("1.2.3");

      assertThatThrownBy(() -> new ChartSources(new ChartCache(work.resolve("cache"))).fromHelmRepository(
          repo, RepositoryAuth.NONE, "web", "*"))
          .isInstanceOf(ChartSourceException.class)
          .hasMessageStartingWith(FILE + ": HelmRepository/flux-system/private: GET " + server.url("/index.yaml") + ": ");
    }
  }

  @Test
  void aClientCertificateIsPresentedWhenTheRepositoryWantsOne() throws Exception {
    try (ChartRepositoryServer server = serve(
        ChartRepositoryServer.startTls(serverCert.serverContext(clientCert), true))) {
      RepositoryAuth tls = RepositoryAuth.fromSecretData(secret(
          "ca.crt", serverCert.certificatePem(),
          "tls.crt", clientCert.certificatePem(),
          "tls.key", clientCert.privateKeyPem()), "127.0.0.1");

      ChartArtifact chart = new ChartSources(new ChartCache(work.resolve("cache"))).fromHelmRepository(
          repository(server.url("/")), tls, "web", "1.2.3");
      assertThat(chart.chartName()).isEqualTo("web");
      assertThat(tls.toString()).doesNotContain("PRIVATE");
    }
  }

  @Test
  void secretDataIsReadAsFluxReadsIt() {
    RepositoryAuth basic = RepositoryAuth.fromSecretData(secret("username", "u", "password", "p"), "ghcr.io");
    assertThat(basic.hasBasic()).isTrue();
    assertThat(basic.toString()).isEqualTo("RepositoryAuth[basic=true, tls=false]");

    String docker = "{\"auths\":{\"ghcr.io\":{\"auth\":\""
        + java.util.Base64.getEncoder().encodeToString("bot:tok3n".getBytes(StandardCharsets.UTF_8)) + "\"}}}";
    RepositoryAuth fromDocker = RepositoryAuth.fromSecretData(secret(".dockerconfigjson", docker), "ghcr.io");
    assertThat(fromDocker.username()).isEqualTo("bot");
    assertThat(fromDocker.password()).isEqualTo("tok3n");

    assertThatThrownBy(() -> RepositoryAuth.fromSecretData(secret(".dockerconfigjson", docker), "quay.io"))
        .hasMessage(".dockerconfigjson has no login for quay.io");
    assertThatThrownBy(() -> RepositoryAuth.fromSecretData(secret("username", "u"), "ghcr.io"))
        .hasMessage("the secret must set both username and password, or neither");
    assertThatThrownBy(() -> RepositoryAuth.fromSecretData(secret("tls.crt", "x"), "ghcr.io"))
        .hasMessage("the secret must set both tls.crt and tls.key, or neither");
  }
}
