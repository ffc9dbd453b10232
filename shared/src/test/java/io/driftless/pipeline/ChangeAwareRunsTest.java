package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Condition;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.Reason;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.dynamo.DynamoStateStore;
import io.driftless.source.GitSource;
import io.driftless.source.SourceFetcher;
import io.driftless.source.SourceSnapshot;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.SignedPush;
import io.driftless.testing.TestCluster;
import io.driftless.testing.TestStores;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A push applies only the Kustomizations whose build it changed; the others move to the new revision
 * without a request to the cluster, and their scheduled drift check still corrects a hand edit. A tick
 * with nothing due writes nothing, takes no lease and fetches the source once.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class ChangeAwareRunsTest {
  private static final String SECRET = "test-webhook-secret";
  private static final String[] APPS = {"alpha", "beta", "gamma"};
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private GitRemote remote;
  private LocalFleet fleet;
  private DynamoStateStore store;
  private final AtomicInteger fetches = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    remote = GitRemote.create(tmp.resolve("repo"), "main");
    for (String app : APPS) {
      remote.write("clusters/demo/" + app + ".yaml", kustomization(app, app, ""))
          .write(app + "/settings.yaml", configMap("default", app + "-settings", "v1"))
          .write(app + "/flags.yaml", configMap("default", app + "-flags", "on"));
    }
    Path secret = Files.writeString(tmp.resolve("secret"), SECRET);
    store = TestStores.inMemory();
    fleet = LocalFleet.start(tmp, cluster, store, this::counting).bootstrap(remote, secret.toString());
  }

  @AfterEach
  void tearDown() {
    fleet.close();
    remote.close();
  }

  private SourceFetcher counting(SourceFetcher fetcher) {
    return new SourceFetcher() {
      @Override
      public SourceSnapshot fetch(GitSource source) {
        fetches.incrementAndGet();
        return fetcher.fetch(source);
      }

      @Override
      public java.util.Optional<SourceSnapshot> cached(GitSource source, io.driftless.model.Revision revision) {
        return fetcher.cached(source, revision);
      }
    };
  }

  private void push(String commit) {
    var response = fleet.engine().webhook(SignedPush.request(SECRET, SignedPush.body(remote.url(), "main", commit)));
    assertThat(response.status()).isEqualTo(202);
    fleet.engine().drainPending();
  }

  private KustomizationStatus status(String app) {
    return store.getKustomization("demo", "flux-system/" + app).map(KustomizationRecord::status).orElseThrow();
  }

  private ConfigMap configMapOf(String name) {
    return fleet.kube().configMaps().inNamespace("default").withName(name).get();
  }

  @Test
  void aPushThatChangesOneAppAppliesOnlyThatApp() {
    push(remote.commit("three apps"));
    ApiRequestCounter requests = fleet.engine().apiRequests();
    long appliesBefore = requests.count("PATCH");
    long dryRunsBefore = requests.count("PATCH dryRun");
    String second = remote.write("beta/settings.yaml", configMap("default", "beta-settings", "v2")).commit("beta v2");

    push(second);

    assertThat(requests.count("PATCH") - appliesBefore).as("applies: beta's changed ConfigMap only").isEqualTo(1);
    assertThat(requests.count("PATCH dryRun") - dryRunsBefore).as("dry runs: beta's objects at most").isLessThanOrEqualTo(2);
    assertThat(configMapOf("beta-settings").getData()).containsEntry("value", "v2");
    for (String app : APPS) {
      KustomizationStatus s = status(app);
      assertThat(s.isReady()).as(app).isTrue();
      assertThat(s.getLastAppliedRevision()).as(app).isEqualTo("main@sha1:" + second);
      assertThat(s.condition(Condition.READY).orElseThrow().message()).isEqualTo("Applied revision: main@sha1:" + second);
    }
  }

  @Test
  void aLaterScheduledCheckStillCorrectsAHandEditInAnUnchangedApp() {
    push(remote.commit("three apps"));
    Instant applied = Instant.now();
    push(remote.write("beta/settings.yaml", configMap("default", "beta-settings", "v2")).commit("beta v2"));
    fleet.kube().configMaps().inNamespace("default").withName("alpha-settings")
        .edit(cm -> {
          cm.getData().put("value", "edited by hand");
          return cm;
        });

    ReconcileReport early = fleet.engine().schedule(applied.plus(Duration.ofMinutes(5)));
    assertThat(early.outcomes()).as("nothing is due before the interval").isEmpty();
    assertThat(configMapOf("alpha-settings").getData()).containsEntry("value", "edited by hand");

    ReconcileReport due = fleet.engine().schedule(applied.plus(Duration.ofMinutes(11)));

    assertThat(due.outcomes()).extracting(ReconcileOutcome::kustomization).contains("flux-system/alpha");
    assertThat(configMapOf("alpha-settings").getData()).containsEntry("value", "v1");
  }

  @Test
  void aTickWithNothingDueTakesNoLeaseWritesNothingAndFetchesTheSourceOnce() {
    push(remote.commit("three apps"));
    Map<String, Long> before = store.operations().snapshot();
    long writesBefore = store.operations().writes();
    int fetchesBefore = fetches.get();

    ReconcileReport tick = fleet.engine().schedule(Instant.now().plus(Duration.ofMinutes(1)));

    assertThat(tick.outcomes()).isEmpty();
    assertThat(store.operations().writes() - writesBefore)
        .as("DynamoDB writes (no lease, no status): before %s, after %s", before, store.operations().snapshot())
        .isZero();
    assertThat(fetches.get() - fetchesBefore).as("Git fetches of the one source").isEqualTo(1);
  }

  @Test
  void aNoOpReconcileWritesAtMostFourItems() {
    push(remote.commit("three apps"));
    long writesBefore = store.operations().writes();

    ReconcileReport check = fleet.engine().reconcile(new ManualReconcile("flux-system/alpha", null, false));

    assertThat(check.outcomes()).extracting(ReconcileOutcome::reason).containsExactly(Reason.RECONCILIATION_SUCCEEDED);
    assertThat(store.operations().writes() - writesBefore).as("lease, status, release").isLessThanOrEqualTo(4);
  }
}
