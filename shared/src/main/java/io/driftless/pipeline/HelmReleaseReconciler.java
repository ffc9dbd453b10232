package io.driftless.pipeline;

import io.driftless.apply.ApiErrors;
import io.driftless.apply.ApplyOptions;
import io.driftless.apply.ChangeSet;
import io.driftless.apply.HealthChecker;
import io.driftless.apply.Inventories;
import io.driftless.apply.OwnerLabels;
import io.driftless.apply.ResourceManager;
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
import io.driftless.model.InventoryEntry;
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
import java.time.Duration;
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
      String configDigest = HelmValuesInputs.configDigest(values);
      String name = ReleaseNames.releaseName(hr);
      String namespace = ReleaseNames.targetNamespace(hr);
      ReleaseStorage storage = new SecretReleaseStorage(client, ReleaseNames.storageNamespace(hr), ctx.clock());
      HelmReleaseObjects builder = new HelmReleaseObjects(client);
      HelmHookRunner hooks = new HelmHookRunner(client, builder, ctx.clock());
      HelmReleaseUninstall uninstall = new HelmReleaseUninstall(new ResourceManager(client), hooks, ctx.clock());
      changes.addAll(uninstall.uninstallIfMoved(hr, client, status, name, namespace, storage.namespace(), ctx.clock()));
      String specDigest = Digests.sha256(rec.manifest().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      HelmRemediationPolicy.resetFailuresIfChanged(status, specDigest, chartVersion, configDigest);
      status.setLastAttemptedRevision(chartVersion);
      status.setLastAttemptedConfigDigest(configDigest);
      status.setLastAttemptedSpecDigest(specDigest);
      status.setStorageNamespace(storage.namespace());
      HelmReleaseState.Wanted wanted = new HelmReleaseState.Wanted(artifact.chartName(), chartVersion, configDigest,
          hr.spec().test() != null && hr.spec().test().enabled(), !HelmRemediationPolicy.of(hr, status).ignoreTestFailures(),
          HelmRenderDigests.of(hr));
      HelmAtomicRelease.Actions actions = new HelmAtomicRelease.Actions() {
        @Override
        public void release(boolean install) {
          HelmReleaseReconciler.this.release(hr, client, storage, storage.latest(name), install, artifact, chartVersion,
              values, configDigest, status, changes, name, namespace, ctx.clock().instant(), builder, hooks);
        }

        @Override
        public void rollback(StoredRelease current, StoredRelease target) {
          new HelmRollback(client, builder, hooks, ctx.clock()).rollback(hr, storage, current, target, status, changes);
        }

        @Override
        public void uninstall(StoredRelease current) {
          changes.addAll(uninstall.uninstall(hr, storage, name, status.getInventory()));
          status.setInventory(List.of());
        }

        @Override
        public void test(StoredRelease deployed) {
          new HelmTestRunner(hooks, ctx.clock()).test(hr, storage, deployed, status);
        }

        @Override
        public void inSync(StoredRelease deployed) {
          HelmDriftCheck.check(hr, client, deployed, status, changes, ctx.clock().instant().toString());
        }

        @Override
        public void progress() {
          writer.progress(status);
        }
      };
      new HelmAtomicRelease(hr, storage, name, status, wanted, actions, ctx.clock()).run();
      return Optional.of(writer.write(status, changes));
    } catch (StageFailure e) {
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
      HelmReleaseObjects builder, HelmHookRunner hookRunner) {
    String action = install ? "install" : "upgrade";
    Reason failedReason = install ? Reason.INSTALL_FAILED : Reason.UPGRADE_FAILED;
    String release = namespace + "/" + name;
    String chart = artifact.chartName() + "@" + chartVersion;
    RenderedChart rendered;
    try {
      rendered = HelmPostRenderer.apply(subject(hr), renderer.render(new RenderRequest(artifact.path(), name, namespace,
          values, capabilities(client), HelmValuesFiles.of(hr, artifact), HelmActionFlags.skipSchemaValidation(hr, install),
          artifact.sourceRoot())), hr.spec(), HelmReleaseObjects.originLabels(hr));
    } catch (ChartFileException e) {
      String field = e.valuesFile() >= 0 ? HelmValuesFiles.field(hr, e.valuesFile())
          : hr.spec().chartRef() != null ? "spec.chartRef" : "spec.chart.spec.chart";
      throw new StageFailure(Reason.ARTIFACT_FAILED, subject(hr) + ": " + field + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new StageFailure(failedReason, subject(hr) + ": Helm " + action + " failed for release " + release
          + " with chart " + chart + ": " + e.getMessage(), e);
    }
    String origin = subject(hr) + " chart " + chart;
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
    storage.create(pending, hr.spec().effectiveMaxHistory());
    List<InventoryEntry> inventory = status.getInventory();
    boolean runHooks = !disableHooks(hr, install);
    Duration timeout = HelmTimeouts.of(hr, action);
    List<ReleaseHook> ran = pending.hooks();
    try {
      if (runHooks) {
        ran = hookRunner.run(hr, namespace, ran, "pre-" + action, timeout, h -> true);
      }
      ResourceManager manager = new ResourceManager(client);
      List<KubeObject> all = new ArrayList<>(crds);
      all.addAll(objects);
      ChangeSet applied = manager.applyAllStaged(all, ApplyOptions.defaults());
      changes.addAll(applied);
      inventory = ChangeSet.of(applied.entries().stream()
          .filter(e -> objects.stream().anyMatch(o -> o.id().equals(e.id()))).toList()).toInventory();
      List<InventoryEntry> stale = Inventories.stale(status.getInventory(), inventory);
      if (!stale.isEmpty()) {
        changes.addAll(manager.prune(stale, OwnerLabels.helm(hr.name(), hr.namespace())));
      }
      status.setInventory(inventory);
      waitFor(hr, client, objects, install);
      if (runHooks) {
        ran = hookRunner.run(hr, namespace, ran, "post-" + action, timeout, h -> true);
      }
    } catch (RuntimeException e) {
      HelmActionFlags.cleanupOnFail(hr, client, install, changes, e);
      if (e instanceof HelmHookRunner.HookFailure f) {
        ran = f.hooks();
      }
      if (e instanceof io.driftless.apply.ApplyException partial) {
        status.setInventory(Inventories.union(inventory, partial.partial().toInventory()));
      }
      String cause = e instanceof StageFailure || e instanceof HelmHookRunner.HookFailure ? e.getMessage()
          : ApiErrors.describe(subject(hr), action, e);
      StoredRelease failed = pending.withHooks(ran)
          .withStatus(ReleaseStatus.FAILED, "Release \"" + name + "\" failed: " + cause);
      storage.update(failed);
      status.addSnapshot(snapshot(failed, action, chartVersion, configDigest));
      throw new StageFailure(failedReason, subject(hr) + ": Helm " + action + " failed for release " + release
          + " with chart " + chart + ": " + cause, e);
    }
    if (!install) {
      storage.supersedeDeployed(name);
    }
    StoredRelease deployed = pending.withHooks(ran)
        .withStatus(ReleaseStatus.DEPLOYED, install ? "Install complete" : "Upgrade complete");
    storage.update(deployed);
    status.addSnapshot(snapshot(deployed, action, chartVersion, configDigest));
    HelmRenderDigests.of(hr).record(status);
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
  private static List<KubeObject> crds(HelmRelease hr, KubernetesClient client, HelmReleaseObjects builder,
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

  /** Helm waits for the release's objects unless {@code disableWait}; a timeout fails the release. */
  private static void waitFor(HelmRelease hr, KubernetesClient client, List<KubeObject> objects, boolean install) {
    boolean disabled = install
        ? hr.spec().install() != null && Boolean.TRUE.equals(hr.spec().install().disableWait())
        : hr.spec().upgrade() != null && Boolean.TRUE.equals(hr.spec().upgrade().disableWait());
    if (disabled || objects.isEmpty()) {
      return;
    }
    Duration limit = HelmTimeouts.of(hr, install ? "install" : "upgrade");
    List<HealthChecker.Target> targets = objects.stream()
        .map(o -> new HealthChecker.Target(o.id(), o.apiVersion())).toList();
    try {
      new HealthChecker(client, Duration.ofSeconds(2)).waitForCurrent(targets, limit);
    } catch (HealthChecker.HealthCheckException e) {
      throw new StageFailure(Reason.HEALTH_CHECK_FAILED, e.getMessage(), e);
    }
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

  static HelmReleaseStatus.ReleaseSnapshot snapshot(StoredRelease r, String action, String chartVersion,
      String configDigest) {
    return new HelmReleaseStatus.ReleaseSnapshot("v2", r.name(), r.namespace(), r.version(), r.status().stored(),
        action, r.chartName(), chartVersion, r.appVersion(), configDigest, r.firstDeployed().toString(),
        r.lastDeployed().toString(), null);
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
      return HelmValuesInputs.merged(hr, client);
    } catch (ValuesException e) {
      throw new StageFailure(Reason.VALUES_ERROR, subject(hr) + ": " + e.getMessage(), e);
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

  static String subject(HelmRelease hr) {
    return "HelmRelease/" + hr.namespace() + "/" + hr.name();
  }
}
