package io.driftless.pipeline;

import io.driftless.model.FluxInstance;
import io.driftless.model.FluxObjects;
import io.driftless.model.GitRepository;
import io.driftless.model.KubeObject;
import io.driftless.model.Receivers;
import io.driftless.model.SpecReader;
import io.driftless.model.helm.HelmObject;
import io.driftless.model.helm.HelmObjects;
import io.driftless.notify.NotificationObjects;
import io.driftless.source.RemoteUrls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a build's output the Flux way: GitRepository and Kustomization objects, and Flux's Helm
 * objects (HelmRelease, HelmRepository, HelmChart, OCIRepository), Flux's Providers and Alerts, and
 * Receivers become Driftless's own records instead of being applied; Flux's controller components (flux-system,
 * gotk-components) are skipped; the Flux Operator's objects (its kinds, and the flux-operator and flux-instance
 * charts' HelmReleases and OCIRepositories) are skipped, each named; everything else is applied.
 */
record FluxObjectSplit(Discovered flux, List<KubeObject> toApply, int skippedFluxComponents, List<KubeObject> skippedOperator) {
  /** The Flux Operator's charts: installing either would run a second Flux beside Driftless. */
  private static final Set<String> OPERATOR_CHARTS = Set.of("flux-operator", "flux-instance");

  static FluxObjectSplit of(List<KubeObject> built) {
    List<KubeObject> sources = new ArrayList<>();
    List<KubeObject> kustomizations = new ArrayList<>();
    List<HelmObject> helm = new ArrayList<>();
    List<KubeObject> helmObjects = new ArrayList<>();
    List<KubeObject> notifications = new ArrayList<>();
    List<KubeObject> receivers = new ArrayList<>();
    List<KubeObject> toApply = new ArrayList<>();
    List<KubeObject> operator = new ArrayList<>();
    int skipped = 0;
    for (KubeObject o : built) {
      if (isOperatorObject(o, built)) {
        operator.add(o);
      } else if (FluxObjects.isGitRepository(o)) {
        gitRepository(o); // validates: a bad one fails the build, naming file and field
        sources.add(o);
      } else if (FluxObjects.isKustomization(o)) {
        FluxObjects.kustomization(o);
        kustomizations.add(o);
      } else if (HelmObjects.isHelmObject(o)) {
        helm.add(HelmObjects.parse(o).orElseThrow()); // validates, naming file, object and field
        helmObjects.add(o);
      } else if (NotificationObjects.isNotification(o)) {
        NotificationObjects.parse(o); // validates, naming file, object and field
        notifications.add(o);
      } else if (Receivers.isReceiver(o)) {
        Receivers.parse(o);
        receivers.add(o);
      } else if (isFluxComponent(o)) {
        skipped++;
      } else {
        toApply.add(o);
      }
    }
    return new FluxObjectSplit(new Discovered(sources, kustomizations, helm, helmObjects, notifications, receivers),
        toApply, skipped, operator);
  }

  /**
   * A GitRepository found in Git names a remote URL: a local one (another root's cached checkout, any
   * repository on the function's disk) is refused as Flux's schema refuses it. The root's own
   * {@code flux-system/flux-system} is exempt: its registered URL is used, never the one in Git.
   */
  static void gitRepository(KubeObject o) {
    GitRepository repo = FluxObjects.gitRepository(o);
    if (!repo.key().equals(Bootstrap.ROOT_SOURCE_KEY) && !RemoteUrls.isRemote(repo.spec().url())) {
      throw SpecReader.invalid(o, "spec.url", RemoteUrls.ONLY_REMOTE);
    }
  }

  /** Flux's own controllers, CRDs and namespace, as `flux bootstrap` writes them. */
  static boolean isFluxComponent(KubeObject o) {
    String partOf = o.labels().get("app.kubernetes.io/part-of");
    String instance = o.labels().get("app.kubernetes.io/instance");
    String file = o.origin().replace('\\', '/');
    return "flux".equals(partOf)
        || "flux-system".equals(instance)
        || file.endsWith("gotk-components.yaml")
        || file.endsWith("gotk-sync.yaml");
  }

  /**
   * The Flux Operator's own objects: any kind of its group (FluxInstance, FluxReport, ResourceSet…), a
   * HelmRelease of the flux-operator or flux-instance chart (by {@code chart.spec.chart}, or by a
   * {@code chartRef} to an OCIRepository of this build holding one), and such an OCIRepository.
   */
  static boolean isOperatorObject(KubeObject o, List<KubeObject> built) {
    if (FluxInstance.isOperatorKind(o)) {
      return true;
    }
    if (isOperatorChartRepository(o)) {
      return true;
    }
    if (!"HelmRelease".equals(o.kind()) || !"helm.toolkit.fluxcd.io".equals(o.group())) {
      return false;
    }
    if (OPERATOR_CHARTS.contains(lastSegment(text(o.content(), "spec", "chart", "spec", "chart")))) {
      return true;
    }
    String refKind = text(o.content(), "spec", "chartRef", "kind");
    String refName = text(o.content(), "spec", "chartRef", "name");
    String refNs = text(o.content(), "spec", "chartRef", "namespace");
    String ns = refNs == null || refNs.isEmpty() ? o.namespace() : refNs;
    return "OCIRepository".equals(refKind) && built.stream().anyMatch(r -> isOperatorChartRepository(r)
        && r.name().equals(refName) && r.namespace().equals(ns));
  }

  private static boolean isOperatorChartRepository(KubeObject o) {
    return "OCIRepository".equals(o.kind()) && "source.toolkit.fluxcd.io".equals(o.group())
        && OPERATOR_CHARTS.contains(lastSegment(text(o.content(), "spec", "url")));
  }

  private static String lastSegment(String path) {
    return path == null ? "" : path.substring(path.replaceFirst("/+$", "").lastIndexOf('/') + 1).replaceFirst("/+$", "");
  }

  private static String text(Map<String, Object> map, String... path) {
    return KubeObject.valueAt(map, path) instanceof String s ? s : null;
  }
}
