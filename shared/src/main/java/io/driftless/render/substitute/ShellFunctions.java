package io.driftless.render.substitute;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The string operators of Flux's envsubst, with its exact quirks: lengths and offsets count UTF-8
 * bytes as Go does; {@code /} and {@code //} replace literal text (not patterns); every default
 * form ({@code =}, {@code :=}, {@code :-}, and the undocumented {@code :?} and {@code :+}) returns
 * the default when the value is empty, set or not.
 */
final class ShellFunctions {
  private static final Pattern GO_INT = Pattern.compile("[+-]?[0-9]{1,18}");

  private ShellFunctions() {}

  static String apply(String op, String s, List<String> args) {
    return switch (op) {
      case "," -> s.isEmpty() ? s : firstCodePoint(s, false);
      case ",," -> s.toLowerCase(Locale.ROOT);
      case "^" -> s.isEmpty() ? s : firstCodePoint(s, true);
      case "^^" -> s.toUpperCase(Locale.ROOT);
      case "#" ->
          args.isEmpty()
              ? String.valueOf(s.getBytes(StandardCharsets.UTF_8).length)
              : trimPrefix(s, args.get(0), false);
      case "##" -> trimPrefix(s, args.get(0), true);
      case "%" -> reverse(trimPrefix(reverse(s), reverse(args.get(0)), false));
      case "%%" -> reverse(trimPrefix(reverse(s), reverse(args.get(0)), true));
      case ":" -> substring(s, args);
      case "/" -> replaceFirst(s, args.get(0), args.size() == 1 ? "" : args.get(1));
      case "//" -> replaceAll(s, args.get(0), args.size() == 1 ? "" : args.get(1));
      case "/#" ->
          args.size() == 2 && s.startsWith(args.get(0))
              ? replaceFirst(s, args.get(0), args.get(1))
              : s;
      case "/%" ->
          args.size() == 2 && s.endsWith(args.get(0))
              ? s.substring(0, s.length() - args.get(0).length()) + args.get(1)
              : s;
      default -> s.isEmpty() && !args.isEmpty() ? String.join("", args) : s;
    };
  }

  private static String firstCodePoint(String s, boolean upper) {
    int cp = s.codePointAt(0);
    int mapped = upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp);
    return new String(Character.toChars(mapped)) + s.substring(Character.charCount(cp));
  }

  /**
   * Strips the shortest (or longest) non-empty prefix matching the glob; malformed globs change
   * nothing.
   */
  private static String trimPrefix(String s, String glob, boolean longest) {
    Optional<Pattern> pattern = ShellGlob.compile(glob);
    if (pattern.isEmpty()) {
      return s;
    }
    int match = -1;
    for (int end = s.length(); end > 0; end--) {
      if (pattern.get().matcher(s.substring(0, end)).matches()) {
        match = end;
        if (longest) {
          break;
        }
      }
    }
    return match < 0 ? s : s.substring(match);
  }

  private static String substring(String s, List<String> args) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (!GO_INT.matcher(args.get(0)).matches()) {
      return s;
    }
    long pos = Long.parseLong(args.get(0));
    if (pos < 0) {
      pos = Math.max(0, b.length + pos);
    }
    if (args.size() == 1) {
      return pos < b.length ? bytes(b, pos, b.length) : "";
    }
    if (!GO_INT.matcher(args.get(1)).matches()) {
      return s;
    }
    long length = Long.parseLong(args.get(1));
    if (length < 0) {
      long end = b.length + length;
      return end < pos ? "" : bytes(b, pos, end);
    }
    if (pos + length >= b.length) {
      return pos < b.length ? bytes(b, pos, b.length) : "";
    }
    return bytes(b, pos, pos + length);
  }

  private static String bytes(byte[] b, long from, long to) {
    return new String(Arrays.copyOfRange(b, (int) from, (int) to), StandardCharsets.UTF_8);
  }

  /** Go's {@code strings.Replace(s, old, new, 1)}: an empty {@code old} inserts at the start. */
  private static String replaceFirst(String s, String old, String with) {
    int at = s.indexOf(old);
    return at < 0 ? s : s.substring(0, at) + with + s.substring(at + old.length());
  }

  /**
   * Go's {@code strings.Replace(s, old, new, -1)}: an empty {@code old} inserts around every rune.
   */
  private static String replaceAll(String s, String old, String with) {
    if (!old.isEmpty()) {
      return s.replace(old, with);
    }
    StringBuilder out = new StringBuilder(with);
    s.codePoints().forEach(cp -> out.appendCodePoint(cp).append(with));
    return out.toString();
  }

  private static String reverse(String s) {
    return new StringBuilder(s).reverse().toString();
  }
}
