package io.driftless.helm.action;

import io.driftless.apply.ChangeSet;
import io.driftless.helm.release.ReleaseContent;
import io.driftless.helm.release.ReleaseHook;
import io.driftless.helm.release.ReleaseStatus;
import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.StoredRelease;
import io.driftless.helm.render.Capabilities;
import io.driftless.helm.render.ChartCrd;
import io.driftless.helm.render.ChartFileException;
import io.driftless.helm.render.ChartRenderer;
import io.driftless.helm.render.HelmPostRenderer;
import io.driftless.helm.render.RenderRequest;
import io.driftless.helm.render.RenderedChart;
import io.driftless.helm.render.RenderedHook;
import io.driftless.model.Condition;
import io.driftless.model.KubeObject;
import io.driftless.model.Reason;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.source.helm.ChartArtifact;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Install and upgrade (helm-controller's {@code install.go} and {@code upgrade.go}, helm.md §2.4): render
 * the chart with the values and post-renderers, build the objects and the chart's CRDs by the action's
 * CRD policy, create the target namespace on install when asked, and hand the pending revision to the
 * {@link ReleaseRun}; a revision is written only once the chart rendered. On success the Released and
 * Ready conditions say which revision of which chart was released.
 */
public final class InstallUpgrade {
  private final ChartRenderer renderer;
  private final KubernetesClient client;
  private final ReleaseStorage storage;
  private final ReleaseObjects objects;
  private final HookRunner hooks;
  private final Clock clock;

  public InstallUpgrade(ChartRenderer renderer, KubernetesClient client, ReleaseStorage storage,
      ReleaseObjects objects, HookRunner hooks, Clock clock) {
    this.renderer = renderer;
    this.client = client;
    this.storage = storage;
    this.objects = objects;
    this.hooks = hooks;
    this.clock = clock;
  }

  /**
   * One install ({@code install}) or upgrade of release {@code namespace/name} from {@code artifact} with
   * {@code values} (their digest {@code configDigest}); throws {@link ActionFailure} when it fails.
   */
  public void run(HelmRelease hr, boolean install, String name, String namespace, ChartArtifact artifact,
      Map<String, Object> values, String configDigest, HelmReleaseStatus status, ChangeSet changes) {
    String chartVersion = artifact.releaseChartVersion();
    Optional<StoredRelease> latest = storage.latest(name);
    Instant now = clock.instant();
    String action = install ? "install" : "upgrade";
    Reason failedReason = install ? Reason.INSTALL_FAILED : Reason.UPGRADE_FAILED;
    String release = namespace + "/" + name;
    String chart = artifact.chartName() + "@" + chartVersion;
    UnaryOperator<String> failure = cause -> hr.subject() + ": Helm " + action + " failed for release " + release
        + " with chart " + chart + ": " + cause;
    Map<String, Object> config = values;
    Map<String, Object> renderValues = values;
    if (PreservedValues.enabled(hr, install)) {
      // Helm's current release: the latest when deployed, else the deployed one, else the latest.
      Optional<StoredRelease> current = latest.filter(r -> r.status() == ReleaseStatus.DEPLOYED)
          .or(() -> storage.deployed(name)).or(() -> latest);
      if (current.isPresent()) {
        PreservedValues preserved = PreservedValues.of(values, current.get());
        config = preserved.config();
        renderValues = preserved.render();
        configDigest = ValuesInputs.configDigest(config);
      }
    }
    RenderedChart rendered;
    try {
      rendered = HelmPostRenderer.apply(hr.subject(), renderer.render(new RenderRequest(artifact.path(), name, namespace,
          renderValues, capabilities(), ValuesFiles.of(hr, artifact), ActionFlags.skipSchemaValidation(hr, install),
          artifact.sourceRoot(), new ClusterReads(client, !"Skip".equals(crdPolicy(hr, install))))), hr.spec(),
          ReleaseObjects.originLabels(hr));
    } catch (ChartFileException e) {
      String field = e.valuesFile() >= 0 ? ValuesFiles.field(hr, e.valuesFile())
          : hr.spec().chartRef() != null ? "spec.chartRef" : "spec.chart.spec.chart";
      throw new ActionFailure(Reason.ARTIFACT_FAILED, hr.subject() + ": " + field + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ActionFailure(failedReason, failure.apply(e.getMessage()), e);
    }
    String origin = hr.subject() + " chart " + chart;
    List<KubeObject> objects = this.objects.of(hr, name, namespace, origin, rendered.manifest());
    List<KubeObject> crds = crds(hr, rendered.crds(), install, origin);
    String conflict = TakeOwnership.conflict(hr, client, install, name, namespace, objects, status.getInventory());
    if (conflict != null) {
      throw new ActionFailure(failedReason, failure.apply(conflict), null);
    }
    int version = latest.map(r -> r.version() + 1).orElse(1);
    Instant firstDeployed = latest.filter(r -> !install).map(StoredRelease::firstDeployed).orElse(now);
    StoredRelease pending = StoredRelease.create(
        new ReleaseContent(name, namespace, rendered.chart(), config, rendered.manifest(), hooks(rendered),
            rendered.notes()),
        version, install ? ReleaseStatus.PENDING_INSTALL : ReleaseStatus.PENDING_UPGRADE,
        install ? "Initial install underway" : "Preparing upgrade", firstDeployed, now);
    createNamespace(hr, namespace, install);
    new ReleaseRun(hr, client, storage, hooks).run(new ReleaseRun.Plan(action,
        pending, crds, objects, !disableHooks(hr, install), !disableWait(hr, install), chartVersion, configDigest,
        !install, install ? "Install complete" : "Upgrade complete",
        cause -> "Release \"" + name + "\" failed: " + cause, failedReason,
        failure,
        e -> ActionFlags.cleanupOnFailedUpgrade(hr, client, install, changes, e)), status, changes);
    RenderDigests.of(hr).record(status);
    Reason reason = install ? Reason.INSTALL_SUCCEEDED : Reason.UPGRADE_SUCCEEDED;
    String message = "Helm " + action + " succeeded for release " + release + ".v" + version + " with chart " + chart;
    String at = clock.instant().toString();
    status.setCondition(Condition.RELEASED, Condition.TRUE, reason.flux(), message, at);
    status.setCondition(Condition.READY, Condition.TRUE, reason.flux(), message, at);
    status.removeCondition(Condition.RECONCILING);
    status.removeCondition(Condition.STALLED);
  }

  /**
   * The chart's {@code crds/} by the action's CRD policy: Skip none, Create only those the cluster
   * lacks, CreateReplace all.
   */
  private List<KubeObject> crds(HelmRelease hr, List<ChartCrd> files, boolean install, String origin) {
    String policy = crdPolicy(hr, install);
    List<KubeObject> crds = new ArrayList<>();
    if ("Skip".equals(policy)) {
      return crds;
    }
    for (ChartCrd file : files) {
      for (KubeObject crd : objects.crds(hr, origin + " " + file.path(), file.content())) {
        boolean exists = client.apiextensions().v1().customResourceDefinitions().withName(crd.name()).get() != null;
        if ("CreateReplace".equals(policy) || !exists) {
          crds.add(crd);
        }
      }
    }
    return crds;
  }

  private static String crdPolicy(HelmRelease hr, boolean install) {
    return install
        ? (hr.spec().install() == null ? "Create" : hr.spec().install().effectiveCrds())
        : (hr.spec().upgrade() == null ? "Create" : hr.spec().upgrade().effectiveCrds());
  }

  /** {@code install.createNamespace}: the target namespace is created when missing, and never deleted. */
  private void createNamespace(HelmRelease hr, String namespace, boolean install) {
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
    return rendered.hooks().stream().map(InstallUpgrade::hook).toList();
  }

  private static ReleaseHook hook(RenderedHook h) {
    return new ReleaseHook(h.name(), h.kind(), h.path(), h.manifest(), h.events(), h.weight(), h.deletePolicies(),
        h.outputLogPolicies(), null);
  }

  private Capabilities capabilities() {
    return new Capabilities(client.getKubernetesVersion().getGitVersion(), List.of());
  }
}
