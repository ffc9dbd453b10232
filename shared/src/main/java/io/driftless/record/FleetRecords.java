package io.driftless.record;

import java.util.List;
import java.util.Optional;

/** The read-only view of everything recorded: what the CLI, the web UI and /metrics read. One role of the {@link StateStore}. */
public interface FleetRecords {
  Optional<ClusterRecord> getCluster(String name);

  List<ClusterRecord> listClusters();

  Optional<RootRecord> getRoot(String name);

  List<RootRecord> listRoots();

  Optional<SourceRecord> getSource(String key);

  List<SourceRecord> listSources();

  Optional<KustomizationRecord> getKustomization(String cluster, String key);

  List<KustomizationRecord> listKustomizations();

  /**
   * The Kustomizations on {@code cluster} recorded with {@code parentKey} as their parent, each read as
   * it is now: what a work item reads of its tree instead of listing it (one index Query, one read each).
   */
  List<KustomizationRecord> childrenOf(String cluster, String parentKey);

  /** The keys of {@link #childrenOf}, from the index alone (eventually consistent, no item read). */
  List<String> childKeysOf(String cluster, String parentKey);

  /** The Kustomizations of {@code root}'s tree on {@code cluster} that {@code dependsOn} {@code key}, each read as it is now. */
  List<KustomizationRecord> dependentsOf(String cluster, String root, String key);

  Optional<HelmRecord> getHelmObject(String cluster, String key);

  List<HelmRecord> listHelmObjects();

  /** The Providers and Alerts recorded for {@code cluster}. */
  List<NotificationRecord> listNotifications(String cluster);

  /** The Receiver whose webhook path is {@code /hook/<digest>}: one read, no scan. */
  Optional<ReceiverRecord> getReceiver(String digest);

  List<ReceiverRecord> listReceivers();

  /** The events of every reconcile, read only. */
  EventReader events();
}
