package io.driftless.helm.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import io.driftless.helm.render.Capabilities;
import io.driftless.helm.render.ChartRenderer;
import io.driftless.helm.render.RenderRequest;
import io.driftless.helm.render.RenderedChart;
import io.driftless.helm.render.RenderedHook;
import io.driftless.helm.render.TestCharts;
import io.driftless.local.RealApiServer;
import io.driftless.local.SharedRealApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases written by {@link ReleaseStorage} are Helm's own to Helm 3.21 (through helm-java) on a real
 * API server, and releases Helm writes read back here field for field.
 */
class HelmStorageInteropTest {
  private static final Map<String, Object> VALUES = Map.of("greeting", "hi", "replicas", 2);
  @TempDir static Path dir;
  private static RealApiServer server;
  private static Path chart;
  private static ChartRenderer renderer;

  @BeforeAll
  static void start() throws IOException {
    server = SharedRealApiServer.get().orElse(null);
    assumeTrue(server != null, "no real API server: " + SharedRealApiServer.unavailableReason());
    chart = TestCharts.shop(dir.resolve("charts"));
    renderer = new ChartRenderer(dir.resolve("work"));
  }

  private static String namespace() {
    String name = "helm-" + UUID.randomUUID().toString().substring(0, 8);
    server.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  private static RenderedChart render(String namespace) {
    return renderer.render(new RenderRequest(chart, "web", namespace, VALUES, new Capabilities("v1.20.2", List.of())));
  }

  private static StoredRelease revision(String namespace, int version, ReleaseStatus status, String description) {
    RenderedChart rendered = render(namespace);
    ReleaseContent content = new ReleaseContent("web", namespace, rendered.chart(), VALUES, rendered.manifest(),
        rendered.hooks().stream().map(HelmStorageInteropTest::hook).toList(), rendered.notes());
    Instant now = Instant.parse("2026-12-01T10:00:00.123456789Z");
    return StoredRelease.create(content, version, status, description, now, now.plusSeconds(version));
  }

  private static ReleaseHook hook(RenderedHook hook) {
    return new ReleaseHook(hook.name(), hook.kind(), hook.path(), hook.manifest(), hook.events(), hook.weight(),
        hook.deletePolicies(), hook.outputLogPolicies(), HookRun.NEVER);
  }

  private static ReleaseStorage storage(String namespace) {
    return new SecretReleaseStorage(server.client(), namespace, Clock.systemUTC());
  }

  @Test
  void helmListsHistoryAndValuesOfAReleaseWrittenHere() throws IOException {
    String ns = namespace();
    storage(ns).create(revision(ns, 1, ReleaseStatus.DEPLOYED, "Install complete"), 5);

    List<Release> releases = Helm.list().withNamespace(ns).withKubeConfig(server.kubeconfig()).call();
    assertThat(releases).hasSize(1);
    assertThat(releases.get(0).getName()).isEqualTo("web");
    assertThat(releases.get(0).getStatus()).isEqualTo("deployed");
    assertThat(releases.get(0).getRevision()).isEqualTo("1");
    assertThat(releases.get(0).getChart()).isEqualTo("shop-1.2.3");
    assertThat(releases.get(0).getAppVersion()).isEqualTo("2.0");
    List<ReleaseHistory> history = Helm.history("web").withNamespace(ns).withKubeConfig(server.kubeconfig()).call();
    assertThat(history).extracting(ReleaseHistory::getRevision, ReleaseHistory::getStatus, ReleaseHistory::getDescription)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "deployed", "Install complete"));
    String values = Helm.get("web").values().withNamespace(ns).withKubeConfig(server.kubeconfig()).call();
    assertThat(new ObjectMapper(new YAMLFactory()).readValue(values, Map.class)).isEqualTo(VALUES);
    Release status = Helm.status("web").withNamespace(ns).withKubeConfig(server.kubeconfig()).call();
    assertThat(status.getOutput()).contains("Thank you for installing shop as web in " + ns);

    Secret secret = server.client().secrets().inNamespace(ns).withName("sh.helm.release.v1.web.v1").get();
    assertThat(secret.getType()).isEqualTo("helm.sh/release.v1");
    assertThat(secret.getMetadata().getLabels()).containsEntry("owner", "helm").containsEntry("name", "web")
        .containsEntry("status", "deployed").containsEntry("version", "1").containsKey("createdAt");
  }

  @Test
  void aReleaseHelmInstallsReadsBackHereAsTheRendererRendersIt() throws IOException {
    String ns = namespace();
    Path values = Files.writeString(dir.resolve("values-" + ns + ".yaml"),
        new ObjectMapper(new YAMLFactory()).writeValueAsString(VALUES));
    new Helm(chart).install().withName("web").withNamespace(ns).withValuesFile(values)
        .withKubeConfig(server.kubeconfig()).call();

    StoredRelease installed = storage(ns).latest("web").orElseThrow();
    RenderedChart rendered = render(ns);
    assertThat(installed.version()).isEqualTo(1);
    assertThat(installed.status()).isEqualTo(ReleaseStatus.DEPLOYED);
    assertThat(installed.description()).isEqualTo("Install complete");
    assertThat(installed.config()).isEqualTo(VALUES);
    assertThat(installed.manifest()).isEqualTo(rendered.manifest());
    assertThat(installed.notes()).isEqualTo(rendered.notes());
    // the hooks Helm ran carry its default delete policy; the test hook has not run
    List<ReleaseHook> expected = rendered.hooks().stream().map(HelmStorageInteropTest::hook)
        .map(h -> h.events().contains("test") ? h : h.withDefaultDeletePolicy()).toList();
    assertThat(installed.hooks()).extracting(ReleaseHook::name, ReleaseHook::path, ReleaseHook::manifest,
            ReleaseHook::events, ReleaseHook::weight, ReleaseHook::deletePolicies)
        .containsExactlyElementsOf(expected.stream().map(h -> org.assertj.core.groups.Tuple.tuple(
            h.name(), h.path(), h.manifest(), h.events(), h.weight(), h.deletePolicies())).toList());
    assertThat(installed.hooks()).filteredOn(h -> h.events().contains("pre-install"))
        .allMatch(h -> h.lastRun().phase().equals("Succeeded"));
    // Helm stores the chart after its in-memory dependency processing: enabled subcharts are marked
    // enabled and their values key gains an empty global map; everything else is the chart as loaded
    ObjectNode helmChart = installed.chart();
    ((ObjectNode) helmChart.path("metadata").path("dependencies").get(0)).remove("enabled");
    ((ObjectNode) helmChart.path("values").path("cache")).remove("global");
    assertThat(helmChart).isEqualTo(rendered.chart());
    assertThat(installed.firstDeployed()).isNotNull();
  }

  @Test
  void helmUpgradesAReleaseWrittenHereAndSupersedesIt() {
    String ns = namespace();
    ReleaseStorage storage = storage(ns);
    storage.create(revision(ns, 1, ReleaseStatus.DEPLOYED, "Install complete"), 5);

    new Helm(chart).upgrade().withName("web").withNamespace(ns).set("greeting", "hello-again")
        .withKubeConfig(server.kubeconfig()).call();

    List<StoredRelease> history = storage.history("web");
    assertThat(history).extracting(StoredRelease::version, StoredRelease::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, ReleaseStatus.SUPERSEDED),
            org.assertj.core.groups.Tuple.tuple(2, ReleaseStatus.DEPLOYED));
    assertThat(history.get(1).description()).isEqualTo("Upgrade complete");
    assertThat(history.get(1).config()).isEqualTo(Map.of("greeting", "hello-again"));
    assertThat(storage.deployed("web")).map(StoredRelease::version).contains(2);
    assertThat(server.client().configMaps().inNamespace(ns).withName("web-shop").get().getData())
        .containsEntry("greeting", "HELLO-AGAIN");
  }

  @Test
  void aReleaseLeftPendingIsUnlockedToFailedAndHelmCanUpgradeItAgain() {
    String ns = namespace();
    ReleaseStorage storage = storage(ns);
    storage.create(revision(ns, 1, ReleaseStatus.DEPLOYED, "Install complete"), 5);
    storage.create(revision(ns, 2, ReleaseStatus.PENDING_UPGRADE, "Preparing upgrade"), 5);

    assertThatThrownBy(() -> new Helm(chart).upgrade().withName("web").withNamespace(ns)
        .withKubeConfig(server.kubeconfig()).call())
        .hasMessageContaining("another operation (install/upgrade/rollback) is in progress");

    StoredRelease unlocked = storage.unlock("web").orElseThrow();
    assertThat(unlocked.version()).isEqualTo(2);
    assertThat(storage.get("web", 2).orElseThrow().status()).isEqualTo(ReleaseStatus.FAILED);
    assertThat(storage.get("web", 2).orElseThrow().description())
        .isEqualTo("Release unlocked from stale 'pending-upgrade' state");
    assertThat(server.client().secrets().inNamespace(ns).withName("sh.helm.release.v1.web.v2").get()
        .getMetadata().getLabels()).containsEntry("status", "failed").containsKey("modifiedAt");
    assertThat(storage.unlock("web")).isEmpty();

    new Helm(chart).upgrade().withName("web").withNamespace(ns).withKubeConfig(server.kubeconfig()).call();
    assertThat(storage.latest("web")).map(StoredRelease::version).contains(3);
    assertThat(storage.latest("web")).map(StoredRelease::status).contains(ReleaseStatus.DEPLOYED);
  }

  @Test
  void maxHistoryPrunesTheOldestRevisionsButNeverTheDeployedOne() {
    String ns = namespace();
    ReleaseStorage storage = storage(ns);
    List.of(ReleaseStatus.SUPERSEDED, ReleaseStatus.DEPLOYED, ReleaseStatus.FAILED, ReleaseStatus.FAILED)
        .forEach(status -> storage.create(revision(ns, storage.history("web").size() + 1, status, "step"), 0));

    storage.create(revision(ns, 5, ReleaseStatus.FAILED, "Upgrade failed"), 3);

    assertThat(storage.history("web")).extracting(StoredRelease::version).containsExactly(2, 4, 5);
    List<ReleaseHistory> helmHistory = Helm.history("web").withNamespace(ns).withKubeConfig(server.kubeconfig()).call();
    assertThat(helmHistory).extracting(ReleaseHistory::getRevision).containsExactly(2, 4, 5);
  }

  @Test
  void aRollbackWrittenHereIsRevisionNPlusOneToHelmAndHelmUpgradesOnFromIt() throws IOException {
    String ns = namespace();
    ReleaseStorage storage = storage(ns);
    new Helm(chart).install().withName("web").withNamespace(ns).set("greeting", "first")
        .withKubeConfig(server.kubeconfig()).call();
    new Helm(chart).upgrade().withName("web").withNamespace(ns).set("greeting", "second")
        .withKubeConfig(server.kubeconfig()).call();

    StoredRelease rollback = StoredRelease.rollback(storage.latest("web").orElseThrow(),
        storage.get("web", 1).orElseThrow(), Instant.now());
    storage.create(rollback, 10);
    assertThat(storage.supersedeDeployed("web")).containsExactly(2);
    storage.update(rollback.withStatus(ReleaseStatus.DEPLOYED, rollback.description()));

    List<ReleaseHistory> history = Helm.history("web").withNamespace(ns).withKubeConfig(server.kubeconfig()).call();
    assertThat(history).extracting(ReleaseHistory::getRevision, ReleaseHistory::getStatus, ReleaseHistory::getDescription)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "superseded", "Install complete"),
            org.assertj.core.groups.Tuple.tuple(2, "superseded", "Upgrade complete"),
            org.assertj.core.groups.Tuple.tuple(3, "deployed", "Rollback to 1"));
    String values = Helm.get("web").values().withNamespace(ns).withKubeConfig(server.kubeconfig()).call();
    assertThat(new ObjectMapper(new YAMLFactory()).readValue(values, Map.class)).isEqualTo(Map.of("greeting", "first"));
    assertThat(storage.get("web", 3).orElseThrow().manifest()).isEqualTo(storage.get("web", 1).orElseThrow().manifest());

    new Helm(chart).upgrade().withName("web").withNamespace(ns).set("greeting", "third")
        .withKubeConfig(server.kubeconfig()).call();
    assertThat(storage.history("web")).extracting(StoredRelease::version, StoredRelease::status).endsWith(
        org.assertj.core.groups.Tuple.tuple(3, ReleaseStatus.SUPERSEDED),
        org.assertj.core.groups.Tuple.tuple(4, ReleaseStatus.DEPLOYED));
  }

  @Test
  void helmUninstallRemovesAReleaseWrittenHere() {
    String ns = namespace();
    ReleaseStorage storage = storage(ns);
    storage.create(revision(ns, 1, ReleaseStatus.DEPLOYED, "Install complete"), 5);

    Helm.uninstall("web").withNamespace(ns).withKubeConfig(server.kubeconfig()).call();

    assertThat(storage.history("web")).isEmpty();
    assertThat(storage.latest("web")).isEmpty();
  }
}
