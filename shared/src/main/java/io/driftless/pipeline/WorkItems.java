package io.driftless.pipeline;

import io.driftless.model.FluxObjects;
import io.driftless.model.GitRepository;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.ManifestException;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmObject;
import io.driftless.model.helm.HelmObjects;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.SourceRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/** Reads the Flux objects stored with work items back into the model. */
final class WorkItems {
  /**
   * Parsed manifests by key and text: planning a fan-out reads every record of a tree for each item
   * (dependents, due children), and parsing them anew each time made a wave quadratic in YAML. The
   * model objects are immutable records, so they are shared.
   */
  private static final Map<String, Kustomization> KUSTOMIZATIONS = new ConcurrentHashMap<>();
  private static final Map<String, HelmObject> HELM_OBJECTS = new ConcurrentHashMap<>();
  private static final int KEPT = 8192;

  private WorkItems() {}

  /** The Kustomization; suspended as well when {@code driftless suspend ks} marked its work item. */
  static Kustomization parse(KustomizationRecord rec) {
    if (rec.suspended()) {
      return FluxObjects.kustomization(suspendedIf(true, single(rec.key(), rec.manifest())));
    }
    return cached(KUSTOMIZATIONS, rec.key(), rec.manifest(),
        () -> FluxObjects.kustomization(single(rec.key(), rec.manifest())));
  }

  /** The Kustomization, or empty when its stored manifest cannot be read (its own run reports why). */
  static Optional<Kustomization> tryParse(KustomizationRecord rec) {
    try {
      return Optional.of(parse(rec));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** The GitRepository; suspended as well when {@code driftless suspend source git} marked it. */
  static GitRepository parse(SourceRecord rec) {
    return FluxObjects.gitRepository(suspendedIf(rec.suspended(), single(rec.key(), rec.manifest())));
  }

  /** The Helm object; suspended as well when {@code driftless suspend hr|source helm|source oci} marked it. */
  static HelmObject parse(HelmRecord rec) {
    if (rec.suspended()) {
      return HelmObjects.parse(suspendedIf(true, single(rec.key(), rec.manifest())))
          .orElseThrow(() -> new ManifestException(rec.key(), "stored manifest is not a Flux Helm object"));
    }
    return cached(HELM_OBJECTS, rec.key(), rec.manifest(), () -> HelmObjects.parse(single(rec.key(), rec.manifest()))
        .orElseThrow(() -> new ManifestException(rec.key(), "stored manifest is not a Flux Helm object")));
  }

  private static <T> T cached(Map<String, T> cache, String key, String manifest, java.util.function.Supplier<T> parse) {
    String id = manifest; // holds the name and namespace; the same String is hashed once
    T found = cache.get(id);
    if (found != null) {
      return found;
    }
    T parsed = parse.get(); // a failure is not cached: the caller reports it
    if (cache.size() >= KEPT) {
      cache.clear();
    }
    cache.put(id, parsed);
    return parsed;
  }

  static String manifest(KubeObject o) {
    return Yaml.write(o.content());
  }

  /** The table's suspend mark read as {@code spec.suspend: true}, so every stage honours it as Git's. */
  @SuppressWarnings("unchecked")
  private static KubeObject suspendedIf(boolean marked, KubeObject o) {
    if (marked) {
      Map<String, Object> content = new java.util.LinkedHashMap<>(o.content());
      Map<String, Object> spec = content.get("spec") instanceof Map<?, ?> m
          ? new java.util.LinkedHashMap<>((Map<String, Object>) m) : new java.util.LinkedHashMap<>();
      spec.put("suspend", true);
      content.put("spec", spec);
      return new KubeObject(content, o.origin());
    }
    return o;
  }

  private static KubeObject single(String origin, String manifest) {
    List<Map<String, Object>> docs = Yaml.readDocuments(origin, manifest);
    if (docs.size() != 1) {
      throw new ManifestException(origin, "stored manifest must hold exactly one object");
    }
    return new KubeObject(docs.get(0), origin);
  }
}
