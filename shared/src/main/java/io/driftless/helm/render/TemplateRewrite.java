package io.driftless.helm.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the two things in a chart template that helm-java's client-only {@code template} cannot
 * answer from the target cluster, so that templates Driftless writes ({@link ClusterTemplates}) answer
 * them instead:
 * <ul>
 *   <li>a call of {@code lookup A B C D} becomes {@code list A B C D | include "driftless.lookup" | fromJson}
 *       (the piped form {@code X | lookup A B C} likewise, the piped value last);</li>
 *   <li>{@code R.APIVersions.Has ARG} (any receiver {@code R}: {@code .Capabilities}, {@code $.Capabilities},
 *       {@code $root.Capabilities}, {@code .} inside {@code with .Capabilities}) becomes
 *       {@code (include "driftless.has-api-version" ARG | eq "true")}, and any other {@code R.APIVersions}
 *       becomes the list of the cluster's API versions; a variable given that list in the same file
 *       ({@code $v := .Capabilities.APIVersions}) has its {@code $v.Has ARG} rewritten the same way.</li>
 * </ul>
 * Only actions ({@code {{ … }}}) are read; text, comments and string literals are left as they are.
 */
final class TemplateRewrite {
  static final String LOOKUP = "driftless.lookup";
  static final String HAS_API_VERSION = "driftless.has-api-version";
  static final String API_VERSIONS = "driftless.api-versions";

  /** A comment action: {@code /*} right after the delimiter, or after a trim marker and a space. */
  private static final Pattern COMMENT = Pattern.compile("(-\\s+)?/\\*");

  private enum Kind { SPACE, STRING, LPAREN, RPAREN, PIPE, WORD, FIELD, VARIABLE, DOT, OTHER }

  private record Token(Kind kind, String text) {}

  /** What was rewritten. */
  record Rewritten(String text, boolean lookup, boolean apiVersions) {}

  private TemplateRewrite() {}

  /** The template with every {@code lookup} rewritten, and {@code .APIVersions} too when {@code apiVersions}. */
  static Rewritten of(String template, boolean apiVersions) {
    StringBuilder out = new StringBuilder(template.length());
    boolean[] found = new boolean[2];
    Set<String> variables = new HashSet<>();
    int i = 0;
    while (true) {
      int open = template.indexOf("{{", i);
      if (open < 0) {
        out.append(template, i, template.length());
        break;
      }
      int close = actionEnd(template, open + 2);
      if (close < 0) { // unterminated: Helm names the error
        out.append(template, i, template.length());
        break;
      }
      out.append(template, i, open + 2);
      out.append(action(template.substring(open + 2, close), apiVersions, found, variables));
      out.append("}}");
      i = close + 2;
    }
    return new Rewritten(out.toString(), found[0], found[1]);
  }

  /** Where the action opened before {@code from} ends ({@code }}} outside literals and comments), or -1. */
  private static int actionEnd(String s, int from) {
    int p = from;
    if (COMMENT.matcher(s).region(from, s.length()).lookingAt()) {
      int end = s.indexOf("*/", from);
      return end < 0 ? -1 : s.indexOf("}}", end + 2);
    }
    while (p < s.length()) {
      char c = s.charAt(p);
      if (c == '"' || c == '`' || c == '\'') {
        p = literalEnd(s, p);
        if (p < 0) {
          return -1;
        }
      } else if (c == '}' && s.startsWith("}}", p)) {
        return p;
      } else {
        p++;
      }
    }
    return -1;
  }

  /** The index after the literal starting at {@code p}, or -1 when it does not end. */
  private static int literalEnd(String s, int p) {
    char quote = s.charAt(p);
    int q = p + 1;
    while (q < s.length()) {
      char c = s.charAt(q);
      if (c == '\\' && quote != '`') {
        q += 2;
      } else if (c == quote) {
        return q + 1;
      } else {
        q++;
      }
    }
    return -1;
  }

  private static String action(String body, boolean apiVersions, boolean[] found, Set<String> variables) {
    if (COMMENT.matcher(body).lookingAt()
        || !(body.contains("lookup") || body.contains("APIVersions") || body.contains(".Has"))) {
      return body;
    }
    // the trim markers ("{{- " and " -}}") stay outside the pipeline
    String head = body.matches("(?s)-\\s.*") ? body.substring(0, 1) : "";
    String tail = body.matches("(?s).*\\s-") ? "-" : "";
    List<Token> tokens = tokens(body.substring(head.length(), body.length() - tail.length()));
    if (apiVersions) {
      found[1] |= rewriteApiVersions(tokens, variables);
    }
    found[0] |= rewriteLookups(tokens);
    StringBuilder out = new StringBuilder(head);
    tokens.forEach(t -> out.append(t.text()));
    return out.append(tail).toString();
  }

  private static boolean rewriteLookups(List<Token> tokens) {
    boolean any = false;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).kind() == Kind.WORD && tokens.get(i).text().equals("lookup")) {
        any = true;
        tokens.set(i, new Token(Kind.WORD, "list"));
        int last = i;
        int depth = 0;
        for (int j = i + 1; j < tokens.size(); j++) {
          Kind k = tokens.get(j).kind();
          if (k == Kind.LPAREN) {
            depth++;
          } else if (k == Kind.RPAREN && depth-- == 0 || k == Kind.PIPE && depth == 0) {
            break;
          }
          if (k != Kind.SPACE) {
            last = j;
          }
        }
        tokens.add(last + 1, new Token(Kind.OTHER, " | include \"" + LOOKUP + "\" | fromJson"));
      }
    }
    return any;
  }

  /**
   * {@code variables}: the names this template gave {@code R.APIVersions} ({@code $v := .Capabilities.APIVersions}),
   * whose {@code $v.Has ARG} is rewritten too.
   */
  private static boolean rewriteApiVersions(List<Token> tokens, Set<String> variables) {
    boolean any = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      boolean field = token.kind() == Kind.FIELD && token.text().equals(".APIVersions");
      boolean named = token.kind() == Kind.VARIABLE && variables.contains(token.text())
          && i + 1 < tokens.size() && tokens.get(i + 1).text().equals(".Has");
      if (!field && !named) {
        continue;
      }
      any = true;
      int start = named ? i : receiverStart(tokens, i);
      int end = i;
      String replacement = "(include \"" + API_VERSIONS + "\" \"\" | fromJsonArray)";
      if (i + 1 < tokens.size() && tokens.get(i + 1).text().equals(".Has")) {
        end = i + 1;
        int arg = end + 1;
        while (arg < tokens.size() && tokens.get(arg).kind() == Kind.SPACE) {
          arg++;
        }
        int argEnd = operandEnd(tokens, arg);
        if (argEnd < 0) { // piped: "x" | .Capabilities.APIVersions.Has
          replacement = "include \"" + HAS_API_VERSION + "\"";
        } else {
          StringBuilder operand = new StringBuilder();
          tokens.subList(arg, argEnd + 1).forEach(t -> operand.append(t.text()));
          replacement = "(include \"" + HAS_API_VERSION + "\" " + operand + " | eq \"true\")";
          end = argEnd;
        }
      } else {
        assignedTo(tokens, start).ifPresent(variables::add);
      }
      tokens.subList(start, end + 1).clear();
      tokens.add(start, new Token(Kind.OTHER, replacement));
      i = start;
    }
    return any;
  }

  /** The variable an expression starting at {@code start} is declared or assigned to ({@code $v :=}, {@code $v =}). */
  private static Optional<String> assignedTo(List<Token> tokens, int start) {
    int p = start - 1;
    while (p >= 0 && tokens.get(p).kind() == Kind.SPACE) {
      p--;
    }
    if (p < 0 || !tokens.get(p).text().equals("=")) {
      return Optional.empty();
    }
    p--;
    if (p >= 0 && tokens.get(p).text().equals(":")) {
      p--;
    }
    while (p >= 0 && tokens.get(p).kind() == Kind.SPACE) {
      p--;
    }
    return p >= 0 && tokens.get(p).kind() == Kind.VARIABLE ? Optional.of(tokens.get(p).text()) : Optional.empty();
  }

  /** The first token of the chain a field belongs to: {@code $x.a.b}, {@code .a.b}, {@code (expr).a}. */
  private static int receiverStart(List<Token> tokens, int field) {
    int p = field;
    while (p > 0) {
      Token before = tokens.get(p - 1);
      if (before.kind() == Kind.FIELD) {
        p--;
      } else if (before.kind() == Kind.VARIABLE || before.kind() == Kind.DOT) {
        return p - 1;
      } else if (before.kind() == Kind.RPAREN) {
        int depth = 0;
        int q = p - 1;
        for (; q >= 0; q--) {
          if (tokens.get(q).kind() == Kind.RPAREN) {
            depth++;
          } else if (tokens.get(q).kind() == Kind.LPAREN && --depth == 0) {
            break;
          }
        }
        return Math.max(q, 0);
      } else {
        return p;
      }
    }
    return p;
  }

  /** The last token of the operand starting at {@code p} (with its field chain), or -1 when none starts there. */
  private static int operandEnd(List<Token> tokens, int p) {
    if (p >= tokens.size()) {
      return -1;
    }
    Kind k = tokens.get(p).kind();
    int end;
    if (k == Kind.LPAREN) {
      int depth = 0;
      end = p;
      for (; end < tokens.size(); end++) {
        if (tokens.get(end).kind() == Kind.LPAREN) {
          depth++;
        } else if (tokens.get(end).kind() == Kind.RPAREN && --depth == 0) {
          break;
        }
      }
    } else if (k == Kind.STRING || k == Kind.VARIABLE || k == Kind.FIELD || k == Kind.DOT || k == Kind.WORD
        || k == Kind.OTHER) {
      end = p;
    } else {
      return -1;
    }
    while (end + 1 < tokens.size() && tokens.get(end + 1).kind() == Kind.FIELD) {
      end++;
    }
    return Math.min(end, tokens.size() - 1);
  }

  private static List<Token> tokens(String s) {
    List<Token> tokens = new ArrayList<>();
    int p = 0;
    while (p < s.length()) {
      char c = s.charAt(p);
      int q;
      Kind kind;
      if (Character.isWhitespace(c)) {
        q = p;
        while (q < s.length() && Character.isWhitespace(s.charAt(q))) {
          q++;
        }
        kind = Kind.SPACE;
      } else if (c == '"' || c == '`' || c == '\'') {
        q = literalEnd(s, p);
        q = q < 0 ? s.length() : q;
        kind = Kind.STRING;
      } else if (c == '(' || c == ')' || c == '|') {
        q = p + 1;
        kind = c == '(' ? Kind.LPAREN : c == ')' ? Kind.RPAREN : Kind.PIPE;
      } else if (c == '.' && p + 1 < s.length() && isIdentifierStart(s.charAt(p + 1))) {
        q = identifierEnd(s, p + 1);
        kind = Kind.FIELD;
      } else if (c == '.') {
        q = p + 1;
        kind = Kind.DOT;
      } else if (c == '$') {
        q = identifierEnd(s, p + 1);
        kind = Kind.VARIABLE;
      } else if (isIdentifierStart(c)) {
        q = identifierEnd(s, p);
        kind = Kind.WORD;
      } else if (Character.isDigit(c) || (c == '-' || c == '+') && p + 1 < s.length() && Character.isDigit(s.charAt(p + 1))) {
        q = p + 1;
        while (q < s.length() && (Character.isLetterOrDigit(s.charAt(q)) || "._+-".indexOf(s.charAt(q)) >= 0)) {
          q++;
        }
        kind = Kind.OTHER;
      } else {
        q = p + 1;
        kind = Kind.OTHER;
      }
      tokens.add(new Token(kind, s.substring(p, q)));
      p = q;
    }
    return tokens;
  }

  private static boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static int identifierEnd(String s, int p) {
    int q = p;
    while (q < s.length() && (Character.isLetterOrDigit(s.charAt(q)) || s.charAt(q) == '_')) {
      q++;
    }
    return q;
  }

  private static final Pattern LOOKUP_CALL =
      Pattern.compile("list (.*?) \\| include \"" + Pattern.quote(LOOKUP) + "\" \\| fromJson");
  private static final Pattern HAS_CALL =
      Pattern.compile("\\(include \"" + Pattern.quote(HAS_API_VERSION) + "\" (.*?) \\| eq \"true\"\\)");
  private static final Pattern LIST_CALL =
      Pattern.compile("\\(include \"" + Pattern.quote(API_VERSIONS) + "\" \"\" \\| fromJsonArray\\)");

  /** Helm's message about a rewritten template, with the chart's own expressions back. */
  static String undo(String message) {
    String out = LOOKUP_CALL.matcher(message).replaceAll(m -> Matcher.quoteReplacement("lookup " + m.group(1)));
    out = HAS_CALL.matcher(out).replaceAll(m -> Matcher.quoteReplacement(".Capabilities.APIVersions.Has " + m.group(1)));
    return LIST_CALL.matcher(out).replaceAll(".Capabilities.APIVersions");
  }

  /** Whether a chart file is parsed by Helm as a template: anything under a chart's or subchart's templates/. */
  static boolean isTemplate(String path) {
    return path.matches("(charts/[^/]+/)*templates/.+");
  }
}
