package io.driftless.render.substitute;

/**
 * How postBuild substitution runs, as {@code spec.postBuild.substituteStrategy} and the
 * StrictPostBuildSubstitutions feature gate configure it in Flux.
 *
 * @param strict an undefined {@code ${var}} without a default fails (Flux's default since v1.9);
 *     when false it becomes the empty string
 * @param strategy {@code WithVariables} (substitute only when at least one variable is defined) or
 *     {@code Always}
 */
public record SubstituteOptions(boolean strict, String strategy) {
  public static final String WITH_VARIABLES = "WithVariables";
  public static final String ALWAYS = "Always";

  public SubstituteOptions {
    if (strategy == null || strategy.isEmpty()) {
      strategy = WITH_VARIABLES;
    }
    if (!strategy.equals(WITH_VARIABLES) && !strategy.equals(ALWAYS)) {
      throw new IllegalArgumentException(
          "spec.postBuild.substituteStrategy must be WithVariables or Always, not '"
              + strategy
              + "'");
    }
  }

  /** Strict, {@code WithVariables}: what kustomize-controller does by default. */
  public static SubstituteOptions defaults() {
    return new SubstituteOptions(true, WITH_VARIABLES);
  }

  boolean always() {
    return strategy.equals(ALWAYS);
  }
}
