package io.driftless.record;

import io.driftless.model.KustomizationStatus;
import io.driftless.model.helm.HelmReleaseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything Driftless remembers, in one DynamoDB table (key design in README.md and
 * infra/dynamodb/table.json). Implemented by {@code DynamoStateStore}, against DynamoDB Local
 * in-process by default and AWS DynamoDB when {@code DRIFTLESS_TABLE} is set.
 */
public interface StateStore extends AutoCloseable {

  void putCluster(ClusterRecord cluster);

  Optional<ClusterRecord> getCluster(String name);

  List<ClusterRecord> listClusters();

  void putRoot(RootRecord root);

  Optional<RootRecord> getRoot(String name);

  List<RootRecord> listRoots();

  /** Creates or replaces the source, keeping its suspend mark ({@link #setSourceSuspended}). */
  void putSource(SourceRecord source);

  /** Marks a source suspended or not ({@code driftless suspend|resume source git}). Throws IllegalArgumentException when it is not recorded. */
  void setSourceSuspended(String key, boolean suspended);

  Optional<SourceRecord> getSource(String key);

  List<SourceRecord> listSources();

  /** Creates or replaces the work item's manifest, keeping its status and version. */
  void putKustomization(String cluster, String key, String root, String parent, String manifest);

  Optional<KustomizationRecord> getKustomization(String cluster, String key);

  List<KustomizationRecord> listKustomizations();

  void deleteKustomization(String cluster, String key);

  /**
   * Marks a Kustomization work item suspended or not ({@code driftless suspend|resume ks}), leaving
   * its manifest, status and version alone. Throws IllegalArgumentException when it is not recorded.
   */
  void setKustomizationSuspended(String cluster, String key, boolean suspended);

  /** Creates or replaces a Helm work item's manifest ({@code key} is {@code Kind/ns/name}), keeping its status. */
  void putHelmObject(String cluster, String key, String root, String parent, String manifest);

  Optional<HelmRecord> getHelmObject(String cluster, String key);

  List<HelmRecord> listHelmObjects();

  void deleteHelmObject(String cluster, String key);

  /** Creates or replaces a Provider or Alert ({@code key} is {@code Kind/ns/name}) found in {@code parent}'s build. */
  void putNotification(String cluster, String key, String root, String parent, String manifest);

  /** The Providers and Alerts recorded for {@code cluster}. */
  List<NotificationRecord> listNotifications(String cluster);

  void deleteNotification(String cluster, String key);

  /**
   * Marks a Helm work item suspended or not ({@code driftless suspend|resume hr}), leaving its
   * manifest, status and version alone. Throws IllegalArgumentException when it is not recorded.
   */
  void setHelmSuspended(String cluster, String key, boolean suspended);

  /** As {@link #putStatus}, for a HelmRelease work item. */
  default long putHelmStatus(String cluster, String key, HelmReleaseStatus status, long expectedVersion) {
    return putHelmStatus(cluster, key, status, expectedVersion, null);
  }

  /**
   * As {@link #putHelmStatus(String, String, HelmReleaseStatus, long)}, in the same write counting a
   * reconcile that took {@code took} into the item's {@link ReconcileDurations}; null counts nothing
   * (a progress write).
   */
  long putHelmStatus(String cluster, String key, HelmReleaseStatus status, long expectedVersion, Duration took);

  /**
   * Writes the status if the record's version is still {@code expectedVersion}; returns the new
   * version. Throws {@link ConcurrentUpdateException} when someone else wrote in between.
   */
  default long putStatus(String cluster, String key, KustomizationStatus status, long expectedVersion) {
    return putStatus(cluster, key, status, expectedVersion, null);
  }

  /**
   * As {@link #putStatus(String, String, KustomizationStatus, long)}, in the same write recording
   * {@code applied} (a full apply succeeded); null keeps what was recorded before.
   */
  default long putStatus(String cluster, String key, KustomizationStatus status, long expectedVersion, AppliedState applied) {
    return putStatus(cluster, key, status, expectedVersion, applied, null);
  }

  /**
   * As {@link #putStatus(String, String, KustomizationStatus, long, AppliedState)}, in the same write
   * counting a reconcile that took {@code took} into the item's {@link ReconcileDurations}; null
   * counts nothing.
   */
  long putStatus(String cluster, String key, KustomizationStatus status, long expectedVersion, AppliedState applied,
      Duration took);

  /** Takes the lease on (cluster, key) with a conditional write; empty when someone else holds it. */
  Optional<Lease> tryLock(String cluster, String key, String holder, Duration ttl);

  void unlock(Lease lease);

  /** Records a Flux Receiver under its webhook digest, replacing what that digest held. */
  void putReceiver(ReceiverRecord receiver);

  /** The Receiver whose webhook path is {@code /hook/<digest>}: one read, no scan. */
  Optional<ReceiverRecord> getReceiver(String digest);

  List<ReceiverRecord> listReceivers();

  void deleteReceiver(String digest);

  /** Records a webhook delivery id; false when it was seen before (a replay). */
  boolean recordDelivery(String deliveryId, Instant now, Duration keepFor);

  /**
   * Queues {@code request}; false when a request with its id was queued before (a work item already
   * queued in its wave, a delivery seen twice), which then is left as it is.
   */
  boolean enqueue(ReconcileRequest request);

  Optional<ReconcileRequest> getRequest(String id);

  /** Requests not yet completed, oldest first (claimed ones too). */
  List<ReconcileRequest> pendingRequests();

  /**
   * Pending requests whose worker claimed them and then stopped renewing the claim before {@code now}
   * (it died mid-run), oldest first.
   */
  List<ReconcileRequest> abandonedRequests(Instant now);

  /**
   * Claims the pending request {@code id} for {@code holder} until now + {@code ttl} with a
   * conditional write: when nobody holds it, its holder let the claim expire, or {@code holder}
   * already holds it (a renewal). Empty when another live holder has it, or it is completed or gone.
   */
  Optional<RequestClaim> claimRequest(String id, String holder, Duration ttl);

  /** Marks the request done: it leaves the pending list, and queuing its id again in the same wave is refused. */
  void completeRequest(String id);

  /** The events of every reconcile, kept for {@code DRIFTLESS_EVENT_TTL} ({@link EventStore} writes them). */
  EventLog events();

  @Override
  void close();
}
