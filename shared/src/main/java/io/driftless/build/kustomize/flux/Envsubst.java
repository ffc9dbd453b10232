package io.driftless.build.kustomize.flux;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Flux's envsubst: {@code ${var}} with defaults ({@code :-} {@code -} {@code :=} {@code =}),
 * substrings, length, case and trim/replace operators; {@code $${var}} is a literal {@code ${var}}
 * and a bare {@code $var} is left alone. In strict mode an unset variable without default fails.
 */
public final class Envsubst {
  private final Map<String, String> vars;
  private final boolean strict;

  public Envsubst(Map<String, String> vars, boolean strict) {
    this.vars = vars;
    this.strict = strict;
  }

  public String eval(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
        if (i < text.length() && text.charAt(i) == '{') {
          int end = closing(text, i);
          out.append(text, i, end + 1);
          i = end + 1;
        }
      } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        int end = closing(text, i + 1);
        out.append(expand(text.substring(i + 2, end)));
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static int closing(String text, int open) {
    int depth = 0;
    for (int j = open; j < text.length(); j++) {
      char c = text.charAt(j);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return j;
      }
    }
    throw new SubstitutionException("unterminated variable reference: " + text.substring(open - 1,
        Math.min(text.length(), open + 40)));
  }

  private String expand(String expr) {
    if (expr.startsWith("#") && isName(expr.substring(1))) {
      return String.valueOf(value(expr.substring(1), false).length());
    }
    int n = 0;
    while (n < expr.length() && (Character.isLetterOrDigit(expr.charAt(n)) || expr.charAt(n) == '_')) {
      n++;
    }
    String name = expr.substring(0, n);
    String op = expr.substring(n);
    if (!isName(name)) {
      throw new SubstitutionException("invalid variable name in ${" + expr + "}");
    }
    String v = vars.get(name);
    if (op.startsWith(":-") || op.startsWith(":=")) {
      return v == null || v.isEmpty() ? eval(op.substring(2)) : v;
    }
    if (op.startsWith("-") || op.startsWith("=")) {
      return v == null ? eval(op.substring(1)) : v;
    }
    if (op.startsWith("+") || op.startsWith(":?") || op.startsWith(":+")) {
      throw new SubstitutionException("unsupported operator in ${" + expr + "}");
    }
    String s = value(name, true);
    return EnvsubstOperators.apply(s, op, expr);
  }

  private String value(String name, boolean required) {
    String v = vars.get(name);
    if (v == null) {
      if (strict && required) {
        throw new SubstitutionException("variable not set (strict mode): \"" + name + "\"");
      }
      return "";
    }
    return v;
  }

  static boolean isName(String s) {
    return s.matches("[_\\p{Alpha}][_\\p{Alnum}]*");
  }

  static Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString());
  }

  /** A variable could not be substituted. */
  public static final class SubstitutionException extends RuntimeException {
    public SubstitutionException(String message) {
      super(message);
    }
  }
}
