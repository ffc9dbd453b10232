package io.driftless.render.decrypt.sops;

import io.driftless.model.ParseLimits;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.emitter.Emitter;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.serializer.Serializer;

/** A YAML file as a node tree, so that key order, styles and comments survive decryption. */
final class YamlDocument implements SopsDocument {
  private final MappingNode root;
  private final Node metadata;

  YamlDocument(String text) {
    LoaderOptions options = ParseLimits.loaderOptions();
    options.setProcessComments(true);
    Node node;
    try {
      node = new Yaml(options).compose(new java.io.StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new IllegalArgumentException("invalid YAML at line " + line); // the snippet could hold data
    } catch (YAMLException e) {
      String limit = ParseLimits.limitExceeded(e);
      throw new IllegalArgumentException(limit != null ? "invalid YAML: " + limit
          : "invalid YAML (a SOPS file must be a single mapping document)");
    }
    if (!(node instanceof MappingNode map)) {
      throw new IllegalArgumentException("YAML document is not a mapping");
    }
    this.root = map;
    this.metadata =
        map.getValue().stream()
            .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(MapDocument.SOPS))
            .map(NodeTuple::getValueNode)
            .findFirst()
            .orElse(null);
  }

  @Override
  public Map<?, ?> metadata() {
    return metadata == null ? null : (Map<?, ?>) plain(metadata);
  }

  @Override
  public List<Slot> slots() {
    List<Slot> out = new ArrayList<>();
    comments(root, List.of(), out);
    walkMapping(root, List.of(), out, true);
    return out;
  }

  private void walkMapping(MappingNode map, List<String> path, List<Slot> out, boolean top) {
    List<NodeTuple> tuples = map.getValue();
    for (int i = 0; i < tuples.size(); i++) {
      NodeTuple t = tuples.get(i);
      String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(i);
      if (top && key.equals(MapDocument.SOPS)) {
        continue;
      }
      comments(t.getKeyNode(), path, out);
      int index = i;
      Node key0 = t.getKeyNode();
      walk(t.getValueNode(), MapDocument.append(path, key), n -> tuples.set(index, new NodeTuple(key0, n)), out);
    }
  }

  private void walk(Node node, List<String> path, java.util.function.Consumer<Node> replace, List<Slot> out) {
    if (node instanceof MappingNode m) {
      comments(m, path, out);
      walkMapping(m, path, out, false);
    } else if (node instanceof SequenceNode s) {
      List<Node> items = s.getValue();
      for (int i = 0; i < items.size(); i++) {
        int index = i;
        walk(items.get(i), path, n -> items.set(index, n), out);
      }
    } else if (node instanceof ScalarNode scalar) {
      comments(scalar, parent(path), out);
      out.add(new Slot(path, typed(scalar), false, v -> replace.accept(toNode(v, scalar))));
    }
  }

  private static List<String> parent(List<String> path) {
    return path.isEmpty() ? path : path.subList(0, path.size() - 1);
  }

  private static void comments(Node node, List<String> path, List<Slot> out) {
    for (List<CommentLine> lines : List.of(nonNull(node.getBlockComments()), nonNull(node.getInLineComments()), nonNull(node.getEndComments()))) {
      for (int i = 0; i < lines.size(); i++) {
        CommentLine c = lines.get(i);
        int index = i;
        out.add(new Slot(path, c.getValue(), true, v ->
            lines.set(index, new CommentLine(c.getStartMark(), c.getEndMark(), String.valueOf(v), c.getCommentType()))));
      }
    }
  }

  private static List<CommentLine> nonNull(List<CommentLine> l) {
    return l == null ? new ArrayList<>() : l;
  }

  /** The value sops sees for a plain scalar (YAML 1.2 core types). */
  private static Object typed(ScalarNode s) {
    String v = s.getValue();
    Tag tag = s.getTag();
    try {
      if (tag.equals(Tag.INT)) {
        return Long.parseLong(v);
      }
      if (tag.equals(Tag.FLOAT)) {
        return Double.parseDouble(v);
      }
    } catch (NumberFormatException e) {
      return v;
    }
    if (tag.equals(Tag.BOOL) && (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(v);
    }
    return tag.equals(Tag.NULL) ? null : v;
  }

  private static Node toNode(Object v, ScalarNode old) {
    Tag tag = Tag.STR;
    String text;
    if (v instanceof Long || v instanceof Integer) {
      tag = Tag.INT;
      text = v.toString();
    } else if (v instanceof Double d) {
      tag = Tag.FLOAT;
      text = SopsTree.formatFloat(d);
    } else if (v instanceof Boolean b) {
      tag = Tag.BOOL;
      text = b.toString();
    } else if (v instanceof byte[] bytes) {
      text = new String(bytes, StandardCharsets.UTF_8);
    } else {
      text = String.valueOf(v);
    }
    DumperOptions.ScalarStyle style =
        text.contains("\n") ? DumperOptions.ScalarStyle.LITERAL : DumperOptions.ScalarStyle.PLAIN;
    ScalarNode node = new ScalarNode(tag, text, old.getStartMark(), old.getEndMark(), style);
    node.setBlockComments(old.getBlockComments());
    node.setInLineComments(old.getInLineComments());
    node.setEndComments(old.getEndComments());
    return node;
  }

  private static Object plain(Node node) {
    if (node instanceof MappingNode m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.getValue().forEach(t -> out.put(String.valueOf(plain(t.getKeyNode())), plain(t.getValueNode())));
      return out;
    }
    if (node instanceof SequenceNode s) {
      List<Object> out = new ArrayList<>();
      s.getValue().forEach(n -> out.add(plain(n)));
      return out;
    }
    ScalarNode s = (ScalarNode) node;
    return s.getTag().equals(Tag.NULL) ? null : s.getValue();
  }

  @Override
  public byte[] render() {
    root.getValue().removeIf(t -> t.getValueNode() == metadata);
    DumperOptions options = new DumperOptions();
    options.setProcessComments(true);
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(4);
    options.setIndicatorIndent(4);
    options.setIndentWithIndicator(true);
    options.setSplitLines(false);
    StringWriter out = new StringWriter();
    Serializer serializer = new Serializer(new Emitter(out, options), new Resolver(), options, null);
    try {
      serializer.open();
      serializer.serialize(root);
      serializer.close();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
