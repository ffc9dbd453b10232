package io.driftless.render.kustomize.yaml;

import io.driftless.model.ParseLimits;
import io.driftless.model.ManifestException;
import io.driftless.model.ParseLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads multi-document YAML into ordered maps the way kustomize reads it ({@link PlainScalars}),
 * keeping {@code "123"} a string and {@code 123} a number. Aliases are bounded twice: the parser
 * refuses more than a few aliased collections, and expanding them may not exceed a node budget, so
 * a billion-laughs document fails fast instead of exhausting memory. Nesting is bounded by {@link
 * DepthLimitedParser}.
 */
public final class YamlReader {
  private static final int MAX_NODES = 1_000_000;
  private final String file;
  private final LoadSettings settings;
  private final boolean yaml11;
  private final Duplicates duplicates;
  private final boolean annotationsAsText;
  private int budget = MAX_NODES;

  /**
   * What a repeated mapping key does, as in kubectl: resources refuse it, a kustomization file
   * (read by sigs.k8s.io/yaml) keeps the last value, a strategic merge patch (read by kyaml) the first.
   */
  private enum Duplicates { REFUSE, LAST_WINS, FIRST_WINS }

  private YamlReader(String file, LoadSettings settings, boolean yaml11, Duplicates duplicates,
      boolean annotationsAsText) {
    this.file = file;
    this.settings = settings;
    this.yaml11 = yaml11;
    this.duplicates = duplicates;
    this.annotationsAsText = annotationsAsText;
  }

  /** Every non-empty document; each must be a mapping. */
  public static List<Map<String, Object>> readDocuments(String file, String text) {
    return readDocuments(file, text, false);
  }

  /**
   * With {@code yaml11}, plain {@code yes/no/on/off/y/n} are booleans, as when kubectl reads a
   * kustomization file (so that {@code commonLabels: {a: yes}} fails there and here alike).
   */
  public static List<Map<String, Object>> readDocuments(String file, String text, boolean yaml11) {
    return mappings(file, readValues(file, text, yaml11));
  }

  /**
   * Every non-empty document as Helm's kube client reads a release manifest (sigs.k8s.io/yaml's
   * YAMLToJSON over yaml.v2): YAML 1.1 booleans, a repeated key keeps its last value, an empty value
   * or {@code ~} is null, annotations typed as written; empty and comment-only documents are skipped.
   */
  public static List<Map<String, Object>> readHelmDocuments(String file, String text) {
    return mappings(file, read(file, text, true, Duplicates.LAST_WINS, false));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> mappings(String file, List<Object> values) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : values) {
      if (doc == null) {
        continue;
      }
      if (!(doc instanceof Map<?, ?>)) {
        throw new ManifestException(file, "expected a YAML mapping, got a " + doc.getClass().getSimpleName());
      }
      docs.add((Map<String, Object>) doc);
    }
    return docs;
  }

  /** Every document as a plain value (map, list, scalar or null). */
  public static List<Object> readValues(String file, String text) {
    return readValues(file, text, false);
  }

  /** With {@code yaml11}, as JSON 6902 patches are read: see {@link #readDocuments(String, String, boolean)}. */
  public static List<Object> readValues(String file, String text, boolean yaml11) {
    return read(file, text, yaml11, yaml11 ? Duplicates.LAST_WINS : Duplicates.REFUSE, true);
  }

  /** A strategic merge patch's documents: as kyaml reads them, a repeated key keeps its first value. */
  public static List<Object> readPatchValues(String file, String text) {
    return read(file, text, false, Duplicates.FIRST_WINS, true);
  }

  private static List<Object> read(String file, String text, boolean yaml11, Duplicates duplicates,
      boolean annotationsAsText) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setMaxAliasesForCollections(50)
            .setCodePointLimit(ParseLimits.MAX_CHARS)
            .setAllowDuplicateKeys(true)
            .build();
    YamlReader reader = new YamlReader(file, settings, yaml11, duplicates, annotationsAsText);
    List<Object> values = new ArrayList<>();
    try {
      Composer nodes = new Composer(settings, new DepthLimitedParser(new ParserImpl(settings, new StreamReader(settings, text))));
      while (nodes.hasNext()) {
        values.add(reader.document(nodes.next()));
      }
    } catch (YamlEngineException e) {
      throw new ManifestException(file, "invalid YAML: " + e.getMessage().replace('\n', ' '), e);
    }
    return values;
  }

  /**
   * A document. Like kustomize, the values of {@code metadata.annotations} are read as the text
   * written ({@code 1e3} stays {@code "1e3"}, {@code null} becomes {@code "null"}).
   */
  private Object document(Node node) {
    Object doc = convert(node, 0);
    if (annotationsAsText && node instanceof MappingNode root && doc instanceof Map<?, ?> map
        && map.get("metadata") instanceof Map<?, ?> meta && meta.get("annotations") instanceof Map<?, ?>) {
      Node annotations = child(child(root, "metadata"), "annotations");
      if (annotations instanceof MappingNode am) {
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) meta.get("annotations");
        for (NodeTuple t : am.getValue()) {
          if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v
              && target.containsKey(k.getValue())) {
            target.put(k.getValue(), v.getValue());
          }
        }
      }
    }
    return doc;
  }

  private static Node child(Node node, String key) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return t.getValueNode();
        }
      }
    }
    return null;
  }

  /** {@code depth} counts the collections above, aliases expanded: an alias chain may not nest deeper either. */
  private Object convert(Node node, int depth) {
    if (--budget < 0) {
      throw new ManifestException(file, "YAML expands to more than " + MAX_NODES
          + " nodes (alias bomb?)");
    }
    if (node instanceof ScalarNode s) {
      return scalar(s);
    }
    if (depth >= ParseLimits.MAX_NESTING_DEPTH) {
      throw new ManifestException(file, "invalid YAML: nested deeper than " + ParseLimits.MAX_NESTING_DEPTH
          + " levels once aliases are expanded");
    }
    if (node instanceof SequenceNode seq) {
      List<Object> list = new ArrayList<>(seq.getValue().size());
      for (Node item : seq.getValue()) {
        list.add(convert(item, depth + 1));
      }
      return list;
    }
    MappingNode m = (MappingNode) node;
    Map<String, Object> map = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      Object key = convert(t.getKeyNode(), depth + 1);
      if ("<<".equals(key) && t.getKeyNode() instanceof ScalarNode) {
        mergeKeys(map, convert(t.getValueNode(), depth));
        continue;
      }
      String k = key == null ? "null" : keyString(key);
      if (map.containsKey(k)) {
        if (duplicates == Duplicates.REFUSE) {
          throw new ManifestException(file, "invalid YAML: mapping key \"" + k + "\" already defined");
        }
        if (duplicates == Duplicates.FIRST_WINS) {
          continue;
        }
        map.remove(k);
      }
      map.put(k, convert(t.getValueNode(), depth + 1));
    }
    return map;
  }

  @SuppressWarnings("unchecked")
  private static void mergeKeys(Map<String, Object> into, Object merged) {
    List<Object> sources = merged instanceof List<?> l ? (List<Object>) l : List.of(merged);
    for (Object src : sources) {
      if (src instanceof Map<?, ?> sm) {
        ((Map<String, Object>) sm).forEach(into::putIfAbsent);
      }
    }
  }

  private static String keyString(Object key) {
    if (key instanceof Double d) {
      return YamlWriter.formatFloat(d);
    }
    return key.toString();
  }

  private Object scalar(ScalarNode s) {
    String v = s.getValue();
    Tag tag = s.getTag();
    boolean plain = s.getScalarStyle() == ScalarStyle.PLAIN;
    boolean implicit = tag.equals(settings.getSchema().getScalarResolver().resolve(v, plain));
    if (plain && implicit) {
      return yaml11 ? PlainScalars.readYaml11(v) : PlainScalars.read(v);
    }
    if (implicit || tag.equals(Tag.STR)) {
      return v;
    }
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    Object read = PlainScalars.read(v);
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.BOOL)) {
      return read;
    }
    return v;
  }
}
