package io.driftless.record;

import java.util.Set;

/** The tree's work items as found in Git: Kustomizations, Helm objects, Providers and Alerts, Receivers; added, replaced, suspended, removed. One role of the {@link StateStore}. */
public interface WorkItemStore {
  /** Creates or replaces the work item's manifest, keeping its status and version; it follows nothing. */
  default void putKustomization(String cluster, String key, String root, String parent, String manifest) {
    putKustomization(cluster, key, root, parent, manifest, Set.of());
  }

  /**
   * As {@link #putKustomization(String, String, String, String, String)}, recording the keys of the
   * Kustomizations of its tree it {@code dependsOn}, so {@link FleetRecords#dependentsOf} finds it.
   */
  void putKustomization(String cluster, String key, String root, String parent, String manifest, Set<String> dependsOn);

  void deleteKustomization(String cluster, String key);

  /**
   * Marks a Kustomization work item suspended or not ({@code driftless suspend|resume ks}), leaving
   * its manifest, status and version alone. Throws IllegalArgumentException when it is not recorded.
   */
  void setKustomizationSuspended(String cluster, String key, boolean suspended);

  /** Creates or replaces a Helm work item's manifest ({@code key} is {@code Kind/ns/name}), keeping its status. */
  void putHelmObject(String cluster, String key, String root, String parent, String manifest);

  void deleteHelmObject(String cluster, String key);

  /** Creates or replaces a Provider or Alert ({@code key} is {@code Kind/ns/name}) found in {@code parent}'s build. */
  void putNotification(String cluster, String key, String root, String parent, String manifest);

  void deleteNotification(String cluster, String key);

  /**
   * Marks a Helm work item suspended or not ({@code driftless suspend|resume hr}), leaving its
   * manifest, status and version alone. Throws IllegalArgumentException when it is not recorded.
   */
  void setHelmSuspended(String cluster, String key, boolean suspended);

  /** Records a Flux Receiver under its webhook digest, replacing what that digest held. */
  void putReceiver(ReceiverRecord receiver);

  void deleteReceiver(String digest);
}
