package io.driftless.record.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.Condition;
import io.driftless.model.HistoryEntry;
import io.driftless.model.InventoryEntry;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.ClusterRecord;
import io.driftless.record.HelmRecord;
import io.driftless.record.ConcurrentUpdateException;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every StateStore method round-trips through DynamoDB Local in-process. */
class DynamoStateStoreTest extends StoreTestBase {

  @Test
  void clustersRoundTripWithReferencesOnly() {
    ClusterRecord prod =
        new ClusterRecord("prod", null, null, "arn:aws:secretsmanager:eu-west-1:1:secret:prod");
    ClusterRecord dev = new ClusterRecord("dev", "/home/me/.kube/config", "kind-dev", null);
    store.putCluster(prod);
    store.putCluster(dev);

    assertThat(store.getCluster("prod")).contains(prod);
    assertThat(store.getCluster("missing")).isEmpty();
    assertThat(store.listClusters()).containsExactly(dev, prod);
  }

  @Test
  void rootsRoundTripAndAreReplacedByName() {
    RootRecord root =
        new RootRecord("fleet", "https://git.example/fleet.git", "main", "./clusters/dev", "dev",
            "env:WEBHOOK_SECRET", null);
    store.putRoot(root);
    RootRecord moved =
        new RootRecord("fleet", root.url(), "release", root.path(), "dev", null, null);
    store.putRoot(moved);

    assertThat(store.getRoot("fleet")).contains(moved);
    assertThat(store.listRoots()).containsExactly(moved);
  }

  @Test
  void helmObjectsLiveBesideKustomizationsWithTheirOwnStatusAndVersion() {
    store.putKustomization("dev", "flux-system/apps", "fleet", "", "kind: Kustomization\n");
    store.putHelmObject("dev", "HelmRelease/web/web", "fleet", "flux-system/apps", "kind: HelmRelease\n");
    store.putHelmObject("dev", "HelmRepository/web/charts", "fleet", "flux-system/apps", "kind: HelmRepository\n");
    HelmReleaseStatus status = new HelmReleaseStatus();
    status.setCondition(Condition.READY, Condition.TRUE, "InstallSucceeded", "Helm install succeeded", "2026-12-01T10:00:00Z");
    status.setLastAttemptedConfigDigest("sha256:abc");
    status.addSnapshot(new HelmReleaseStatus.ReleaseSnapshot("v2", "web", "web", 1, "deployed", "install", "web",
        "1.0.0", "1.0.0", "sha256:abc", "2026-12-01T10:00:00Z", "2026-12-01T10:00:00Z",
        java.util.Map.of("web-test", new HelmReleaseStatus.TestHookStatus("2026-12-01T10:00:01Z",
            "2026-12-01T10:00:02Z", "Succeeded"))));
    status.setUpgradeFailures(2);

    long next = store.putHelmStatus("dev", "HelmRelease/web/web", status, 0);

    HelmRecord hr = store.getHelmObject("dev", "HelmRelease/web/web").orElseThrow();
    assertThat(hr.kind()).isEqualTo("HelmRelease");
    assertThat(hr.parent()).isEqualTo("flux-system/apps");
    assertThat(hr.version()).isEqualTo(next).isEqualTo(1);
    assertThat(hr.status().isReady()).isTrue();
    assertThat(hr.status().latest().orElseThrow().chartVersion()).isEqualTo("1.0.0");
    assertThat(hr.status().latest().orElseThrow().testHooks()).containsOnlyKeys("web-test");
    assertThat(hr.status().getUpgradeFailures()).isEqualTo(2);
    assertThat(store.listHelmObjects()).extracting(HelmRecord::key)
        .containsExactlyInAnyOrder("HelmRelease/web/web", "HelmRepository/web/charts");
    assertThat(store.listKustomizations()).extracting(KustomizationRecord::key).containsExactly("flux-system/apps");
    assertThatThrownBy(() -> store.putHelmStatus("dev", "HelmRelease/web/web", status, 0))
        .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining("HelmRelease/web/web");
    store.deleteHelmObject("dev", "HelmRelease/web/web");
    assertThat(store.getHelmObject("dev", "HelmRelease/web/web")).isEmpty();
  }

  @Test
  void aSuspendMarkOutlivesANewManifestAndLeavesStatusAndVersionAlone() {
    store.putHelmObject("dev", "HelmRelease/web/web", "fleet", "flux-system/apps", "kind: HelmRelease\n");
    long version = store.putHelmStatus("dev", "HelmRelease/web/web", new HelmReleaseStatus(), 0);

    store.setHelmSuspended("dev", "HelmRelease/web/web", true);
    store.putHelmObject("dev", "HelmRelease/web/web", "fleet", "flux-system/apps", "kind: HelmRelease\nspec: {}\n");
    HelmRecord suspended = store.getHelmObject("dev", "HelmRelease/web/web").orElseThrow();
    store.setHelmSuspended("dev", "HelmRelease/web/web", false);

    assertThat(suspended.suspended()).isTrue();
    assertThat(suspended.version()).isEqualTo(version);
    assertThat(store.getHelmObject("dev", "HelmRelease/web/web").orElseThrow().suspended()).isFalse();
    assertThatThrownBy(() -> store.setHelmSuspended("dev", "HelmRelease/web/nope", true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HelmRelease/web/nope");
  }

  @Test
  void sourcesRoundTrip() {
    SourceRecord source =
        new SourceRecord("flux-system/apps", "fleet", "https://git.example/apps.git",
            "kind: GitRepository\n", "env:GIT_TOKEN", "main@sha1:0123abcd", "2026-11-22T11:00:00Z");
    store.putSource(source);

    assertThat(store.getSource("flux-system/apps")).contains(source);
    assertThat(store.listSources()).containsExactly(source);
  }

  @Test
  void newKustomizationStartsAtVersionZeroWithEmptyStatus() {
    store.putKustomization("dev", "flux-system/apps", "fleet", "", "kind: Kustomization\n");

    KustomizationRecord record = store.getKustomization("dev", "flux-system/apps").orElseThrow();
    assertThat(record)
        .extracting(
            KustomizationRecord::cluster,
            KustomizationRecord::key,
            KustomizationRecord::root,
            KustomizationRecord::parent,
            KustomizationRecord::manifest,
            KustomizationRecord::version)
        .containsExactly("dev", "flux-system/apps", "fleet", "", "kind: Kustomization\n", 0L);
    assertThat(record.status().getConditions()).isEmpty();
    assertThat(record.lastReconciledAt()).isNull();
  }

  @Test
  void statusRoundTripsConditionsInventoryAndHistory() {
    store.putKustomization("dev", "flux-system/apps", "fleet", null, "kind: Kustomization\n");
    KustomizationStatus status = readyStatus();

    long version = store.putStatus("dev", "flux-system/apps", status, 0);

    KustomizationRecord record = store.getKustomization("dev", "flux-system/apps").orElseThrow();
    assertThat(version).isEqualTo(1);
    assertThat(record.version()).isEqualTo(1);
    assertThat(record.lastReconciledAt()).isEqualTo(NOW.toString());
    assertThat(record.status()).usingRecursiveComparison().isEqualTo(status);
    assertThat(record.status().isReady()).isTrue();
  }

  @Test
  void putKustomizationKeepsStatusAndVersion() {
    store.putKustomization("dev", "flux-system/apps", "fleet", "flux-system/fleet", "v: 1\n");
    store.putStatus("dev", "flux-system/apps", readyStatus(), 0);

    store.putKustomization("dev", "flux-system/apps", "fleet", "flux-system/fleet", "v: 2\n");

    KustomizationRecord record = store.getKustomization("dev", "flux-system/apps").orElseThrow();
    assertThat(record.manifest()).isEqualTo("v: 2\n");
    assertThat(record.version()).isEqualTo(1);
    assertThat(record.status().getInventory()).hasSize(2);
  }

  @Test
  void deletedKustomizationIsGone() {
    store.putKustomization("dev", "flux-system/apps", "fleet", "", "v: 1\n");
    store.putKustomization("prod", "flux-system/apps", "fleet", "", "v: 1\n");

    store.deleteKustomization("dev", "flux-system/apps");

    assertThat(store.getKustomization("dev", "flux-system/apps")).isEmpty();
    assertThat(store.listKustomizations())
        .extracting(KustomizationRecord::cluster)
        .containsExactly("prod");
  }

  @Test
  void statusWriteFromStaleVersionIsRefused() {
    store.putKustomization("dev", "flux-system/apps", "fleet", "", "v: 1\n");
    store.putStatus("dev", "flux-system/apps", readyStatus(), 0);

    KustomizationStatus stale = new KustomizationStatus();
    assertThatThrownBy(() -> store.putStatus("dev", "flux-system/apps", stale, 0))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("flux-system/apps")
        .hasMessageContaining("dev");
    assertThat(store.getKustomization("dev", "flux-system/apps").orElseThrow().status().isReady())
        .isTrue();
  }

  @Test
  void statusWriteForUnknownKustomizationIsRefused() {
    assertThatThrownBy(() -> store.putStatus("dev", "flux-system/ghost", readyStatus(), 0))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("flux-system/ghost");
    assertThat(store.listKustomizations()).isEmpty();
  }

  @Test
  void listsReturnOnlyTheirType() {
    store.putCluster(new ClusterRecord("dev", "/kube", null, null));
    String url = "https://git.example/f.git";
    store.putRoot(new RootRecord("fleet", url, "main", ".", "dev", null, null));
    store.putSource(new SourceRecord("flux-system/fleet", "fleet", url, "", null, null, null));
    store.putKustomization("dev", "flux-system/fleet", "fleet", "", "");
    store.tryLock("dev", "flux-system/fleet", "worker-1", Duration.ofMinutes(1));
    store.recordDelivery("delivery-1", NOW, Duration.ofHours(1));
    store.enqueue(
        new ReconcileRequest(
            "r1", ReconcileRequest.KIND_SOURCE, "flux-system/fleet", "", "push", NOW.toString()));

    assertThat(store.listClusters()).extracting(ClusterRecord::name).containsExactly("dev");
    assertThat(store.listRoots()).extracting(RootRecord::name).containsExactly("fleet");
    assertThat(store.listSources())
        .extracting(SourceRecord::key)
        .containsExactly("flux-system/fleet");
    assertThat(store.listKustomizations())
        .extracting(KustomizationRecord::key)
        .containsExactly("flux-system/fleet");
    assertThat(store.pendingRequests()).extracting(ReconcileRequest::id).containsExactly("r1");
  }

  @Test
  void requestsArePendingOldestFirstUntilCompleted() {
    ReconcileRequest later = new ReconcileRequest("a", ReconcileRequest.KIND_KUSTOMIZATION,
        "flux-system/apps", "dev", "manual", "2026-11-22T12:00:02Z");
    ReconcileRequest earlier = new ReconcileRequest("b", ReconcileRequest.KIND_SOURCE,
        "flux-system/fleet", "", "push main@sha1:0123", "2026-11-22T12:00:01Z");
    store.enqueue(later);
    store.enqueue(earlier);

    assertThat(store.pendingRequests()).containsExactly(earlier, later);

    store.completeRequest("b");
    assertThat(store.pendingRequests()).containsExactly(later);
  }

  @Test
  void deliveryIsRecordedOnceAndAReplayIsRefused() {
    assertThat(store.recordDelivery("gh-1", NOW, Duration.ofHours(1))).isTrue();
    assertThat(store.recordDelivery("gh-1", NOW.plusSeconds(60), Duration.ofHours(1))).isFalse();
    assertThat(store.recordDelivery("gh-2", NOW, Duration.ofHours(1))).isTrue();
  }

  @Test
  void deliveryIsNewAgainOnceItsKeepTimeIsOver() {
    store.recordDelivery("gh-1", NOW, Duration.ofHours(1));

    Instant later = NOW.plus(Duration.ofHours(2));
    assertThat(store.recordDelivery("gh-1", later, Duration.ofHours(1))).isTrue();
  }

  static KustomizationStatus readyStatus() {
    KustomizationStatus status = new KustomizationStatus();
    status.setObservedGeneration(3);
    status.setCondition(Condition.READY, Condition.TRUE, "ReconciliationSucceeded",
        "Applied revision: main@sha1:0123abcd", "2026-11-22T12:00:00Z");
    status.setLastAppliedRevision("main@sha1:0123abcd");
    status.setLastAttemptedRevision("main@sha1:0123abcd");
    status.setInventory(List.of(
        new InventoryEntry("apps_podinfo_apps_Deployment", "v1"),
        new InventoryEntry("_apps__Namespace", "v1")));
    status.setHistory(List.of(new HistoryEntry("sha256:abc", "2026-11-22T11:00:00Z",
        "2026-11-22T12:00:00Z", "1.2s", "ReconciliationSucceeded", 4,
        Map.of("revision", "main@sha1:0123abcd"))));
    return status;
  }
}
