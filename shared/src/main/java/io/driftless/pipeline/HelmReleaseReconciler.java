package io.driftless.pipeline;

import io.driftless.helm.action.ValuesInputs;
import io.driftless.helm.action.TestRunner;
import io.driftless.helm.action.Rollback;
import io.driftless.helm.action.ReleaseUninstall;
import io.driftless.helm.action.ReleaseRun;
import io.driftless.helm.action.ReleaseObjects;
import io.driftless.helm.action.HookRunner;
import io.driftless.helm.action.DriftCheck;
import io.driftless.helm.action.ActionFlags;
import io.driftless.apply.ApiErrors;
import io.driftless.apply.ChangeSet;
import io.driftless.apply.ResourceManager;
import io.driftless.helm.action.ActionFailure;
import io.driftless.helm.reconcile.AtomicRelease;
import io.driftless.helm.reconcile.ReleaseState;
import io.driftless.helm.reconcile.RemediationPolicy;
import io.driftless.helm.reconcile.RenderDigests;
import io.driftless.helm.reconcile.ValuesFiles;
import io.driftless.helm.release.ReleaseContent;
import io.driftless.helm.release.ReleaseHook;
import io.driftless.helm.release.ReleaseStatus;
import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.SecretReleaseStorage;
import io.driftless.helm.release.StoredRelease;
import io.driftless.helm.render.Capabilities;
import io.driftless.helm.render.ChartCrd;
import io.driftless.helm.render.ChartFileException;
import io.driftless.helm.render.ChartRenderer;
import io.driftless.helm.render.HelmPostRenderer;
import io.driftless.helm.render.RenderRequest;
import io.driftless.helm.render.RenderedChart;
import io.driftless.helm.render.RenderedHook;
import io.driftless.helm.render.ValuesException;
import io.driftless.model.Condition;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.Reason;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.HelmRecord;
import io.driftless.record.Lease;
import io.driftless.source.Digests;
import io.driftless.source.helm.ChartArtifact;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reconciles one HelmRelease on one cluster, as helm-controller does (helm.md §2): lock, refuse
 * unsupported fields, check dependsOn, resolve the chart, compose the values; when the latest release
 * is deployed with the same chart version and config digest (and is the revision last recorded here),
 * nothing happens. Otherwise render, record the new revision pending, apply the objects with staged
 * server-side apply, prune what left the chart, wait for the objects, and record the revision
 * deployed (the previous one superseded) or failed. A failure before the pending revision touches no
 * release; the status is written either way.
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
      HelmUnsupportedFields.refuse(hr);
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
      changes.addAll(uninstall.uninstallIfMoved(hr, client, status, name, namespace, storage.namespace(), ctx.clock()));
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
          asAction(() -> HelmReleaseReconciler.this.release(hr, client, storage, storage.latest(name), install,
              artifact, chartVersion, values, configDigest, status, changes, name, namespace, ctx.clock().instant(),
              builder, hooks));
        }

        @Override
        public void rollback(StoredRelease current, StoredRelease target) {
          asAction(() -> new Rollback(client, builder, hooks, ctx.clock())
              .rollback(hr, storage, current, target, status, changes));
        }

        @Override
        public void uninstall(StoredRelease current) {
          asAction(() -> {
            changes.addAll(uninstall.uninstall(hr, storage, name, status.getInventory()));
            status.setInventory(List.of());
          });
        }

        @Override
        public void test(StoredRelease deployed) {
          asAction(() -> new TestRunner(hooks, ctx.clock()).test(hr, storage, deployed, status));
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

  /** One install or upgrade (helm.md §2.4): a revision is written only once the chart rendered. */
  private void release(HelmRelease hr, KubernetesClient client, ReleaseStorage storage, Optional<StoredRelease> latest,
      boolean install, ChartArtifact artifact, String chartVersion, Map<String, Object> values, String configDigest,
      HelmReleaseStatus status, ChangeSet changes, String name, String namespace, Instant now,
      ReleaseObjects builder, HookRunner hookRunner) {
    String action = install ? "install" : "upgrade";
    Reason failedReason = install ? Reason.INSTALL_FAILED : Reason.UPGRADE_FAILED;
    String release = namespace + "/" + name;
    String chart = artifact.chartName() + "@" + chartVersion;
    RenderedChart rendered;
    try {
      rendered = HelmPostRenderer.apply(hr.subject(), renderer.render(new RenderRequest(artifact.path(), name, namespace,
          values, capabilities(client), ValuesFiles.of(hr, artifact), ActionFlags.skipSchemaValidation(hr, install),
          artifact.sourceRoot())), hr.spec(), ReleaseObjects.originLabels(hr));
    } catch (ChartFileException e) {
      String field = e.valuesFile() >= 0 ? ValuesFiles.field(hr, e.valuesFile())
          : hr.spec().chartRef() != null ? "spec.chartRef" : "spec.chart.spec.chart";
      throw new StageFailure(Reason.ARTIFACT_FAILED, hr.subject() + ": " + field + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new StageFailure(failedReason, hr.subject() + ": Helm " + action + " failed for release " + release
          + " with chart " + chart + ": " + e.getMessage(), e);
    }
    String origin = hr.subject() + " chart " + chart;
    List<KubeObject> objects = builder.of(hr, name, namespace, origin, rendered.manifest());
    List<KubeObject> crds = crds(hr, client, builder, rendered.crds(), install, origin);
    int version = latest.map(r -> r.version() + 1).orElse(1);
    Instant firstDeployed = latest.filter(r -> !install).map(StoredRelease::firstDeployed).orElse(now);
    StoredRelease pending = StoredRelease.create(
        new ReleaseContent(name, namespace, rendered.chart(), values, rendered.manifest(), hooks(rendered),
            rendered.notes()),
        version, install ? ReleaseStatus.PENDING_INSTALL : ReleaseStatus.PENDING_UPGRADE,
        install ? "Initial install underway" : "Preparing upgrade", firstDeployed, now);
    createNamespace(hr, client, namespace, install);
    new ReleaseRun(hr, client, storage, hookRunner).run(new ReleaseRun.Plan(action,
        pending, crds, objects, !disableHooks(hr, install), !disableWait(hr, install), chartVersion, configDigest,
        !install, install ? "Install complete" : "Upgrade complete",
        cause -> "Release \"" + name + "\" failed: " + cause, failedReason,
        cause -> hr.subject() + ": Helm " + action + " failed for release " + release + " with chart " + chart + ": "
            + cause,
        e -> ActionFlags.cleanupOnFail(hr, client, install, changes, e)), status, changes);
    RenderDigests.of(hr).record(status);
    Reason reason = install ? Reason.INSTALL_SUCCEEDED : Reason.UPGRADE_SUCCEEDED;
    String message = "Helm " + action + " succeeded for release " + release + ".v" + version + " with chart " + chart;
    String at = ctx.clock().instant().toString();
    status.setCondition(Condition.RELEASED, Condition.TRUE, reason.flux(), message, at);
    status.setCondition(Condition.READY, Condition.TRUE, reason.flux(), message, at);
    status.removeCondition(Condition.RECONCILING);
    status.removeCondition(Condition.STALLED);
  }

  /**
   * The chart's {@code crds/} by the action's CRD policy: Skip none, Create only those the cluster
   * lacks, CreateReplace all.
   */
  private static List<KubeObject> crds(HelmRelease hr, KubernetesClient client, ReleaseObjects builder,
      List<ChartCrd> files, boolean install, String origin) {
    String policy = install
        ? (hr.spec().install() == null ? "Create" : hr.spec().install().effectiveCrds())
        : (hr.spec().upgrade() == null ? "Create" : hr.spec().upgrade().effectiveCrds());
    List<KubeObject> crds = new ArrayList<>();
    if ("Skip".equals(policy)) {
      return crds;
    }
    for (ChartCrd file : files) {
      for (KubeObject crd : builder.crds(hr, origin + " " + file.path(), file.content())) {
        boolean exists = client.apiextensions().v1().customResourceDefinitions().withName(crd.name()).get() != null;
        if ("CreateReplace".equals(policy) || !exists) {
          crds.add(crd);
        }
      }
    }
    return crds;
  }

  /** {@code install.createNamespace}: the target namespace is created when missing, and never deleted. */
  private static void createNamespace(HelmRelease hr, KubernetesClient client, String namespace, boolean install) {
    boolean wanted = install && hr.spec().install() != null && Boolean.TRUE.equals(hr.spec().install().createNamespace());
    if (wanted && client.namespaces().withName(namespace).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
    }
  }

  /** {@code install.disableWait} or {@code upgrade.disableWait}: Helm then does not wait for the objects. */
  private static boolean disableWait(HelmRelease hr, boolean install) {
    return install
        ? hr.spec().install() != null && Boolean.TRUE.equals(hr.spec().install().disableWait())
        : hr.spec().upgrade() != null && Boolean.TRUE.equals(hr.spec().upgrade().disableWait());
  }

  /** {@code install.disableHooks} or {@code upgrade.disableHooks}: Helm then stores the hooks without running them. */
  private static boolean disableHooks(HelmRelease hr, boolean install) {
    return install
        ? hr.spec().install() != null && Boolean.TRUE.equals(hr.spec().install().disableHooks())
        : hr.spec().upgrade() != null && Boolean.TRUE.equals(hr.spec().upgrade().disableHooks());
  }

  private static List<ReleaseHook> hooks(RenderedChart rendered) {
    return rendered.hooks().stream().map(HelmReleaseReconciler::hook).toList();
  }

  private static ReleaseHook hook(RenderedHook h) {
    return new ReleaseHook(h.name(), h.kind(), h.path(), h.manifest(), h.events(), h.weight(), h.deletePolicies(),
        h.outputLogPolicies(), null);
  }

  /** An action's failure as the state machine counts it. */
  private static void asAction(Runnable action) {
    try {
      action.run();
    } catch (StageFailure e) {
      throw new ActionFailure(e.reason(), e.getMessage(), e);
    }
  }

  private static Capabilities capabilities(KubernetesClient client) {
    return new Capabilities(client.getKubernetesVersion().getGitVersion(), List.of());
  }

  private void dependencies(HelmRecord rec, HelmRelease hr) {
    for (Kustomization.DependencyRef dep : hr.spec().dependencies()) {
      String key = HelmRecord.keyOf(HelmRelease.KIND, dep.namespace() == null || dep.namespace().isBlank()
          ? hr.namespace() : dep.namespace(), dep.name());
      Optional<HelmRecord> found = ctx.store().getHelmObject(rec.cluster(), key);
      if (found.isEmpty()) {
        throw new StageFailure(Reason.DEPENDENCY_NOT_READY, "HelmRelease/" + hr.namespace() + "/" + hr.name()
            + ": dependency '" + key + "' not found", null);
      }
      if (found.get().status() == null || !found.get().status().isReady()) {
        throw new StageFailure(Reason.DEPENDENCY_NOT_READY, "HelmRelease/" + hr.namespace() + "/" + hr.name()
            + ": dependency '" + key + "' is not ready", null);
      }
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
    if (reason == Reason.INSTALL_FAILED || reason == Reason.UPGRADE_FAILED) {
      s.setCondition(Condition.RELEASED, Condition.FALSE, reason.flux(), message, at);
    }
  }
}
