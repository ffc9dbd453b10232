package io.driftless.build.kustomize.flux;

import java.util.regex.Pattern;

/** The string operators after a variable name: substring, case, trim and replace. */
final class EnvsubstOperators {
  private EnvsubstOperators() {}

  static String apply(String s, String op, String expr) {
    if (op.isEmpty()) {
      return s;
    }
    switch (op) {
      case "^": return s.isEmpty() ? s : s.substring(0, 1).toUpperCase() + s.substring(1);
      case "^^": return s.toUpperCase();
      case ",": return s.isEmpty() ? s : s.substring(0, 1).toLowerCase() + s.substring(1);
      case ",,": return s.toLowerCase();
      default: break;
    }
    if (op.startsWith(":")) {
      String[] parts = op.substring(1).split(":", 2);
      int pos = clamp(Integer.parseInt(parts[0].trim()), s.length());
      int len = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : s.length() - pos;
      return s.substring(pos, Math.min(s.length(), pos + Math.max(0, len)));
    }
    if (op.startsWith("##") || op.startsWith("#")) {
      boolean longest = op.startsWith("##");
      Pattern p = Envsubst.glob(op.substring(longest ? 2 : 1));
      int[] range = longest ? descending(s.length()) : ascending(s.length());
      for (int i : range) {
        if (p.matcher(s.substring(0, i)).matches()) {
          return s.substring(i);
        }
      }
      return s;
    }
    if (op.startsWith("%%") || op.startsWith("%")) {
      boolean longest = op.startsWith("%%");
      Pattern p = Envsubst.glob(op.substring(longest ? 2 : 1));
      int[] range = longest ? ascending(s.length()) : descending(s.length());
      for (int i : range) {
        if (p.matcher(s.substring(i)).matches()) {
          return s.substring(0, i);
        }
      }
      return s;
    }
    if (op.startsWith("/")) {
      return replace(s, op.substring(1));
    }
    throw new Envsubst.SubstitutionException("unsupported operator in ${" + expr + "}");
  }

  private static String replace(String s, String spec) {
    char mode = spec.isEmpty() ? ' ' : spec.charAt(0);
    String rest = mode == '/' || mode == '#' || mode == '%' ? spec.substring(1) : spec;
    String[] pr = rest.split("/", 2);
    String pattern = pr[0];
    String repl = pr.length > 1 ? pr[1] : "";
    if (pattern.isEmpty()) {
      return s;
    }
    return switch (mode) {
      case '/' -> s.replace(pattern, repl);
      case '#' -> s.startsWith(pattern) ? repl + s.substring(pattern.length()) : s;
      case '%' -> s.endsWith(pattern) ? s.substring(0, s.length() - pattern.length()) + repl : s;
      default -> s.replaceFirst(Pattern.quote(pattern), java.util.regex.Matcher.quoteReplacement(repl));
    };
  }

  private static int clamp(int pos, int len) {
    int p = pos < 0 ? len + pos : pos;
    return Math.max(0, Math.min(len, p));
  }

  private static int[] ascending(int n) {
    int[] r = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      r[i] = i;
    }
    return r;
  }

  private static int[] descending(int n) {
    int[] r = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      r[i] = n - i;
    }
    return r;
  }
}
