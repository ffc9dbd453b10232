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
        + r.generatedBy + "\n" + (r.generatorName == null ? "" : "  name: " + r.generatorName + "\n");
  }

  /** {@code path} relative to the build root, with {@code ..} for files beside it (as kubectl). */
  static String relative(String path, String root) {
    if (root.isEmpty()) {
      return path;
    }
    String[] from = root.split("/");
    String[] to = path.split("/");
    int common = 0;
    while (common < from.length && common < to.length - 1 && from[common].equals(to[common])) {
      common++;
    }
    StringBuilder out = new StringBuilder();
    for (int i = common; i < from.length; i++) {
      out.append("../");
    }
    for (int i = common; i < to.length; i++) {
      out.append(to[i]).append(i < to.length - 1 ? "/" : "");
    }
    return out.toString();
  }
}
