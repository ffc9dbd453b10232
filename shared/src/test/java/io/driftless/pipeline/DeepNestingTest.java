package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Condition;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.Reason;
import io.driftless.model.Revision;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.StateStore;
import io.driftless.source.GitSource;
import io.driftless.source.SourceFetcher;
import io.driftless.source.SourceSnapshot;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.TestCluster;
import io.driftless.testing.TestStores;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A file nested 3,000 levels deep, pushed to a reconciled repository, is refused as a parse error
 * naming the file: Ready=False, nothing applied, and the queued request completes instead of being
 * delivered again until the dead-letter queue. An {@link Error} that escapes a stage anyway is that
 * Kustomization's failure in the same way.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class DeepNestingTest {
  private static final String SECRET = "test-webhook-secret";
  private static final String APP = "flux-system/app";
  private static final String CANARY = "canary-deep-7d1e";
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private final AtomicBoolean overflow = new AtomicBoolean();
  private GitRemote remote;
  private LocalFleet fleet;
  private StateStore store;
  private KubernetesClient kube;

  @BeforeEach
  void setUp() throws Exception {
    remote = GitRemote.create(tmp.resolve("repo"), "main")
        .write("clusters/demo/app.yaml", kustomization("app", "app", ""))
        .write("app/settings.yaml", configMap("default", "settings", "before"));
    Path secret = Files.writeString(tmp.resolve("secret"), SECRET);
    fleet = LocalFleet.start(tmp, cluster, TestStores.inMemory(), this::overflowing).bootstrap(remote, secret.toString());
    kube = fleet.kube();
    store = fleet.store();
    fleet.push(remote, SECRET, remote.commit("app"));
    assertThat(ready(APP).status()).isEqualTo(Condition.TRUE);
  }

  @AfterEach
  void tearDown() {
    fleet.close();
    remote.close();
  }

  /** A ConfigMap whose data value is a mapping nested {@code depth} levels deep, in block style. */
  private static String deep(int depth) {
    StringBuilder b = new StringBuilder("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: deep, namespace: default}
        data:
        """);
    for (int i = 1; i <= depth; i++) {
      b.append("  ".repeat(i)).append("a:\n");
    }
    return b.append("  ".repeat(depth + 1)).append("x: ").append(CANARY).append('\n').toString();
  }

  @Test
  void aDeeplyNestedFilePushedThroughTheWebhookFailsTheBuildAndTheRequestCompletes() {
    remote.write("app/deep.yaml", deep(3000)).write("app/settings.yaml", configMap("default", "settings", "after"));

    fleet.push(remote, SECRET, remote.commit("deep"));

    refused(Reason.BUILD_FAILED);
    assertThat(store.pendingRequests()).as("nothing is left to redeliver").isEmpty();
  }

  @Test
  void aDeeplyNestedFlowSequenceFailsTheInProcessReconcile() {
    remote.write("app/deep.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep, namespace: default}\n"
        + "data: {x: " + "[".repeat(3000) + CANARY + "]".repeat(3000) + "}\n")
        .write("app/settings.yaml", configMap("default", "settings", "after")).commit("deep");

    fleet.engine().reconcile(ManualReconcile.all());

    refused(Reason.BUILD_FAILED);
  }

  @Test
  void anErrorThatEscapesAStageIsThatKustomizationsFailure() {
    remote.write("app/settings.yaml", configMap("default", "settings", "after"));
    overflow.set(true);

    fleet.push(remote, SECRET, remote.commit("any"));

    Condition ready = ready(Bootstrap.ROOT_KUSTOMIZATION_KEY);
    assertThat(ready.status()).isEqualTo(Condition.FALSE);
    assertThat(ready.message()).isEqualTo("Kustomization/" + Bootstrap.ROOT_KUSTOMIZATION_KEY
        + " reconcile failed: internal error (StackOverflowError)");
    assertThat(store.pendingRequests()).as("nothing is left to redeliver").isEmpty();
    assertThat(kube.configMaps().inNamespace("default").withName("settings").get().getData())
        .containsEntry("value", "before");
  }

  private void refused(Reason reason) {
    Condition ready = ready(APP);
    assertThat(ready.status()).isEqualTo(Condition.FALSE);
    assertThat(ready.reason()).isEqualTo(reason.toString());
    assertThat(ready.message()).doesNotContain("\n").doesNotContain(CANARY)
        .contains("app/deep.yaml").contains("nested deeper than 200 levels");
    assertThat(kube.configMaps().inNamespace("default").withName("deep").get()).isNull();
    assertThat(kube.configMaps().inNamespace("default").withName("settings").get().getData())
        .containsEntry("value", "before");
  }

  private Condition ready(String key) {
    KustomizationStatus status = store.getKustomization("demo", key).map(KustomizationRecord::status).orElseThrow();
    return status.condition(Condition.READY).orElseThrow();
  }

  /** The engine's fetcher, made to throw a {@link StackOverflowError} once {@link #overflow} is set. */
  private SourceFetcher overflowing(SourceFetcher fetcher) {
    return new SourceFetcher() {
      @Override
      public SourceSnapshot fetch(GitSource source) {
        if (overflow.get()) {
          throw new StackOverflowError();
        }
        return fetcher.fetch(source);
      }

      @Override
      public Optional<SourceSnapshot> cached(GitSource source, Revision revision) {
        return fetcher.cached(source, revision);
      }

      @Override
      public Optional<Set<String>> changedPaths(GitSource source, String fromCommit, String toCommit) {
        return fetcher.changedPaths(source, fromCommit, toCommit);
      }
    };
  }
}
