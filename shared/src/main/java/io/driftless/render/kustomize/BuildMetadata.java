package io.driftless.render.kustomize;

import io.driftless.model.ManifestException;

/** {@code buildMetadata}: origin and transformer annotations and the managed-by label, as kubectl writes them. */
final class BuildMetadata {
  static final String ORIGIN = "config.kubernetes.io/origin";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  /** What kubectl's embedded kustomize reports as its version. */
  static final String MANAGER = "kustomize-(devel)";

  private BuildMetadata() {}

  static void apply(KustomizationFile top, String root, ResMap m) {
    Object field = top.fields.get("buildMetadata");
    if (field != null && !(field instanceof java.util.List<?>)) {
      throw new ManifestException(top.file, "buildMetadata: must be a list of options, got " + field);
    }
    for (String option : top.strings("buildMetadata")) {
      switch (option) {
        case "originAnnotations" -> {
          for (Resource r : m.resources) {
            r.object.setAnnotation(ORIGIN, origin(r, root));
          }
        }
        case "managedByLabel" -> m.resources.forEach(r -> r.object.setLabel(MANAGED_BY, MANAGER));
        case "transformerAnnotations" -> {
          for (Resource r : m.resources) {
            if (!r.transformations.isEmpty()) {
              r.object.setAnnotation(TransformerAnnotations.ANNOTATION,
                  TransformerAnnotations.value(r, root));
            }
          }
        }
        default -> { } // kubectl ignores options it does not know
      }
    }
  }

  private static String origin(Resource r, String root) {
    String file = relative(r.object.origin(), root);
    if (r.generatedBy == null) {
      return "path: " + file + "\n";
    }
    return "configuredIn: " + file + "\nconfiguredBy:\n  apiVersion: builtin\n  kind: "
        + r.generatedBy + "\n";
  }

  static String relative(String path, String root) {
    return root.isEmpty() ? path : path.substring(root.length() + 1);
  }
}
