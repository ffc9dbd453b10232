package io.driftless.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one place parsers of untrusted YAML and JSON (manifests from Git, values, SOPS files, chart
 * indexes and templates, registry answers) come from, so that each is bounded alike. A document and
 * each string in it may hold up to {@link #MAX_CHARS} characters, in place of SnakeYAML's default code
 * point limit (3 MiB, less than a large public Helm index) and Jackson's default string length (20 M
 * characters); callers still bound what they read before parsing (an index at 50 MiB, a chart file at
 * 5 MiB). Nesting is limited to {@link #MAX_NESTING_DEPTH} levels: the readers, and the code that walks what they read,
 * recurse on a thread's stack, and a 3,000-deep file must fail as a parse error naming the file, not
 * as a {@code StackOverflowError}. Kubernetes' own decoders allow far more (Go's JSON and go-yaml
 * stop at 10,000), but real manifests stay well under 60 (deep generated CRD schemas included).
 */
public final class ParseLimits {
  public static final int MAX_NESTING_DEPTH = 200;
  /** Characters in one document, and in one string of it: a whole chart's worth (Helm's 100 MiB). */
  public static final int MAX_CHARS = 100 * 1024 * 1024;

  private ParseLimits() {}

  /** Jackson's read constraints: the nesting limit, documents and strings up to {@link #MAX_CHARS}. */
  public static StreamReadConstraints constraints() {
    return StreamReadConstraints.defaults().rebuild().maxNestingDepth(MAX_NESTING_DEPTH)
        .maxStringLength(MAX_CHARS).maxDocumentLength(MAX_CHARS).build();
  }

  /** SnakeYAML's loader options: the nesting limit (its composer counts nesting itself), {@link #MAX_CHARS} code points. */
  public static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setNestingDepthLimit(MAX_NESTING_DEPTH);
    options.setCodePointLimit(MAX_CHARS);
    return options;
  }

  /** A JSON factory with both limits. */
  public static JsonFactory jsonFactory() {
    return JsonFactory.builder().streamReadConstraints(constraints()).build();
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
    return new ObjectMapper(jsonFactory());
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
