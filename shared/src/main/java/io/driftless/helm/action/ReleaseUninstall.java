package io.driftless.helm.action;

import io.driftless.apply.ChangeSet;
import io.driftless.apply.OwnerLabels;
import io.driftless.apply.ResourceManager;
import io.driftless.helm.release.ReleaseHook;
import io.driftless.helm.release.ReleaseStatus;
import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.SecretReleaseStorage;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.InventoryEntry;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Helm's uninstall of one release (Helm 3 {@code action.Uninstall}), used when a HelmRelease leaves Git,
 * as install remediation, as upgrade remediation {@code uninstall}, and when the release name or
 * namespaces change: the newest revision {@code uninstalling}, the pre-delete hooks, the release's
 * objects deleted (those in the inventory that it still owns), the post-delete hooks, then the
 * release Secrets deleted, or with {@code uninstall.keepHistory} the newest one left
 * {@code uninstalled}. {@code uninstall.disableHooks} skips the hooks; {@code uninstall.deletionPropagation}
 * ({@code background} by default, {@code foreground}, {@code orphan}) is the propagation policy of each
 * delete, as Helm sends it: with {@code orphan} the objects' dependents (a Deployment's ReplicaSets and
 * Pods) stay on the cluster, with {@code foreground} the garbage collector deletes them before the object.
 */
public final class ReleaseUninstall {
  private final ResourceManager manager;
  private final HookRunner hooks;
  private final Clock clock;

  public ReleaseUninstall(ResourceManager manager, HookRunner hooks, Clock clock) {
    this.manager = manager;
    this.hooks = hooks;
    this.clock = clock;
  }

  /**
   * When the release name, the target namespace or the storage namespace changed since the last
   * release (helm.md §2.1 step 7), or the chart's name with {@code upgrade.chartNameChangeStrategy}
   * {@code Reinstall} (the default; {@code InPlaceUpdate} upgrades the release to the renamed chart), the
   * old release is uninstalled and forgotten, so that the new one is installed afresh.
   */
  public ChangeSet uninstallIfMoved(HelmRelease hr, KubernetesClient client, HelmReleaseStatus status, String name,
      String namespace, String storageNamespace, String chartName, Clock clock) {
    Optional<HelmReleaseStatus.ReleaseSnapshot> last = status.latest();
    String oldStorage = status.getStorageNamespace();
    if (last.isEmpty() || oldStorage == null) {
      return new ChangeSet();
    }
    boolean reinstall = hr.spec().upgrade() == null || hr.spec().upgrade().chartNameChangeStrategy() == null
        || "Reinstall".equals(hr.spec().upgrade().chartNameChangeStrategy());
    boolean moved = !last.get().name().equals(name) || !last.get().namespace().equals(namespace)
        || !oldStorage.equals(storageNamespace) || reinstall && !chartName.equals(last.get().chartName());
    if (!moved) {
      return new ChangeSet();
    }
    ChangeSet changes = uninstall(hr, new SecretReleaseStorage(client, oldStorage, clock), last.get().name(),
        status.getInventory());
    status.setHistory(List.of());
    status.setInventory(List.of());
    status.setStorageNamespace(null);
    return changes;
  }

  public ChangeSet uninstall(HelmRelease hr, ReleaseStorage storage, String name, List<InventoryEntry> inventory) {
    HelmRelease.Uninstall config = hr.spec().uninstall();
    boolean disableHooks = config != null && Boolean.TRUE.equals(config.disableHooks());
    boolean keep = config != null && Boolean.TRUE.equals(config.keepHistory());
    Duration timeout = ActionTimeouts.of(hr, "uninstall");
    Optional<StoredRelease> latest = storage.latest(name);
    List<ReleaseHook> ran = latest.map(StoredRelease::hooks).orElse(List.of());
    if (latest.isPresent()) {
      storage.update(latest.get().withStatus(ReleaseStatus.UNINSTALLING, "Deletion in progress (or silently failed)"));
    }
    String namespace = latest.map(StoredRelease::namespace).orElse(storage.namespace());
    if (!disableHooks) {
      ran = hooks.run(hr, namespace, ran, "pre-delete", timeout, h -> true);
    }
    ChangeSet changes = manager.prune(inventory, OwnerLabels.helm(hr.name(), hr.namespace()), propagation(config));
    if (!disableHooks) {
      ran = hooks.run(hr, namespace, ran, "post-delete", timeout, h -> true);
    }
    if (keep && latest.isPresent()) {
      storage.update(latest.get().withHooks(ran).withDeleted(clock.instant(), "Uninstallation complete"));
    } else {
      storage.history(name).forEach(r -> storage.delete(name, r.version()));
    }
    return changes;
  }

  private static DeletionPropagation propagation(HelmRelease.Uninstall config) {
    return switch (config == null ? "background" : config.effectiveDeletionPropagation()) {
      case "foreground" -> DeletionPropagation.FOREGROUND;
      case "orphan" -> DeletionPropagation.ORPHAN;
      default -> DeletionPropagation.BACKGROUND;
    };
  }
}
