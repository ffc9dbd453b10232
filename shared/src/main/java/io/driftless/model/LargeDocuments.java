package io.driftless.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one place that says how large a document Driftless parses with Jackson or SnakeYAML may be:
 * {@link #MAX_CHARS}, in place of SnakeYAML's default code point limit (3 MiB, less than a large
 * public Helm index) and Jackson's default string length limit (20 M characters). Every parser of
 * a document that can be large is built here; callers still bound what they read before parsing
 * (an index download at 50 MiB, a chart file at 5 MiB).
 */
public final class LargeDocuments {
  /** Characters in one document, and in one string of it: a whole chart's worth (Helm's 100 MiB). */
  public static final int MAX_CHARS = 100 * 1024 * 1024;

  private LargeDocuments() {}

  /** A YAML factory builder (Jackson over SnakeYAML) whose parsers read documents up to {@link #MAX_CHARS}. */
  public static YAMLFactoryBuilder yamlFactory() {
    return YAMLFactory.builder().loaderOptions(loaderOptions()).streamReadConstraints(constraints());
  }

  /** A JSON factory whose parsers read documents up to {@link #MAX_CHARS}. */
  public static JsonFactory jsonFactory() {
    return JsonFactory.builder().streamReadConstraints(constraints()).build();
  }

  /** SnakeYAML's options with the code point limit at {@link #MAX_CHARS}. */
  public static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CHARS);
    return options;
  }

  private static StreamReadConstraints constraints() {
    return StreamReadConstraints.builder().maxStringLength(MAX_CHARS).maxDocumentLength(MAX_CHARS).build();
  }
}
