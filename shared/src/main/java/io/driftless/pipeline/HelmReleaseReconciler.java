package io.driftless.pipeline;

import io.driftless.helm.action.InstallUpgrade;
import io.driftless.helm.action.ValuesInputs;
import io.driftless.helm.action.TestRunner;
import io.driftless.helm.action.Rollback;
import io.driftless.helm.action.ReleaseUninstall;
import io.driftless.helm.action.ReleaseObjects;
import io.driftless.helm.action.HookRunner;
import io.driftless.helm.action.DriftCheck;
import io.driftless.apply.ApiErrors;
import io.driftless.cel.CelExpression;
import io.driftless.apply.ChangeSet;
import io.driftless.apply.ResourceManager;
import io.driftless.helm.action.ActionFailure;
import io.driftless.helm.reconcile.AtomicRelease;
import io.driftless.helm.reconcile.ReleaseState;
import io.driftless.helm.reconcile.RemediationPolicy;
import io.driftless.helm.action.RenderDigests;
import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.SecretReleaseStorage;
import io.driftless.helm.release.StoredRelease;
import io.driftless.helm.render.ChartRenderer;
import io.driftless.helm.render.ValuesException;
import io.driftless.model.Condition;
import io.driftless.model.Kustomization;
import io.driftless.model.Reason;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.HelmRecord;
import io.driftless.record.Lease;
import io.driftless.source.Digests;
import io.driftless.view.FluxObjectDocuments;
import io.driftless.source.helm.ChartArtifact;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reconciles one HelmRelease on one cluster, as helm-controller does (helm.md §2): lock, refuse
 * unsupported fields, compile the CEL fields (an invalid one stalls it), check dependsOn (a
 * {@code readyExpr} instead of the Ready check where one is given), resolve the chart, compose the
 * values, uninstall a release whose name or storage moved, reset the failure counters when the HelmRelease, chart or values changed, and
 * run the action state machine ({@link AtomicRelease}) over the release's Secret storage with the
 * actions of {@code io.driftless.helm.action} (install, upgrade, test, rollback, uninstall, drift
 * correction). The status is written either way; a failure before an action ran touches no release.
 */
final class HelmReleaseReconciler {
  private final ReconcileContext ctx;
  private final HelmChartResolver charts;
  private final ChartRenderer renderer;

  HelmReleaseReconciler(ReconcileContext ctx, HelmChartResolver charts, ChartRenderer renderer) {
    this.ctx = ctx;
    this.charts = charts;
    this.renderer = renderer;
  }

  /** The outcome, or empty when the HelmRelease is suspended. */
  Optional<ReconcileOutcome> reconcile(String cluster, String key) {
    Lease lease = LeaseWaiter.acquire(ctx, cluster, key);
    try {
      HelmRecord rec = ctx.store().getHelmObject(cluster, key)
          .orElseThrow(() -> new IllegalStateException(key + " is not registered"));
      return reconcileLocked(rec);
    } finally {
      LeaseWaiter.release(ctx, lease);
    }
  }

  private Optional<ReconcileOutcome> reconcileLocked(HelmRecord rec) {
    HelmReleaseStatus status = rec.status() == null ? new HelmReleaseStatus() : rec.status();
    ChangeSet changes = new ChangeSet();
    HelmStatusWriter writer = new HelmStatusWriter(ctx, rec);
    try {
      HelmRelease hr = (HelmRelease) WorkItems.parse(rec);
      if (hr.spec().suspended() || rec.suspended()) {
        return Optional.empty();
      }
      refuse(status, hr);
      CelFields.check(hr);
      CrossNamespaceRefs.check(ctx, hr);
      dependencies(rec, hr);
      Targets.Target where = new Targets(ctx).of(rec, hr);
      KubernetesClient client = where.apply();
      ChartArtifact artifact = charts.resolve(rec.cluster(), rec.root(), hr, where.home());
      String chartVersion = artifact.releaseChartVersion();
      Map<String, Object> values = values(hr, where.home());
      String configDigest = ValuesInputs.configDigest(values);
      String name = ReleaseNames.releaseName(hr);
      String namespace = ReleaseNames.targetNamespace(hr);
      ReleaseStorage storage = new SecretReleaseStorage(client, ReleaseNames.storageNamespace(hr), ctx.clock());
      ReleaseObjects builder = new ReleaseObjects(client);
      HookRunner hooks = new HookRunner(client, builder, ctx.clock());
      ReleaseUninstall uninstall = new ReleaseUninstall(new ResourceManager(client), hooks, ctx.clock());
      changes.addAll(uninstall.uninstallIfMoved(hr, client, status, name, namespace, storage.namespace(),
          artifact.chartName(), ctx.clock()));
      String specDigest = Digests.sha256(rec.manifest().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      RemediationPolicy.resetFailuresIfChanged(status, specDigest, chartVersion, configDigest);
      status.setLastAttemptedRevision(chartVersion);
      status.setLastAttemptedConfigDigest(configDigest);
      status.setLastAttemptedSpecDigest(specDigest);
      status.setStorageNamespace(storage.namespace());
      ReleaseState.Wanted wanted = new ReleaseState.Wanted(artifact.chartName(), chartVersion, configDigest,
          hr.spec().test() != null && hr.spec().test().enabled(), !RemediationPolicy.of(hr, status).ignoreTestFailures(),
          RenderDigests.of(hr));
      AtomicRelease.Actions actions = new AtomicRelease.Actions() {
        @Override
        public void release(boolean install) {
          new InstallUpgrade(renderer, client, storage, builder, hooks, ctx.clock()).run(hr, install, name, namespace,
              artifact, values, configDigest, status, changes);
        }

        @Override
        public void rollback(StoredRelease current, StoredRelease target) {
          new Rollback(client, builder, hooks, ctx.clock()).rollback(hr, storage, current, target, status, changes);
        }

        @Override
        public void uninstall(StoredRelease current) {
          changes.addAll(uninstall.uninstall(hr, storage, name, status.getInventory()));
          status.setInventory(List.of());
        }

        @Override
        public void test(StoredRelease deployed) {
          new TestRunner(hooks, ctx.clock()).test(hr, storage, deployed, status);
        }

        @Override
        public void inSync(StoredRelease deployed) {
          DriftCheck.check(hr, client, deployed, status, changes, ctx.clock().instant().toString());
        }

        @Override
        public void progress() {
          writer.progress(status);
        }
      };
      new AtomicRelease(hr, storage, name, status, wanted, actions, ctx.clock()).run();
      return Optional.of(writer.write(status, changes));
    } catch (StageFailure e) {
      failed(status, e.reason(), e.getMessage());
    } catch (ActionFailure e) {
      failed(status, e.reason(), e.getMessage());
    } catch (RuntimeException e) {
      failed(status, Reason.RECONCILIATION_FAILED, ApiErrors.describe(rec.key(), "reconcile", e));
    } catch (Error e) {
      failed(status, Reason.RECONCILIATION_FAILED, InternalErrors.describe(rec.key(), "reconcile", e));
    }
    return Optional.of(writer.write(status, changes));
  }

  /**
   * A refusal is terminal, as kstatus reads it: no retry runs a field Driftless does not act on, so
   * Stalled=True carries the refusal and whatever waits on the HelmRelease (a Kustomization's
   * {@code wait} or {@code healthChecks}) fails at once with it instead of timing out.
   */
  private void refuse(HelmReleaseStatus status, HelmRelease hr) {
    try {
      HelmUnsupportedFields.refuse(hr);
    } catch (StageFailure e) {
      status.setCondition(Condition.STALLED, Condition.TRUE, e.reason().flux(), e.getMessage(),
          ctx.clock().instant().toString());
      throw e;
    }
    status.removeCondition(Condition.STALLED);
  }

  private void dependencies(HelmRecord rec, HelmRelease hr) {
    for (Kustomization.DependencyRef dep : hr.spec().dependencies()) {
      String key = HelmRecord.keyOf(HelmRelease.KIND, dep.namespace() == null || dep.namespace().isBlank()
          ? hr.namespace() : dep.namespace(), dep.name());
      Optional<HelmRecord> found = ctx.store().getHelmObject(rec.cluster(), key);
      if (found.isEmpty()) {
        throw new StageFailure(Reason.DEPENDENCY_NOT_READY, hr.subject()
            + ": dependency '" + key + "' not found", null);
      }
      if (dep.readyExpr() != null && !dep.readyExpr().isBlank()) {
        readyExpr(rec, hr, dep, key, found.get());
        continue;
      }
      if (found.get().status() == null || !found.get().status().isReady()) {
        throw new StageFailure(Reason.DEPENDENCY_NOT_READY, hr.subject()
            + ": dependency '" + key + "' is not ready", null);
      }
    }
  }

  /** {@code dep}'s readyExpr on this HelmRelease and the dependency, instead of the Ready check. */
  private static void readyExpr(HelmRecord rec, HelmRelease hr, Kustomization.DependencyRef dep, String key,
      HelmRecord found) {
    boolean ready;
    try {
      ready = Dependencies.readyExprHolds(dep, Dependencies.celObject(FluxObjectDocuments.of(rec), rec.status()),
          Dependencies.celObject(FluxObjectDocuments.of(found), found.status()));
    } catch (CelExpression.EvaluationException e) {
      throw new StageFailure(Reason.DEPENDENCY_NOT_READY, hr.subject() + ": dependency '" + key + "': " + e.getMessage(), e);
    }
    if (!ready) {
      throw new StageFailure(Reason.DEPENDENCY_NOT_READY, hr.subject() + ": dependency '" + key
          + "' is not ready according to readyExpr eval", null);
    }
  }

  private static Map<String, Object> values(HelmRelease hr, KubernetesClient client) {
    try {
      return ValuesInputs.merged(hr, client);
    } catch (ValuesException e) {
      throw new StageFailure(Reason.VALUES_ERROR, hr.subject() + ": " + e.getMessage(), e);
    }
  }

  private void failed(HelmReleaseStatus s, Reason reason, String message) {
    String at = ctx.clock().instant().toString();
    s.removeCondition(Condition.RECONCILING);
    s.setCondition(Condition.READY, Condition.FALSE, reason.flux(), message, at);
    if (reason == Reason.INVALID_CEL_EXPRESSION) {
      s.setCondition(Condition.STALLED, Condition.TRUE, reason.flux(), message, at);
    }
    if (reason == Reason.INSTALL_FAILED || reason == Reason.UPGRADE_FAILED) {
      s.setCondition(Condition.RELEASED, Condition.FALSE, reason.flux(), message, at);
    }
  }
}
