package io.driftless.build.kustomize;

import io.driftless.model.ManifestException;

/** {@code buildMetadata}: origin annotations and the managed-by label, as kubectl writes them. */
final class BuildMetadata {
  static final String ORIGIN = "config.kubernetes.io/origin";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  /** What kubectl's embedded kustomize reports as its version. */
  static final String MANAGER = "kustomize-(devel)";

  private BuildMetadata() {}

  static void apply(KustomizationFile top, String root, ResMap m) {
    for (String option : top.strings("buildMetadata")) {
      switch (option) {
        case "originAnnotations" -> {
          for (Resource r : m.resources) {
            r.object.setAnnotation(ORIGIN, origin(r, root));
          }
        }
        case "managedByLabel" -> m.resources.forEach(r -> r.object.setLabel(MANAGED_BY, MANAGER));
        case "transformerAnnotations" -> throw new ManifestException(top.file,
            "buildMetadata: transformerAnnotations is not supported: kustomize records every "
                + "configured transformer on every object, changed or not, in a way only its "
                + "internals define; use originAnnotations to trace where objects come from");
        default -> throw new ManifestException(top.file, "buildMetadata: " + option
            + " is not supported");
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

  private static String relative(String path, String root) {
    return root.isEmpty() ? path : path.substring(root.length() + 1);
  }
}
