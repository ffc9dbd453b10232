package io.driftless.pipeline;

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

/**
 * Splits a build's output the Flux way: GitRepository and Kustomization objects, and Flux's Helm
 * objects (HelmRelease, HelmRepository, HelmChart, OCIRepository), Flux's Providers and Alerts, and
 * Receivers become Driftless's own records instead of being applied; Flux's controller components (flux-system,
 * gotk-components) are skipped; everything else is applied.
 */
record FluxObjectSplit(Discovered flux, List<KubeObject> toApply, int skippedFluxComponents) {

  static FluxObjectSplit of(List<KubeObject> built) {
    List<KubeObject> sources = new ArrayList<>();
    List<KubeObject> kustomizations = new ArrayList<>();
    List<HelmObject> helm = new ArrayList<>();
    List<KubeObject> helmObjects = new ArrayList<>();
    List<KubeObject> notifications = new ArrayList<>();
    List<KubeObject> receivers = new ArrayList<>();
    List<KubeObject> toApply = new ArrayList<>();
    int skipped = 0;
    for (KubeObject o : built) {
      if (FluxObjects.isGitRepository(o)) {
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
        toApply, skipped);
  }

  /**
   * A GitRepository found in Git names a remote URL: a local one (another root's cached checkout, any
   * repository on the function's disk) is refused as Flux's schema refuses it. The root's own
   * {@code flux-system/flux-system} is exempt: its registered URL is used, never the one in Git.
   */
  private static void gitRepository(KubeObject o) {
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
}
