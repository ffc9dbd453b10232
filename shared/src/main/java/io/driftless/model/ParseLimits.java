package io.driftless.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one place parsers of untrusted YAML and JSON (manifests from Git, values, SOPS files, chart
 * indexes and templates, registry answers) come from, so that each is bounded alike. Nesting is
 * limited to {@link #MAX_NESTING_DEPTH} levels: the readers, and the code that walks what they read,
 * recurse on a thread's stack, and a 3,000-deep file must fail as a parse error naming the file, not
 * as a {@code StackOverflowError}. Kubernetes' own decoders allow far more (Go's JSON and go-yaml
 * stop at 10,000), but real manifests stay well under 60 (deep generated CRD schemas included).
 */
public final class ParseLimits {
  public static final int MAX_NESTING_DEPTH = 200;

  private ParseLimits() {}

  /** Jackson's read constraints with the nesting limit; the other limits stay Jackson's defaults. */
  public static StreamReadConstraints constraints() {
    return StreamReadConstraints.defaults().rebuild().maxNestingDepth(MAX_NESTING_DEPTH).build();
  }

  /** SnakeYAML's loader options with the nesting limit (its composer counts nesting itself). */
  public static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setNestingDepthLimit(MAX_NESTING_DEPTH);
    return options;
  }

  /** A YAML factory builder with both limits; callers add their own features. */
  public static YAMLFactoryBuilder yamlFactory(LoaderOptions options) {
    return YAMLFactory.builder().loaderOptions(options).streamReadConstraints(constraints());
  }

  /** A plain YAML mapper, bounded. */
  public static ObjectMapper yamlMapper() {
    return new ObjectMapper(yamlFactory(loaderOptions()).build());
  }

  /** A plain JSON mapper, bounded. */
  public static ObjectMapper jsonMapper() {
    return new ObjectMapper(JsonFactory.builder().streamReadConstraints(constraints()).build());
  }

  /** A parse error said in words when it is a limit; null otherwise. */
  public static String limitExceeded(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException
          || t.getMessage() != null && t.getMessage().contains("Nesting Depth exceeded")) {
        return "nested deeper than " + MAX_NESTING_DEPTH + " levels";
      }
    }
    return null;
  }
}
