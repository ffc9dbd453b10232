package io.driftless.helm.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.model.ParseLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user-supplied values of a HelmRelease, merged exactly in helm-controller's order
 * ({@code fluxcd/pkg chartutil.ChartValuesFromReferences}): the {@code valuesFrom} layers in order,
 * each document deep-merged over the result, each {@code targetPath} layer first merging the inline
 * values and then setting its path, and finally the inline {@code spec.values} merged over all.
 *
 * <p>The chart's own {@code values.yaml} is not merged here: Helm coalesces it under these values when
 * it renders (a {@code null} here removes a chart default), and a release stores only these values
 * as its {@code config}.
 */
public final class FluxValues {
  private static final ObjectMapper YAML = ParseLimits.yamlMapper();

  private FluxValues() {}

  /**
   * Returns a new map; neither argument is changed.
   *
   * <p>A {@code targetPath} write lands in the nested maps and lists that the merge shares with the
   * inline values, exactly as in Go, where it changes the inline values themselves; that is why a
   * targetPath below a key that only the inline values set survives the final inline merge, while a
   * key set by both a document and the inline values ends with the inline value (fluxcd/pkg's test
   * "target path precedence over all"). The inline values are copied first so the caller's map is not
   * the one written.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> merge(List<ValuesLayer> layers, Map<String, Object> inline) {
    Map<String, Object> inlineValues =
        inline == null ? new LinkedHashMap<>() : (Map<String, Object>) deepCopy(inline);
    Map<String, Object> result = new LinkedHashMap<>();
    for (ValuesLayer layer : layers) {
      if (layer instanceof ValuesLayer.AtPath atPath) {
        result = mergeMaps(result, inlineValues);
        setAtPath(result, atPath);
      } else if (layer instanceof ValuesLayer.Document document) {
        result = mergeMaps(result, readValues(document));
      }
    }
    return mergeMaps(result, inlineValues);
  }

  /**
   * Helm's {@code MergeMaps}: keys of {@code b} win; where both sides hold a map the maps merge key by
   * key into a new map; any other value (lists included) replaces. Like the Go original it returns a
   * new top-level map but shares the nested values it takes from either side, and {@link #merge}
   * relies on that sharing (see there).
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> mergeMaps(Map<String, Object> a, Map<String, Object> b) {
    Map<String, Object> out = new LinkedHashMap<>(a);
    for (Map.Entry<String, Object> entry : b.entrySet()) {
      Object value = entry.getValue();
      if (value instanceof Map<?, ?> bMap && out.get(entry.getKey()) instanceof Map<?, ?> aMap) {
        out.put(entry.getKey(), mergeMaps((Map<String, Object>) aMap, (Map<String, Object>) bMap));
      } else {
        out.put(entry.getKey(), value);
      }
    }
    return out;
  }

  /** A copy of {@code value} whose maps and lists are new, all the way down. */
  @SuppressWarnings("unchecked")
  public static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((key, item) -> copy.put(key, deepCopy(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(deepCopy(item)));
      return copy;
    }
    return value;
  }

  private static void setAtPath(Map<String, Object> result, ValuesLayer.AtPath layer) {
    try {
      if (layer.literal()) {
        SetPathParser.setLiteral(layer.targetPath(), layer.value(), result);
        return;
      }
      String value = layer.value();
      boolean quoted = value.length() >= 1
          && ((value.startsWith("'") && value.endsWith("'")) || (value.startsWith("\"") && value.endsWith("\"")));
      if (quoted) {
        SetPathParser.parseInto(layer.targetPath() + "=" + trimQuotes(value), result, true);
      } else {
        SetPathParser.parseInto(layer.targetPath() + "=" + value, result, false);
      }
    } catch (IllegalArgumentException e) {
      throw new ValuesException("could not resolve " + layer.reference().describe()
          + ": failed to set targetPath '" + layer.targetPath() + "': " + e.getMessage());
    }
  }

  /** Go's {@code strings.Trim(value, "'\"")}: every leading and trailing quote of either kind. */
  private static String trimQuotes(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isQuote(value.charAt(start))) {
      start++;
    }
    while (end > start && isQuote(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(start, end);
  }

  private static boolean isQuote(char c) {
    return c == '\'' || c == '"';
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readValues(ValuesLayer.Document document) {
    if (document.yaml().isBlank()) {
      return Map.of();
    }
    Object parsed;
    try {
      JsonNode tree = YAML.readTree(document.yaml());
      parsed = tree == null || tree.isMissingNode() ? null : YAML.treeToValue(tree, Object.class);
    } catch (JsonProcessingException e) {
      throw new ValuesException("could not resolve " + document.reference().describe()
          + ": failed to read values data: " + firstLine(e.getOriginalMessage()));
    }
    if (parsed == null) {
      return Map.of();
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new ValuesException("could not resolve " + document.reference().describe()
          + ": failed to read values data: the values are a YAML " + kindOf(parsed) + ", not a map");
    }
    return (Map<String, Object>) map;
  }

  private static String kindOf(Object parsed) {
    return parsed instanceof List<?> ? "list" : "scalar";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid YAML";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
