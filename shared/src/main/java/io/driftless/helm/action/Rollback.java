package io.driftless.helm.action;

import io.driftless.apply.ChangeSet;
import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.KubeObject;
import io.driftless.model.Reason;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;

/**
 * A rollback as Helm 3's {@code action.Rollback} writes it (helm.md §2.3 remediation): revision N+1,
 * {@code pending-rollback} "Rollback to M", carrying revision M's chart, values, manifest and hooks;
 * the pre-rollback hooks; M's objects re-applied with Driftless's staged server-side apply and what
 * the failed revision added pruned; the wait; the post-rollback hooks; then every deployed revision
 * superseded and N+1 deployed ({@link ReleaseRun}, as install and upgrade). The failed revision stays
 * failed. {@code rollback.disableHooks}, {@code disableWait} and {@code timeout} are honoured;
 * {@code cleanupOnFail} deletes what a rollback whose apply failed created. {@code force} is Helm's
 * force-replace, which helm-controller turns off under server-side apply ({@code ForceReplace = force
 * && !SSA}); Driftless always applies server-side with conflicts forced, so it has the effect Flux's
 * has there: none. {@code recreate} is deprecated and does nothing in Helm 4, as here.
 */
public final class Rollback {
  private final KubernetesClient client;
  private final ReleaseObjects objects;
  private final HookRunner hooks;
  private final Clock clock;

  public Rollback(KubernetesClient client, ReleaseObjects objects, HookRunner hooks, Clock clock) {
    this.client = client;
    this.objects = objects;
    this.hooks = hooks;
    this.clock = clock;
  }

  public void rollback(HelmRelease hr, ReleaseStorage storage, StoredRelease current, StoredRelease target,
      HelmReleaseStatus status, ChangeSet changes) {
    HelmRelease.Rollback config = hr.spec().rollback();
    boolean disableHooks = config != null && Boolean.TRUE.equals(config.disableHooks());
    boolean disableWait = config != null && Boolean.TRUE.equals(config.disableWait());
    String release = current.namespace() + "/" + current.name();
    String chart = target.chartName() + "@" + target.chartVersion();
    StoredRelease pending = StoredRelease.rollback(current, target, clock.instant());
    String origin = hr.subject() + " rollback to v" + target.version() + " chart " + chart;
    List<KubeObject> wanted = objects.of(hr, current.name(), current.namespace(), origin, target.manifest());
    new ReleaseRun(hr, client, storage, hooks).run(new ReleaseRun.Plan("rollback", pending, List.of(), wanted,
        !disableHooks, !disableWait, target.chartVersion(), configDigest(status, target), true, pending.description(),
        cause -> "Rollback \"" + current.name() + "\" failed: " + cause, Reason.ROLLBACK_FAILED,
        cause -> hr.subject() + ": Helm rollback to previous release " + release + ".v" + target.version()
            + " with chart " + chart + " failed: " + cause,
        e -> ActionFlags.cleanupOnFailedRollback(hr, client, changes, e)), status, changes);
  }

  /** The target's config digest as recorded, else computed from its stored values. */
  private static String configDigest(HelmReleaseStatus status, StoredRelease target) {
    return status.getHistory().stream().filter(s -> s.version() == target.version())
        .map(HelmReleaseStatus.ReleaseSnapshot::configDigest).findFirst()
        .orElseGet(() -> ValuesInputs.configDigest(target.config()));
  }
}
