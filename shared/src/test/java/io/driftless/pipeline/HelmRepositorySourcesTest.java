package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.helm.release.ReleaseStatus;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.Condition;
import io.driftless.record.HelmRecord;
import io.driftless.source.Digests;
import io.driftless.testing.ChartRepositoryServer;
import io.driftless.testing.FluxLayout;
import io.driftless.testing.TestCharts;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What HelmRepositories serve through a reconcile: a chart fetched with one repository's credentials
 * is never handed to another repository whose index names the same digest (the chart cache is kept
 * per source, URL and credentials), and an index far larger than SnakeYAML's default 3 MiB document
 * limit is read.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class HelmRepositorySourcesTest extends HelmReleaseTestBase {
  private static final String CANARY = "private-chart-canary-7f3a9c";
  private static final String STEAL = "HelmRelease/attacker/steal";

  @Test
  void anotherRepositoryNamingAPrivateChartsDigestDoesNotGetIt() throws Exception {
    try (ChartRepositoryServer locked = ChartRepositoryServer.start()) {
      locked.requireBasicAuth("team", "team-s3cret");
      byte[] vault = privateChart();
      locked.put("/private/vault-1.0.0.tgz", vault);
      locked.put("/private/index.yaml", index(vault, "vault-1.0.0.tgz"));
      remote.write("apps/web/kustomization.yaml", Files.readString(remote.workTree().resolve("apps/web/kustomization.yaml"))
          .replace("resources: [namespace.yaml, repository.yaml, release.yaml]",
              "resources: [namespace.yaml, repository.yaml, release.yaml, private.yaml]"));
      remote.write("apps/web/private.yaml", """
          apiVersion: v1
          kind: Secret
          metadata: {name: private-charts}
          stringData: {username: team, password: team-s3cret}
          ---
          apiVersion: source.toolkit.fluxcd.io/v1
          kind: HelmRepository
          metadata: {name: private}
          spec: {interval: 10m, url: "%s", secretRef: {name: private-charts}}
          ---
          %s""".formatted(locked.url("/private"), vaultRelease("vault", "private")));
      push(remote.commit("the team's private chart"));
      assertThat(kube.configMaps().inNamespace("web").withName("vault").get().getData())
          .containsEntry("value", CANARY);

      // another tenant's index, on a server it controls, names the private chart's digest
      charts.put("/mirror/index.yaml", index(vault, "vault-1.0.0.tgz"));
      remote.write("clusters/demo/attacker.yaml", FluxLayout.kustomization("attacker", "apps/attacker", ""));
      remote.write("apps/attacker/kustomization.yaml", """
          apiVersion: kustomize.config.k8s.io/v1beta1
          kind: Kustomization
          namespace: attacker
          resources: [steal.yaml]
          """);
      remote.write("apps/attacker/steal.yaml", """
          apiVersion: v1
          kind: Namespace
          metadata: {name: attacker}
          ---
          apiVersion: source.toolkit.fluxcd.io/v1
          kind: HelmRepository
          metadata: {name: mirror}
          spec: {interval: 10m, url: "%s"}
          ---
          %s""".formatted(charts.url("/mirror"), vaultRelease("steal", "mirror")));
      push(remote.commit("a mirror"));

      Condition ready = store.getHelmObject("demo", STEAL).map(HelmRecord::status).orElseThrow()
          .condition(Condition.READY).orElseThrow();
      assertThat(ready.status()).isEqualTo(Condition.FALSE);
      assertThat(ready.message()).isEqualTo(STEAL + ": HelmRepository/attacker/mirror: GET "
          + charts.url("/mirror/vault-1.0.0.tgz") + ": HTTP 404");
      assertThat(kube.configMaps().inNamespace("attacker").list().getItems()).extracting(ConfigMap::getData)
          .allSatisfy(data -> assertThat(String.valueOf(data)).doesNotContain(CANARY));
      assertThat(kube.secrets().inNamespace("attacker").list().getItems()).as("no Helm release stored")
          .noneMatch(secret -> secret.getType().equals("helm.sh/release.v1"));
      assertThat(charts.hits("/mirror/vault-1.0.0.tgz")).isEqualTo(1);
    }
  }

  @Test
  void anIndexOfTwentyMebibytesIsRead() {
    serve("1.1.0", TestCharts.packaged(tmp.resolve("charts"), "web", "1.1.0"));
    // as large public repositories' indexes are: thousands of versions, each with its description
    StringBuilder large = new StringBuilder("apiVersion: v1\nentries:\n  web:\n").append(index).append("  filler:\n");
    String description = "A chart version that only makes the index large. ".repeat(18);
    for (int i = 0; large.length() < 20 << 20; i++) {
      large.append("    - {name: filler, version: 0.0.").append(i).append(", urls: [filler-0.0.").append(i)
          .append(".tgz], description: \"").append(description).append("\"}\n");
    }
    charts.put("/charts/index.yaml", large.toString());
    remote.write("apps/web/release.yaml", release("1.1.0"));

    push(remote.commit("web 1.1.0 from a large index"));

    Condition ready = status().condition(Condition.READY).orElseThrow();
    assertThat(ready.status()).as(ready.message()).isEqualTo(Condition.TRUE);
    assertThat(status().getLastAttemptedRevision()).isEqualTo("1.1.0");
    assertThat(history()).extracting(StoredRelease::status).last().isEqualTo(ReleaseStatus.DEPLOYED);
    assertThat(deployment().getMetadata().getLabels()).containsEntry("version", "1.1.0");
  }

  /** A chart with a ConfigMap holding the canary: what a team keeps in its private repository. */
  private byte[] privateChart() {
    Path dir = tmp.resolve("private/vault");
    try {
      Files.createDirectories(dir.resolve("templates"));
      Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: vault\nversion: 1.0.0\n");
      Files.writeString(dir.resolve("templates/config.yaml"),
          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: vault}\ndata: {value: " + CANARY + "}\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return TestCharts.packageChart(dir);
  }

  private static String index(byte[] chart, String url) {
    return "apiVersion: v1\nentries:\n  vault:\n    - {name: vault, version: 1.0.0, urls: [%s], digest: \"%s\"}\n"
        .formatted(url, Digests.sha256(chart).substring("sha256:".length()));
  }

  private static String vaultRelease(String name, String repository) {
    return """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: %s}
        spec:
          interval: 10m
          releaseName: vault
          chart:
            spec: {chart: vault, version: "1.0.0", sourceRef: {kind: HelmRepository, name: %s}}
        """.formatted(name, repository);
  }
}
