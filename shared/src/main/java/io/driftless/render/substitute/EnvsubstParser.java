package io.driftless.render.substitute;

import io.driftless.render.substitute.Expression.Expansion;
import io.driftless.render.substitute.Expression.Sequence;
import io.driftless.render.substitute.Expression.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Parses text the way Flux's envsubst (fluxcd/pkg/envsubst, a fork of drone/envsubst) does.
 *
 * <p>Outside expansions only {@code $$} is an escape (it prints {@code $}); bare {@code $var} is
 * text. After {@code ${name} } only {@code :} {@code =} {@code ,} {@code ^} {@code /} {@code #}
 * {@code %} may follow, so {@code ${var-x}}, {@code ${var+x}} and {@code ${var?x}} fail with
 * "missing closing brace", as they do in Flux. Inside replacement arguments {@code \/}, {@code \\}
 * and {@code $$} are escapes; every argument may hold a nested {@code ${...}}.
 */
final class EnvsubstParser {
  static final String BAD_SUBSTITUTION = "bad substitution";
  static final String MISSING_BRACE = "missing closing brace";
  static final String BAD_NAME = "unable to parse variable name";
  static final String BAD_ARGUMENT = "unable to parse substitution within function";

  private final String in;
  private int pos;
  private int exprStart;

  private EnvsubstParser(String in) {
    this.in = in;
  }

  static Expression parse(String text) {
    return new EnvsubstParser(text).parseTop();
  }

  private Expression parseTop() {
    List<Expression> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c == '$' && at(pos + 1, '{')) {
        flush(text, parts);
        exprStart = pos;
        pos += 2;
        parts.add(parseExpansion());
      } else if (c == '$' && at(pos + 1, '$')) {
        text.append('$');
        pos += 2;
      } else {
        text.append(c);
        pos++;
      }
    }
    flush(text, parts);
    return parts.size() == 1 ? parts.get(0) : new Sequence(parts);
  }

  /** After {@code ${}. */
  private Expression parseExpansion() {
    if (at(pos, '#')) {
      pos++;
      String name = identifier();
      if (name.isEmpty()) {
        throw error(BAD_SUBSTITUTION);
      }
      return closed(new Expansion(name, "#", List.of()));
    }
    String name = identifier();
    if (name.isEmpty()) {
      throw error(BAD_NAME);
    }
    char next = pos < in.length() ? in.charAt(pos) : 0;
    switch (next) {
      case ':':
        return "=-?+".indexOf(charAt(pos + 1)) >= 0
            ? parseDefault(name, in.substring(pos, pos + 2))
            : parseSubstring(name);
      case '=':
        return parseDefault(name, "=");
      case ',', '^':
        return closed(new Expansion(name, operator(c -> c == ',' || c == '^'), List.of()));
      case '/':
        return parseReplace(name);
      case '#', '%':
        return parseRemove(name, next);
      case '}':
        pos++;
        return new Expansion(name, "", List.of());
      default:
        throw error(MISSING_BRACE);
    }
  }

  private Expression parseDefault(String name, String op) {
    pos += op.length();
    List<Expression> args = new ArrayList<>();
    while (!at(pos, '}')) {
      args.add(argument(c -> c != '}', false));
    }
    pos++;
    return new Expansion(name, op, args);
  }

  private Expression parseSubstring(String name) {
    pos++;
    List<Expression> args = new ArrayList<>();
    args.add(argument(c -> c != ':' && c != '}', false));
    if (at(pos, '}')) {
      pos++;
      return new Expansion(name, ":", args);
    }
    if (!at(pos, ':')) {
      throw error(BAD_SUBSTITUTION);
    }
    while (at(pos, ':')) {
      pos++;
    }
    args.add(argument(c -> c != '}', false));
    return closed(new Expansion(name, ":", args));
  }

  private Expression parseRemove(String name, char kind) {
    String op = operator(c -> c == kind);
    return closed(new Expansion(name, op, List.of(argument(c -> c != '}', false))));
  }

  private Expression parseReplace(String name) {
    pos++;
    String op = "/";
    if (pos < in.length() && "/#%".indexOf(in.charAt(pos)) >= 0) {
      op += in.charAt(pos++);
    }
    List<Expression> args = new ArrayList<>();
    args.add(at(pos, '/') ? new Text("") : argument(c -> c != '/', true));
    if (!at(pos, '/')) {
      throw error(BAD_SUBSTITUTION);
    }
    while (at(pos, '/')) {
      pos++;
    }
    if (!at(pos, '}')) {
      args.add(argument(c -> c != '}', true));
    }
    return closed(new Expansion(name, op, args));
  }

  /** One function argument: a nested expansion, or text up to the first rejected char. */
  private Expression argument(IntPredicate accept, boolean escapes) {
    if (pos >= in.length()) {
      throw error(BAD_ARGUMENT);
    }
    if (at(pos, '$') && at(pos + 1, '{')) {
      pos += 2;
      return parseExpansion();
    }
    StringBuilder text = new StringBuilder();
    boolean first = true;
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (!first && c == '$' && at(pos + 1, '{')) {
        break;
      }
      if (escapes && isEscape(c, charAt(pos + 1))) {
        text.append(in.charAt(pos + 1));
        pos += 2;
      } else if (accept.test(c)) {
        text.append(c);
        pos++;
      } else if (first) {
        throw error(BAD_ARGUMENT);
      } else {
        break;
      }
      first = false;
    }
    return new Text(text.toString());
  }

  private static boolean isEscape(char c, char next) {
    return (c == '$' && next == '$') || (c == '\\' && (next == '/' || next == '\\'));
  }

  /** One or two operator characters, as Flux's scanner takes them. */
  private String operator(IntPredicate accept) {
    int start = pos;
    while (pos < in.length() && pos - start < 2 && accept.test(in.charAt(pos))) {
      pos++;
    }
    return in.substring(start, pos);
  }

  private String identifier() {
    int start = pos;
    while (pos < in.length()) {
      int cp = in.codePointAt(pos);
      if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
        break;
      }
      pos += Character.charCount(cp);
    }
    return in.substring(start, pos);
  }

  private Expression closed(Expression e) {
    if (!at(pos, '}')) {
      throw error(BAD_SUBSTITUTION);
    }
    pos++;
    return e;
  }

  private boolean at(int i, char c) {
    return i < in.length() && in.charAt(i) == c;
  }

  private char charAt(int i) {
    return i < in.length() ? in.charAt(i) : 0;
  }

  private EnvsubstSyntaxException error(String message) {
    return new EnvsubstSyntaxException(message, exprStart);
  }

  private static void flush(StringBuilder text, List<Expression> parts) {
    if (!text.isEmpty()) {
      parts.add(new Text(text.toString()));
      text.setLength(0);
    }
  }
}
