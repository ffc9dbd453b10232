package io.driftless.pipeline;

import io.driftless.model.FluxInstance;
import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import io.driftless.record.RootRecord;
import java.util.Optional;

/**
 * The line each Flux Operator object skipped from a build gets (see {@link FluxObjectSplit#isOperatorObject}).
 * A FluxInstance's {@code spec.sync} is compared with the registered root: Git never changes the root
 * ({@code driftless bootstrap --from} does), so a sync pointing elsewhere is said, not followed.
 */
final class OperatorObjects {
  private OperatorObjects() {}

  static String skipped(String kustomization, KubeObject o, Optional<RootRecord> root) {
    String head = kustomization + ": skipped " + o.subject() + " from " + o.origin() + ": ";
    if (FluxInstance.isFluxInstance(o)) {
      return head + "the Flux Operator's; " + sync(o, root);
    }
    if (o.kind().startsWith("ResourceSet")) {
      return head + "the Flux Operator's " + o.kind() + " is not rendered by Driftless; the objects it would generate are not applied";
    }
    return head + "the Flux Operator's, and Driftless runs in its place (no second Flux is installed)";
  }

  private static String sync(KubeObject o, Optional<RootRecord> root) {
    FluxInstance.RootSync sync;
    try {
      FluxInstance instance = FluxInstance.parse(o);
      if (instance.sync() == null) {
        return "it has no spec.sync";
      }
      sync = FluxInstance.rootSync(o);
    } catch (ManifestException e) {
      return "its spec.sync is not followed (" + e.getMessage() + ")";
    }
    String wanted = sync.url() + " " + sync.branch() + " ./" + sync.path();
    if (root.isEmpty()) {
      return "its spec.sync (" + wanted + ") is not registered";
    }
    RootRecord r = root.get();
    String registered = r.url() + " " + r.branch() + " ./" + r.path().replaceFirst("^\\./", "");
    if (sameRepository(sync.url(), r.url()) && sync.branch().equals(r.branch())
        && sync.path().replaceFirst("/+$", "").equals(r.path().replaceFirst("^\\./", "").replaceFirst("/+$", ""))) {
      return "its spec.sync is root " + r.name() + "'s";
    }
    return "its spec.sync (" + wanted + ") is not root " + r.name() + "'s (" + registered
        + "): not followed; `driftless bootstrap --from " + o.origin() + "` registers it";
  }

  private static boolean sameRepository(String a, String b) {
    return normal(a).equals(normal(b));
  }

  private static String normal(String url) {
    return url.replaceFirst("/+$", "").replaceFirst("\\.git$", "");
  }
}
