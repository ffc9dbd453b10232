package io.driftless.pipeline;

import io.driftless.cel.CelExpression;
import io.driftless.model.FluxStatus;
import io.driftless.model.Kustomization;
import io.driftless.model.KustomizationStatus;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.SourceRecord;
import io.driftless.record.StateStore;
import io.driftless.view.FluxObjectDocuments;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flux's dependsOn rule (flux.md §1.3 step 5): each dependency on the same cluster exists, is Ready,
 * and, when it uses the same source, has applied that source's current revision. A dependency with a
 * CEL {@code readyExpr} is ready when the expression holds instead, as in Flux without its
 * {@code AdditiveCELDependencyCheck} feature gate: {@code dep} is the dependency and {@code self} this
 * Kustomization, each as {@code driftless get ks -o yaml} shows it, with generation 1 and
 * {@code status.observedGeneration} 1 once it has been reconciled (Driftless keeps no generations).
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
      if (dep.readyExpr() != null && !dep.readyExpr().isBlank()) {
        if (!readyExprHolds(dep, celObject(FluxObjectDocuments.of(rec), rec.status()),
            celObject(FluxObjectDocuments.of(found.get()), found.get().status()))) {
          return Optional.of("dependency '" + key + "' is not ready according to readyExpr eval");
        }
        continue;
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

  /**
   * The dependency's {@code readyExpr} compiled with the variables {@code dep} and {@code self} and a
   * boolean result; an invalid one throws {@link CelExpression.InvalidExpressionException} naming it.
   */
  static CelExpression readyExpr(Kustomization.DependencyRef dep) {
    try {
      return CelExpression.compileBoolean(dep.readyExpr(), List.of("self", "dep"));
    } catch (CelExpression.InvalidExpressionException e) {
      throw new CelExpression.InvalidExpressionException(
          "failed to evaluate dependency " + dep.name() + ": " + e.getMessage());
    }
  }

  /**
   * Whether {@code dep}'s {@code readyExpr} holds with {@code self} and {@code dep} bound to these
   * documents ({@link #celObject}); shared by Kustomizations and HelmReleases, as Flux's controllers
   * evaluate it alike.
   */
  static boolean readyExprHolds(Kustomization.DependencyRef dep, Map<String, Object> self, Map<String, Object> dependency) {
    return readyExpr(dep).evaluateBoolean(Map.of("self", self, "dep", dependency));
  }

  /**
   * A Flux object as {@code driftless get -o yaml} shows it ({@code doc}), for CEL: without the
   * Driftless block, generation 1, and {@code status.observedGeneration} 1 once {@code status} has a
   * condition (-1 before), as Driftless keeps no generations.
   */
  static Map<String, Object> celObject(Map<String, Object> doc, FluxStatus status) {
    doc.remove(FluxObjectDocuments.DRIFTLESS);
    Map<String, Object> metadata = new LinkedHashMap<>(doc.get("metadata") instanceof Map<?, ?> m ? cast(m) : Map.of());
    metadata.put("generation", 1L);
    doc.put("metadata", metadata);
    Map<String, Object> out = new LinkedHashMap<>(doc.get("status") instanceof Map<?, ?> m ? cast(m) : Map.of());
    out.put("observedGeneration", status == null || status.getConditions().isEmpty() ? -1L : 1L);
    doc.put("status", out);
    return doc;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
