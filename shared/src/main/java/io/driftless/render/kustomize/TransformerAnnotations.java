package io.driftless.render.kustomize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * buildMetadata {@code transformerAnnotations}: kustomize records, on every object present when a
 * kustomization's built-in transformers run, one entry per configured transformer instance, changed
 * the object or not. The instances: one PatchStrategicMergeTransformer for all
 * patchesStrategicMerge, one PatchTransformer per patch, one each for a namespace, prefix and
 * suffix, one LabelTransformer per {@code labels} entry plus one for commonLabels (when either is
 * set), one AnnotationsTransformer, one per JSON 6902 patch, replica and image, and one
 * ReplacementTransformer for all replacements.
 */
final class TransformerAnnotations {
  static final String ANNOTATION = "alpha.config.kubernetes.io/transformations";

  private TransformerAnnotations() {}

  /** The transformer instances {@code k} configures, in the order kustomize runs them. */
  static List<String> configured(KustomizationFile k) {
    List<String> out = new ArrayList<>();
    if (!k.strings("patchesStrategicMerge").isEmpty()) {
      out.add("PatchStrategicMergeTransformer");
    }
    out.addAll(Collections.nCopies(k.maps("patches").size(), "PatchTransformer"));
    addIfSet(out, k.string("namespace"), "NamespaceTransformer");
    addIfSet(out, k.string("namePrefix"), "PrefixTransformer");
    addIfSet(out, k.string("nameSuffix"), "SuffixTransformer");
    int labels = k.maps("labels").size();
    if (labels > 0 || !k.map("commonLabels").isEmpty()) {
      out.addAll(Collections.nCopies(labels + 1, "LabelTransformer"));
    }
    if (!k.map("commonAnnotations").isEmpty()) {
      out.add("AnnotationsTransformer");
    }
    out.addAll(Collections.nCopies(k.maps("patchesJson6902").size(), "PatchJson6902Transformer"));
    out.addAll(Collections.nCopies(k.maps("replicas").size(), "ReplicaCountTransformer"));
    out.addAll(Collections.nCopies(k.maps("images").size(), "ImageTagTransformer"));
    if (!k.maps("replacements").isEmpty()) {
      out.add("ReplacementTransformer");
    }
    return out;
  }

  private static void addIfSet(List<String> out, String value, String kind) {
    if (!value.isEmpty()) {
      out.add(kind);
    }
  }

  /** Records {@code k}'s transformers on every object of {@code m}. */
  static void record(KustomizationFile k, ResMap m) {
    List<String> kinds = configured(k);
    if (kinds.isEmpty()) {
      return;
    }
    for (Resource r : m.resources) {
      for (String kind : kinds) {
        r.transformations.add(new String[] {k.file, kind});
      }
    }
  }

  /** The annotation's value: the list of records, files relative to the build root. */
  static String value(Resource r, String root) {
    StringBuilder out = new StringBuilder();
    for (String[] t : r.transformations) {
      out.append("- configuredIn: ").append(BuildMetadata.relative(t[0], root))
          .append("\n  configuredBy:\n    apiVersion: builtin\n    kind: ").append(t[1]).append('\n');
    }
    return out.toString();
  }
}
