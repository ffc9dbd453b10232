package io.driftless.pipeline;

import io.driftless.apply.ApiErrors;
import io.driftless.apply.ApplyOptions;
import io.driftless.apply.ChangeSet;
import io.driftless.apply.HealthChecker;
import io.driftless.apply.Inventories;
import io.driftless.apply.OwnerLabels;
import io.driftless.apply.ResourceManager;
import io.driftless.helm.release.ReleaseHook;
import io.driftless.helm.release.ReleaseStatus;
import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.InventoryEntry;
import io.driftless.model.KubeObject;
import io.driftless.model.Reason;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A rollback as Helm 3's {@code action.Rollback} writes it (helm.md §2.3 remediation): revision N+1,
 * {@code pending-rollback} "Rollback to M", carrying revision M's chart, values, manifest and hooks;
 * the pre-rollback hooks; M's objects re-applied with Driftless's staged server-side apply and what
 * the failed revision added pruned; the wait; the post-rollback hooks; then every deployed revision
 * superseded and N+1 deployed. The failed revision stays failed. {@code rollback.disableHooks},
 * {@code disableWait} and {@code timeout} are honoured.
 */
final class HelmRollback {
  private final KubernetesClient client;
  private final HelmReleaseObjects objects;
  private final HelmHookRunner hooks;
  private final Clock clock;

  HelmRollback(KubernetesClient client, HelmReleaseObjects objects, HelmHookRunner hooks, Clock clock) {
    this.client = client;
    this.objects = objects;
    this.hooks = hooks;
    this.clock = clock;
  }

  void rollback(HelmRelease hr, ReleaseStorage storage, StoredRelease current, StoredRelease target,
      HelmReleaseStatus status, ChangeSet changes) {
    HelmRelease.Rollback config = hr.spec().rollback();
    boolean disableHooks = config != null && Boolean.TRUE.equals(config.disableHooks());
    boolean disableWait = config != null && Boolean.TRUE.equals(config.disableWait());
    Duration timeout = HelmTimeouts.of(hr, "rollback");
    String release = current.namespace() + "/" + current.name();
    String chart = target.chartName() + "@" + target.chartVersion();
    StoredRelease pending = StoredRelease.rollback(current, target, clock.instant());
    storage.create(pending, hr.spec().effectiveMaxHistory());
    List<ReleaseHook> ran = pending.hooks();
    try {
      if (!disableHooks) {
        ran = hooks.run(hr, current.namespace(), ran, "pre-rollback", timeout, h -> true);
      }
      String origin = HelmReleaseReconciler.subject(hr) + " rollback to v" + target.version() + " chart " + chart;
      List<KubeObject> wanted = objects.of(hr, current.name(), current.namespace(), origin, target.manifest());
      ResourceManager manager = new ResourceManager(client);
      ChangeSet applied = manager.applyAllStaged(wanted, ApplyOptions.defaults());
      changes.addAll(applied);
      List<InventoryEntry> inventory = applied.toInventory();
      List<InventoryEntry> stale = Inventories.stale(status.getInventory(), inventory);
      if (!stale.isEmpty()) {
        changes.addAll(manager.prune(stale, OwnerLabels.helm(hr.name(), hr.namespace())));
      }
      status.setInventory(inventory);
      if (!disableWait && !wanted.isEmpty()) {
        new HealthChecker(client, Duration.ofSeconds(1)).waitForCurrent(wanted.stream()
            .map(o -> new HealthChecker.Target(o.id(), o.apiVersion())).toList(), timeout);
      }
      if (!disableHooks) {
        ran = hooks.run(hr, current.namespace(), ran, "post-rollback", timeout, h -> true);
      }
    } catch (RuntimeException e) {
      List<ReleaseHook> recorded = e instanceof HelmHookRunner.HookFailure f ? f.hooks() : ran;
      String cause = e instanceof StageFailure || e instanceof HelmHookRunner.HookFailure
          || e instanceof HealthChecker.HealthCheckException ? e.getMessage()
          : ApiErrors.describe(HelmReleaseReconciler.subject(hr), "rollback", e);
      StoredRelease failed = pending.withHooks(recorded)
          .withStatus(ReleaseStatus.FAILED, "Rollback \"" + current.name() + "\" failed: " + cause);
      storage.update(failed);
      status.addSnapshot(HelmReleaseReconciler.snapshot(failed, "rollback", target.chartVersion(),
          configDigest(status, target)));
      throw new StageFailure(Reason.ROLLBACK_FAILED, HelmReleaseReconciler.subject(hr)
          + ": Helm rollback to previous release " + release + ".v" + target.version() + " with chart " + chart
          + " failed: " + cause, e);
    }
    storage.supersedeDeployed(current.name());
    StoredRelease deployed = pending.withHooks(ran).withStatus(ReleaseStatus.DEPLOYED, pending.description());
    storage.update(deployed);
    status.addSnapshot(HelmReleaseReconciler.snapshot(deployed, "rollback", target.chartVersion(),
        configDigest(status, target)));
  }

  /** The target's config digest as recorded, else computed from its stored values. */
  private static String configDigest(HelmReleaseStatus status, StoredRelease target) {
    return status.getHistory().stream().filter(s -> s.version() == target.version())
        .map(HelmReleaseStatus.ReleaseSnapshot::configDigest).findFirst()
        .orElseGet(() -> HelmValuesInputs.configDigest(target.config()));
  }
}
