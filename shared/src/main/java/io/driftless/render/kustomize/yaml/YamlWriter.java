package io.driftless.render.kustomize.yaml;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes objects byte for byte as {@code kubectl kustomize} prints them: keys in {@link KeyOrder},
 * two-space indentation, sequences at their key's column, empty collections as {@code {}} and
 * {@code []}, plain scalars folded past column 80, and {@link ScalarStyle} for quoting.
 */
public final class YamlWriter {
  private static final int BEST_WIDTH = 80;
  private final StringBuilder out = new StringBuilder();
  private int column;

  private YamlWriter() {}

  /** One document, ending in a newline. */
  public static String write(Map<String, Object> document) {
    YamlWriter w = new YamlWriter();
    w.mapping(document, 0, false);
    return w.out.toString();
  }

  /** Documents separated by {@code ---}. */
  public static String writeAll(List<Map<String, Object>> documents) {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < documents.size(); i++) {
      if (i > 0) {
        all.append("---\n");
      }
      all.append(write(documents.get(i)));
    }
    return all.toString();
  }

  @SuppressWarnings("unchecked")
  private void mapping(Map<String, Object> map, int indent, boolean continuesLine) {
    List<String> keys = new ArrayList<>(map.keySet());
    keys.sort(KeyOrder.INSTANCE);
    boolean first = true;
    for (String key : keys) {
      if (!(first && continuesLine)) {
        spaces(indent);
      }
      first = false;
      scalar(key, indent + 2, true);
      put(":");
      value(map.get(key), indent, true);
    }
  }

  private void sequence(List<Object> list, int indent, boolean continuesLine) {
    boolean first = true;
    for (Object item : list) {
      if (!(first && continuesLine)) {
        spaces(indent);
      }
      first = false;
      put("-");
      value(item, indent, false);
    }
  }

  /** Writes what follows {@code key:} or {@code -}; {@code indent} is that key's or dash's column. */
  @SuppressWarnings("unchecked")
  private void value(Object v, int indent, boolean inMapping) {
    if (v instanceof Map<?, ?> m && !m.isEmpty()) {
      if (inMapping) {
        newline();
        mapping((Map<String, Object>) m, indent + 2, false);
      } else {
        put(" ");
        mapping((Map<String, Object>) m, indent + 2, true);
      }
    } else if (v instanceof List<?> l && !l.isEmpty()) {
      if (inMapping) {
        newline();
        sequence((List<Object>) l, indent, false);
      } else {
        put(" ");
        sequence((List<Object>) l, indent + 2, true);
      }
    } else {
      put(" ");
      scalar(v, indent + 2, false);
      newline();
    }
  }

  private void scalar(Object v, int indent, boolean simpleKey) {
    if (v instanceof Map<?, ?>) {
      put("{}");
    } else if (v instanceof List<?>) {
      put("[]");
    } else if (v == null) {
      put("null");
    } else if (v instanceof String s) {
      string(s, indent, simpleKey);
    } else if (v instanceof Double d) {
      put(formatFloat(d));
    } else {
      put(v.toString());
    }
  }

  private void string(String s, int indent, boolean simpleKey) {
    int[] cps = s.codePoints().toArray();
    switch (ScalarStyle.choose(s, simpleKey)) {
      case PLAIN -> plain(cps, indent, !simpleKey);
      case SINGLE -> single(cps, indent, !simpleKey);
      case DOUBLE -> ScalarQuoting.doubleQuoted(this, cps, indent, !simpleKey);
      case LITERAL -> literal(cps, indent);
    }
  }

  private void plain(int[] cps, int indent, boolean allowBreaks) {
    boolean spaces = false;
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == ' ') {
        if (allowBreaks && !spaces && column > BEST_WIDTH && !(i + 1 < cps.length && cps[i + 1] == ' ')) {
          newline();
          spaces(indent);
        } else {
          putCodePoint(c);
        }
        spaces = true;
      } else {
        putCodePoint(c);
        spaces = false;
      }
    }
  }

  private void single(int[] cps, int indent, boolean allowBreaks) {
    put("'");
    boolean spaces = false;
    boolean breaks = false;
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == ' ') {
        boolean nextSpace = i + 1 < cps.length && cps[i + 1] == ' ';
        if (allowBreaks && !spaces && column > BEST_WIDTH && i != 0 && i != cps.length - 1 && !nextSpace) {
          newline();
          spaces(indent);
        } else {
          putCodePoint(c);
        }
        spaces = true;
      } else if (ScalarStyle.isBreak(c)) {
        if (c == '\n') {
          if (!breaks) {
            newline();
          }
          newline();
        } else {
          out.appendCodePoint(c);
          column = 0;
        }
        breaks = true;
      } else {
        if (breaks) {
          spaces(indent);
        }
        if (c == '\'') {
          put("'");
        }
        putCodePoint(c);
        spaces = false;
        breaks = false;
      }
    }
    put("'");
  }

  private void literal(int[] cps, int indent) {
    put("|");
    if (cps[0] == ' ' || ScalarStyle.isBreak(cps[0])) {
      put("2");
    }
    int last = cps[cps.length - 1];
    if (!ScalarStyle.isBreak(last)) {
      put("-");
    } else if (cps.length == 1 || ScalarStyle.isBreak(cps[cps.length - 2])) {
      put("+");
    }
    newline();
    boolean breaks = true;
    for (int c : cps) {
      if (ScalarStyle.isBreak(c)) {
        newline();
        breaks = true;
      } else {
        if (breaks) {
          spaces(indent);
        }
        putCodePoint(c);
        breaks = false;
      }
    }
    if (!breaks) {
      newline();
    }
    column = -1;
  }

  /** Go's {@code strconv.FormatFloat(f, 'g', -1, 64)} after kustomize's JSON round trip. */
  public static String formatFloat(double d) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+.inf" : "-.inf";
    }
    if (d == Math.rint(d) && Math.abs(d) < 9.2e18) {
      return Long.toString((long) d);
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = bd.unscaledValue().abs().toString();
    int exp = digits.length() - bd.scale() - 1;
    String sign = d < 0 ? "-" : "";
    if (exp < -4 || exp >= 6) {
      String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String e = Math.abs(exp) < 10 ? "0" + Math.abs(exp) : Integer.toString(Math.abs(exp));
      return sign + mant + "e" + (exp < 0 ? "-" : "+") + e;
    }
    return sign + bd.abs().toPlainString();
  }

  int column() {
    return column;
  }

  void put(String s) {
    out.append(s);
    column += s.codePointCount(0, s.length());
  }

  void putCodePoint(int c) {
    out.appendCodePoint(c);
    column++;
  }

  void newline() {
    if (column != -1) {
      out.append('\n');
    }
    column = 0;
  }

  void spaces(int n) {
    if (column == -1) {
      column = 0;
    }
    for (int i = 0; i < n; i++) {
      out.append(' ');
    }
    column += n;
  }
}
