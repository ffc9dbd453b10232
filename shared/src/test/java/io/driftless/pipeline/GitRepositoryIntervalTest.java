package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.KustomizationStatus;
import io.driftless.record.KustomizationRecord;
import io.driftless.testing.GitHttpServer;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A GitRepository is checked on its own {@code spec.interval}, as source-controller does: a commit
 * pushed with no webhook is applied by the Kustomization using it once that interval has passed on a
 * tick, though the Kustomization's own interval is longer, and not before.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class GitRepositoryIntervalTest {
  static final String TOKEN = "interval-token";
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  GitRemote root;
  GitRemote app;
  GitHttpServer server;
  LocalFleet fleet;

  @BeforeEach
  void setUp() throws Exception {
    app = GitRemote.create(tmp.resolve("app"), "main");
    server = GitHttpServer.start(tmp.resolve("app"), TOKEN);
    settings("one").commit("one");
    root = GitRemote.create(tmp.resolve("root"), "main");
    root.write("clusters/demo/app.yaml", """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: app, namespace: flux-system}
        spec:
          interval: 5m
          url: %s
          ref: {branch: main}
          secretRef: {name: app-auth}
        ---
        """.formatted(server.url("remote.git")) + kustomization("app", "deploy", "")
        .replace("interval: 10m", "interval: 1h").replace("name: flux-system\n", "name: app\n"))
        .commit("app from its own repository");
    fleet = LocalFleet.start(tmp, cluster);
    fleet.kube().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flux-system").endMetadata()
        .build()).serverSideApply();
    fleet.kube().secrets().inNamespace("flux-system").resource(new SecretBuilder()
        .withNewMetadata().withName("app-auth").withNamespace("flux-system").endMetadata()
        .withStringData(Map.of("username", "git", "password", TOKEN)).build()).create();
    fleet.bootstrap(root, null);
  }

  @AfterEach
  void tearDown() {
    if (fleet != null) {
      fleet.close();
    }
    root.close();
    server.close();
    app.close();
  }

  private GitRemote settings(String value) {
    return app.write("deploy/settings.yaml", configMap("default", "settings", value));
  }

  @Test
  void aCommitPushedWithNoWebhookIsAppliedOnceTheSourcesIntervalHasPassed() {
    Instant start = Instant.now();
    assertThat(fleet.engine().reconcile(ManualReconcile.all()).allReady()).isTrue();
    assertThat(value()).isEqualTo("one");

    String second = settings("two").commit("two");
    tick(start.plus(Duration.ofMinutes(2)));
    assertThat(value()).as("before the GitRepository's interval").isEqualTo("one");

    tick(start.plus(Duration.ofMinutes(6)));
    assertThat(value()).as("after the GitRepository's interval").isEqualTo("two");
    assertThat(status().getLastAppliedRevision()).isEqualTo("main@sha1:" + second);

    tick(start.plus(Duration.ofMinutes(12)));
    assertThat(status().getLastAppliedRevision()).as("an unchanged revision").isEqualTo("main@sha1:" + second);
  }

  private void tick(Instant at) {
    fleet.engine().tick(at);
    fleet.engine().drainPending();
    fleet.engine().awaitIdle();
  }

  private String value() {
    ConfigMap cm = fleet.kube().configMaps().inNamespace("default").withName("settings").get();
    return cm == null ? null : cm.getData().get("value");
  }

  private KustomizationStatus status() {
    return fleet.store().getKustomization("demo", "flux-system/app").map(KustomizationRecord::status).orElseThrow();
  }
}
