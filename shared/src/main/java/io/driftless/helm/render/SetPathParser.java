package io.driftless.helm.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helm's {@code --set} parser ({@code helm.sh/helm/v3/pkg/strvals} ParseInto / ParseIntoString), which
 * Flux uses for {@code valuesFrom[].targetPath}: {@code a.b[0].c=v1,d={x,y}} written into a values map.
 * Keys split on {@code .} and {@code [n]}, {@code \} escapes the next character, a value ends at an
 * unescaped {@code ,} (which starts the next assignment), {@code {a,b}} is a list, and typed values
 * follow Helm: {@code true}/{@code false}/{@code null} in any case, base-10 integers that do not start
 * with {@code 0} become longs, everything else stays a string ({@code asStrings} keeps all as strings).
 */
final class SetPathParser {
  static final int MAX_NESTED_NAME_LEVEL = 30;
  static final int MAX_INDEX = 65536;

  private final String text;
  private final boolean asStrings;
  private final boolean literal;
  private int pos;

  private SetPathParser(String text, boolean asStrings, boolean literal) {
    this.text = text;
    this.asStrings = asStrings;
    this.literal = literal;
  }

  /** Parses {@code assignments} into {@code target} (mutated), as Helm's ParseInto or ParseIntoString. */
  static void parseInto(String assignments, Map<String, Object> target, boolean asStrings) {
    SetPathParser parser = new SetPathParser(assignments, asStrings, false);
    while (parser.key(target, 0)) {
      // one assignment per pass until the text is used up
    }
  }

  /**
   * Sets {@code value} verbatim (no splitting on commas, no typing) at {@code path}, as Helm's
   * {@code --set-literal} and Flux's {@code valuesFrom[].literal}.
   */
  static void setLiteral(String path, String value, Map<String, Object> target) {
    new SetPathParser(path + "=" + value, true, true).key(target, 0);
  }

  /** One token read up to a stop character; {@code stop} is -1 at the end of the text. */
  private record Token(String text, int stop) {
    boolean atEnd() {
      return stop < 0;
    }
  }

  private Token until(String stops) {
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (stops.indexOf(c) >= 0) {
        return new Token(out.toString(), c);
      }
      if (c == '\\') {
        if (pos >= text.length()) {
          return new Token(out.toString(), -1);
        }
        out.append(text.charAt(pos++));
      } else {
        out.append(c);
      }
    }
    return new Token(out.toString(), -1);
  }

  /** Returns true when more text follows this assignment. */
  @SuppressWarnings("unchecked")
  private boolean key(Map<String, Object> data, int level) {
    Token k = until("=[,.");
    if (k.atEnd()) {
      if (k.text().isEmpty()) {
        return false;
      }
      throw new IllegalArgumentException("key \"" + k.text() + "\" has no value");
    }
    switch (k.stop()) {
      case '[' -> {
        int index = keyIndex();
        Object existing = data.get(k.text());
        List<Object> list;
        if (existing == null) {
          list = new ArrayList<>();
        } else if (existing instanceof List<?> l) {
          list = (List<Object>) l;
        } else {
          throw new IllegalArgumentException("unable to parse key: " + k.text() + " is not a list");
        }
        ListResult result = listItem(list, index, level);
        put(data, k.text(), result.list());
        return result.more();
      }
      case '=' -> {
        return assign(data, k.text());
      }
      case ',' -> throw new IllegalArgumentException(
          "key \"" + k.text() + "\" has no value (cannot end with ,)");
      default -> { // '.'
        if (level + 1 > MAX_NESTED_NAME_LEVEL) {
          throw new IllegalArgumentException("value name nested level is greater than maximum supported nested level of "
              + MAX_NESTED_NAME_LEVEL);
        }
        if (pos >= text.length()) {
          return false; // "a." at the very end sets nothing, as in Helm
        }
        Object existing = data.get(k.text());
        Map<String, Object> inner;
        if (existing == null) {
          inner = new LinkedHashMap<>();
        } else if (existing instanceof Map<?, ?> m) {
          inner = (Map<String, Object>) m;
        } else {
          throw new IllegalArgumentException("unable to parse key: " + k.text() + " is not a map");
        }
        boolean more = key(inner, level + 1);
        if (inner.isEmpty()) {
          throw new IllegalArgumentException("key map \"" + k.text() + "\" has no value");
        }
        put(data, k.text(), inner);
        return more;
      }
    }
  }

  private boolean assign(Map<String, Object> data, String key) {
    if (pos >= text.length()) {
      put(data, key, "");
      return false;
    }
    if (literal) {
      put(data, key, text.substring(pos));
      pos = text.length();
      return false;
    }
    if (text.charAt(pos) == '{') {
      pos++;
      ValueList values = valueList();
      put(data, key, values.values());
      return values.more();
    }
    Token value = until(",");
    put(data, key, typed(value.text()));
    return pos < text.length();
  }

  private record ValueList(List<Object> values, boolean more) {}

  private ValueList valueList() {
    List<Object> list = new ArrayList<>();
    while (true) {
      Token item = until(",}");
      if (item.atEnd()) {
        throw new IllegalArgumentException("list must terminate with '}'");
      }
      list.add(typed(item.text()));
      if (item.stop() == '}') {
        if (pos < text.length() && text.charAt(pos) == ',') {
          pos++;
        }
        return new ValueList(list, pos < text.length());
      }
    }
  }

  private int keyIndex() {
    Token index = until("]");
    if (index.atEnd()) {
      throw new IllegalArgumentException("error parsing index: missing ]");
    }
    try {
      return Integer.parseInt(index.text());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("error parsing index: \"" + index.text() + "\" is not a number");
    }
  }

  private record ListResult(List<Object> list, boolean more) {}

  @SuppressWarnings("unchecked")
  private ListResult listItem(List<Object> list, int index, int level) {
    if (index < 0) {
      throw new IllegalArgumentException("negative " + index + " index not allowed");
    }
    Token k = until("[.=");
    if (!k.text().isEmpty()) {
      throw new IllegalArgumentException("unexpected data at end of array index: \"" + k.text() + "\"");
    }
    if (k.atEnd()) {
      throw new IllegalArgumentException("key has no value after index " + index);
    }
    switch (k.stop()) {
      case '=' -> {
        if (pos >= text.length()) {
          return new ListResult(setIndex(list, index, ""), false);
        }
        if (literal) {
          String rest = text.substring(pos);
          pos = text.length();
          return new ListResult(setIndex(list, index, rest), false);
        }
        if (text.charAt(pos) == '{') {
          pos++;
          ValueList values = valueList();
          return new ListResult(setIndex(list, index, values.values()), values.more());
        }
        Token value = until(",");
        return new ListResult(setIndex(list, index, typed(value.text())), pos < text.length());
      }
      case '[' -> {
        int next = keyIndex();
        List<Object> current = new ArrayList<>();
        if (list.size() > index && list.get(index) != null) {
          if (!(list.get(index) instanceof List<?> l)) {
            throw new IllegalArgumentException("unable to parse key: index " + index + " is not a list");
          }
          current = (List<Object>) l;
        }
        ListResult inner = listItem(current, next, level);
        return new ListResult(setIndex(list, index, inner.list()), inner.more());
      }
      default -> { // '.'
        Map<String, Object> inner = new LinkedHashMap<>();
        if (list.size() > index && list.get(index) instanceof Map<?, ?> m) {
          inner = (Map<String, Object>) m;
        }
        boolean more = key(inner, level);
        return new ListResult(setIndex(list, index, inner), more);
      }
    }
  }

  private static List<Object> setIndex(List<Object> list, int index, Object value) {
    if (index > MAX_INDEX) {
      throw new IllegalArgumentException("index of " + index + " is greater than maximum supported index of " + MAX_INDEX);
    }
    if (index < list.size()) {
      list.set(index, value); // in place, as Go writes into the existing slice
      return list;
    }
    List<Object> out = new ArrayList<>(list);
    while (out.size() <= index) {
      out.add(null);
    }
    out.set(index, value);
    return out;
  }

  private static void put(Map<String, Object> data, String key, Object value) {
    if (!key.isEmpty()) {
      data.put(key, value);
    }
  }

  private Object typed(String value) {
    if (asStrings) {
      return value;
    }
    if (value.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (value.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    if (value.equalsIgnoreCase("null")) {
      return null;
    }
    if (value.equals("0")) {
      return 0L;
    }
    if (!value.isEmpty() && value.charAt(0) != '0') {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException notAnInteger) {
        return value;
      }
    }
    return value;
  }
}
