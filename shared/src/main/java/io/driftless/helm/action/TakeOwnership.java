package io.driftless.helm.action;

import io.driftless.model.InventoryEntry;
import io.driftless.model.KubeObject;
import io.driftless.model.ObjectId;
import io.driftless.model.helm.HelmRelease;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Helm's take-ownership rule (Helm 3.17+ and 4, {@code TakeOwnership = !disableTakeOwnership} in
 * helm-controller): by default an install or upgrade adopts an object that already exists on the
 * cluster whatever its metadata, as Driftless's server-side apply always did. With
 * {@code install.disableTakeOwnership} or {@code upgrade.disableTakeOwnership}, every object the action
 * would create (on upgrade: those the release does not hold yet) that exists without this release's
 * ownership metadata ({@code app.kubernetes.io/managed-by: Helm}, {@code meta.helm.sh/release-name},
 * {@code meta.helm.sh/release-namespace}) stops the action before any revision is written, with Helm's
 * {@code existingResourceConflict} message.
 */
final class TakeOwnership {
  private TakeOwnership() {}

  static boolean disabled(HelmRelease hr, boolean install) {
    return install
        ? hr.spec().install() != null && Boolean.TRUE.equals(hr.spec().install().disableTakeOwnership())
        : hr.spec().upgrade() != null && Boolean.TRUE.equals(hr.spec().upgrade().disableTakeOwnership());
  }

  /**
   * Returns Helm's error for the first object of {@code objects} not in {@code held} that exists on the
   * cluster without this release's ownership metadata, or null when none does or the rule is off.
   */
  static String conflict(HelmRelease hr, KubernetesClient client, boolean install, String releaseName,
      String releaseNamespace, List<KubeObject> objects, List<InventoryEntry> held) {
    if (!disabled(hr, install)) {
      return null;
    }
    Set<String> ids = install ? Set.of() : held.stream().map(InventoryEntry::id).collect(Collectors.toSet());
    for (KubeObject o : objects) {
      if (ids.contains(o.id().inventoryId())) {
        continue;
      }
      GenericKubernetesResource live = live(client, o);
      if (live == null) {
        continue;
      }
      List<String> errors = new ArrayList<>();
      require(errors, "label", live.getMetadata().getLabels(), ReleaseObjects.MANAGED_BY, "Helm");
      require(errors, "annotation", live.getMetadata().getAnnotations(), ReleaseObjects.RELEASE_NAME, releaseName);
      require(errors, "annotation", live.getMetadata().getAnnotations(), ReleaseObjects.RELEASE_NAMESPACE,
          releaseNamespace);
      if (!errors.isEmpty()) {
        String field = install ? "spec.install.disableTakeOwnership" : "spec.upgrade.disableTakeOwnership";
        return "Unable to continue with " + (install ? "install" : "update") + ": " + o.kind() + " \"" + o.name()
            + "\" in namespace \"" + o.namespace() + "\" exists and cannot be imported into the current release:"
            + " invalid ownership metadata; " + String.join("; ", errors) + " (" + field + " is true)";
      }
    }
    return null;
  }

  private static GenericKubernetesResource live(KubernetesClient client, KubeObject o) {
    ObjectId id = o.id();
    var op = client.genericKubernetesResources(o.apiVersion(), o.kind());
    return id.clusterScoped() ? op.withName(o.name()).get() : op.inNamespace(o.namespace()).withName(o.name()).get();
  }

  /** Helm's {@code requireValue}. */
  private static void require(List<String> errors, String what, Map<String, String> meta, String key, String value) {
    String actual = meta == null ? null : meta.get(key);
    if (actual == null) {
      errors.add(what + " validation error: missing key \"" + key + "\": must be set to \"" + value + "\"");
    } else if (!actual.equals(value)) {
      errors.add(what + " validation error: key \"" + key + "\" must equal \"" + value + "\": current value is \""
          + actual + "\"");
    }
  }
}
