package io.driftless.helm.render;

import java.util.Objects;

/**
 * One resolved {@code valuesFrom} entry, in the order the HelmRelease lists them: either a whole
 * values document merged into the result, or one value written at a {@code targetPath}.
 */
public sealed interface ValuesLayer {
  ValuesReference reference();

  /** A values document (YAML text) deep-merged into what came before. */
  record Document(ValuesReference reference, String yaml) implements ValuesLayer {
    public Document {
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(yaml, "yaml");
    }
  }

  /**
   * The referenced key's text set at {@code targetPath} with Helm's {@code --set} syntax; with
   * {@code literal} the text is set verbatim, as {@code --set-literal}.
   */
  record AtPath(ValuesReference reference, String targetPath, String value, boolean literal)
      implements ValuesLayer {
    public AtPath {
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(targetPath, "targetPath");
      Objects.requireNonNull(value, "value");
    }
  }
}
