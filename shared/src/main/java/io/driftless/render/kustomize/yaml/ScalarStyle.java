package io.driftless.render.kustomize.yaml;

/**
 * Chooses how a string is written, as kustomize's YAML-1.1 writer does: it asks for plain (or
 * literal when the string has a newline, or double quotes when plain would read back as another
 * type), then falls back to single and double quotes when the characters forbid the asked style.
 */
enum ScalarStyle {
  PLAIN,
  SINGLE,
  DOUBLE,
  LITERAL;

  static ScalarStyle choose(String value, boolean simpleKey) {
    ScalarStyle style;
    if (PlainScalars.needsQuotesOnOutput(value)) {
      style = DOUBLE;
    } else if (value.indexOf('\n') >= 0) {
      style = LITERAL;
    } else {
      style = PLAIN;
    }
    Analysis a = Analysis.of(value);
    if (style == PLAIN && (!a.blockPlainAllowed || (value.isEmpty() && simpleKey))) {
      style = SINGLE;
    }
    if (style == SINGLE && !a.singleQuotedAllowed) {
      style = DOUBLE;
    }
    if (style == LITERAL && (!a.blockAllowed || simpleKey)) {
      style = DOUBLE;
    }
    return style;
  }

  static boolean isBreak(int c) {
    return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  static boolean isBlankOrEnd(int[] cps, int i) {
    if (i >= cps.length) {
      return true;
    }
    int c = cps[i];
    return c == ' ' || c == '\t' || isBreak(c) || c == 0;
  }

  /** go-yaml's test: no U+0085 and nothing outside the Basic Multilingual Plane. */
  static boolean isPrintable(int c) {
    return c == 0x0A
        || (c >= 0x20 && c <= 0x7E)
        || (c >= 0xA0 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
  }

  /** The character analysis of libyaml's emitter. */
  private static final class Analysis {
    boolean blockPlainAllowed = true;
    boolean singleQuotedAllowed = true;
    boolean blockAllowed = true;

    static Analysis of(String value) {
      Analysis r = new Analysis();
      if (value.isEmpty()) {
        r.blockAllowed = false;
        return r;
      }
      boolean blockIndicators = value.startsWith("---") || value.startsWith("...");
      boolean special = false;
      boolean lineBreaks = false;
      boolean leadingSpace = false;
      boolean leadingBreak = false;
      boolean trailingSpace = false;
      boolean trailingBreak = false;
      boolean breakSpace = false;
      boolean spaceBreak = false;
      boolean previousSpace = false;
      boolean previousBreak = false;
      int[] cps = value.codePoints().toArray();
      boolean precededByWhitespace = true;
      boolean followedByWhitespace = isBlankOrEnd(cps, 1);
      for (int i = 0; i < cps.length; i++) {
        int c = cps[i];
        if (i == 0) {
          if ("#,[]{}&*!|>'\"%@`".indexOf(c) >= 0) {
            blockIndicators = true;
          }
          if ((c == '?' || c == ':' || c == '-') && followedByWhitespace) {
            blockIndicators = true;
          }
        } else {
          if (c == ':' && followedByWhitespace) {
            blockIndicators = true;
          }
          if (c == '#' && precededByWhitespace) {
            blockIndicators = true;
          }
        }
        if (!isPrintable(c)) {
          special = true;
        }
        if (isBreak(c)) {
          lineBreaks = true;
        }
        boolean last = i == cps.length - 1;
        if (c == ' ') {
          leadingSpace |= i == 0;
          trailingSpace |= last;
          breakSpace |= previousBreak;
          previousSpace = true;
          previousBreak = false;
        } else if (isBreak(c)) {
          leadingBreak |= i == 0;
          trailingBreak |= last;
          spaceBreak |= previousSpace;
          previousSpace = false;
          previousBreak = true;
        } else {
          previousSpace = false;
          previousBreak = false;
        }
        precededByWhitespace = isBlankOrEnd(cps, i);
        followedByWhitespace = isBlankOrEnd(cps, i + 2);
      }
      if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
        r.blockPlainAllowed = false;
      }
      if (trailingSpace) {
        r.blockAllowed = false;
      }
      if (breakSpace) {
        r.blockPlainAllowed = false;
        r.singleQuotedAllowed = false;
      }
      if (spaceBreak || special) {
        r.blockPlainAllowed = false;
        r.singleQuotedAllowed = false;
        r.blockAllowed = false;
      }
      if (lineBreaks || blockIndicators) {
        r.blockPlainAllowed = false;
      }
      return r;
    }
  }
}
