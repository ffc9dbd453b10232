package io.driftless.helm.action;

import io.driftless.apply.ApiErrors;
import io.driftless.apply.ApplyException;
import io.driftless.apply.ApplyOptions;
import io.driftless.apply.CelHealthRules;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The one release run that install, upgrade and rollback share, as Helm's actions write it: the new
 * revision stored pending; the {@code pre-<action>} hooks; the chart's CRDs and the objects applied with
 * staged server-side apply; what left the release pruned; the wait for the objects (kstatus, or the
 * HelmRelease's CEL {@code healthCheckExprs} for the kinds they match, as helm-controller's poller); the
 * {@code post-<action>} hooks; then the revision recorded deployed (every deployed one superseded first,
 * except on install), or failed with the cause. Each revision written goes to {@code status.history}.
 */
final class ReleaseRun {
  /** How often the wait polls the objects. */
  private static final Duration POLL = Duration.ofSeconds(2);

  /**
   * One run: {@code action} is install, upgrade or rollback; {@code failedDescription} and
   * {@code failure} turn the cause into the failed revision's description and the error; {@code onFailure}
   * runs first when the run fails (upgrade's {@code cleanupOnFail}).
   */
  record Plan(String action, StoredRelease pending, List<KubeObject> crds, List<KubeObject> objects,
      boolean runHooks, boolean waitFor, String chartVersion, String configDigest, boolean supersede,
      String deployedDescription, UnaryOperator<String> failedDescription, Reason failedReason,
      UnaryOperator<String> failure, Consumer<RuntimeException> onFailure) {}

  private final HelmRelease hr;
  private final KubernetesClient client;
  private final ReleaseStorage storage;
  private final HookRunner hooks;

  ReleaseRun(HelmRelease hr, KubernetesClient client, ReleaseStorage storage, HookRunner hooks) {
    this.hr = hr;
    this.client = client;
    this.storage = storage;
    this.hooks = hooks;
  }

  /** Runs {@code plan}; returns the deployed revision, or throws {@link ActionFailure} after recording it failed. */
  StoredRelease run(Plan plan, HelmReleaseStatus status, ChangeSet changes) {
    StoredRelease pending = plan.pending();
    String namespace = pending.namespace();
    Duration timeout = ActionTimeouts.of(hr, plan.action());
    storage.create(pending, hr.spec().effectiveMaxHistory());
    List<InventoryEntry> inventory = status.getInventory();
    List<ReleaseHook> ran = pending.hooks();
    try {
      if (plan.runHooks()) {
        ran = hooks.run(hr, namespace, ran, "pre-" + plan.action(), timeout, h -> true);
      }
      ResourceManager manager = new ResourceManager(client);
      List<KubeObject> all = new ArrayList<>(plan.crds());
      all.addAll(plan.objects());
      ChangeSet applied = manager.applyAllStaged(all, ApplyOptions.defaults());
      changes.addAll(applied);
      inventory = ChangeSet.of(applied.entries().stream()
          .filter(e -> plan.objects().stream().anyMatch(o -> o.id().equals(e.id()))).toList()).toInventory();
      List<InventoryEntry> stale = Inventories.stale(status.getInventory(), inventory);
      if (!stale.isEmpty()) {
        changes.addAll(manager.prune(stale, OwnerLabels.helm(hr.name(), hr.namespace())));
      }
      status.setInventory(inventory);
      if (plan.waitFor() && !plan.objects().isEmpty()) {
        new HealthChecker(client, POLL, ActionFlags.readiness(hr, plan.action())).waitForCurrent(plan.objects().stream()
            .map(o -> new HealthChecker.Target(o.id(), o.apiVersion())).toList(), timeout,
            CelHealthRules.of(hr.spec().healthCheckExprs()));
      }
      if (plan.runHooks()) {
        ran = hooks.run(hr, namespace, ran, "post-" + plan.action(), timeout, h -> true);
      }
    } catch (RuntimeException e) {
      plan.onFailure().accept(e);
      if (e instanceof HookRunner.HookFailure f) {
        ran = f.hooks();
      }
      if (e instanceof ApplyException partial) {
        status.setInventory(Inventories.union(inventory, partial.partial().toInventory()));
      }
      String cause = e instanceof ActionFailure || e instanceof HookRunner.HookFailure
          || e instanceof HealthChecker.HealthCheckException ? e.getMessage()
          : ApiErrors.describe(hr.subject(), plan.action(), e);
      StoredRelease failed = pending.withHooks(ran)
          .withStatus(ReleaseStatus.FAILED, plan.failedDescription().apply(cause));
      storage.update(failed);
      status.addSnapshot(Snapshots.of(failed, plan.action(), plan.chartVersion(), plan.configDigest()));
      throw new ActionFailure(plan.failedReason(), plan.failure().apply(cause), e);
    }
    if (plan.supersede()) {
      storage.supersedeDeployed(pending.name());
    }
    StoredRelease deployed = pending.withHooks(ran).withStatus(ReleaseStatus.DEPLOYED, plan.deployedDescription());
    storage.update(deployed);
    status.addSnapshot(Snapshots.of(deployed, plan.action(), plan.chartVersion(), plan.configDigest()));
    return deployed;
  }
}
