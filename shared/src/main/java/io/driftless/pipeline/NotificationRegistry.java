package io.driftless.pipeline;

import io.driftless.model.KubeObject;
import io.driftless.notify.NotificationObjects;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.NotificationRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Records the Providers and Alerts a Kustomization's build contained, per (cluster, Kind/ns/name),
 * and forgets the ones that left it: Driftless routes events with them instead of applying them.
 */
final class NotificationRegistry {
  private NotificationRegistry() {}

  static void register(StateStore store, RootRecord root, KustomizationRecord parent, List<KubeObject> found) {
    Set<String> current = new HashSet<>();
    for (KubeObject o : found) {
      String key = NotificationObjects.parse(o).key();
      current.add(key);
      store.putNotification(root.cluster(), key, root.name(), parent.key(), WorkItems.manifest(o));
    }
    for (NotificationRecord rec : store.listNotifications(root.cluster())) {
      if (rec.parent().equals(parent.key()) && !current.contains(rec.key())) {
        store.deleteNotification(rec.cluster(), rec.key());
      }
    }
  }
}
