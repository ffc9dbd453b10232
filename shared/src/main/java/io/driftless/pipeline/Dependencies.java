package io.driftless.pipeline;

import io.driftless.model.Kustomization;
import io.driftless.model.KustomizationStatus;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.SourceRecord;
import io.driftless.record.StateStore;
import java.util.Optional;

/**
 * Flux's dependsOn rule (flux.md §1.3 step 5): each dependency on the same cluster exists, is Ready,
 * and, when it uses the same source, has applied that source's current revision.
 */
final class Dependencies {
  private Dependencies() {}

  static String keyOf(Kustomization ks, Kustomization.DependencyRef dep) {
    String ns = dep.namespace() == null || dep.namespace().isBlank() ? ks.namespace() : dep.namespace();
    return ns + "/" + dep.name();
  }

  /** The first unmet dependency, as a message; empty when all are met. */
  static Optional<String> firstNotReady(StateStore store, KustomizationRecord rec, Kustomization ks) {
    for (Kustomization.DependencyRef dep : ks.spec().dependencies()) {
      String key = keyOf(ks, dep);
      Optional<KustomizationRecord> found = store.getKustomization(rec.cluster(), key);
      if (found.isEmpty()) {
        return Optional.of("dependency '" + key + "' not found");
      }
      KustomizationStatus s = found.get().status();
      if (s == null || !s.isReady()) {
        return Optional.of("dependency '" + key + "' is not ready");
      }
      Kustomization depKs = WorkItems.parse(found.get());
      String sourceKey = Sources.keyOf(depKs);
      if (sourceKey.equals(Sources.keyOf(ks))) {
        String current = store.getSource(Bootstrap.sourceKey(rec.root(), sourceKey)).map(SourceRecord::lastRevision).orElse(null);
        if (current != null && !current.equals(s.getLastAppliedRevision())) {
          return Optional.of("dependency '" + key + "' has not applied revision " + current + " yet");
        }
      }
    }
    return Optional.empty();
  }
}
