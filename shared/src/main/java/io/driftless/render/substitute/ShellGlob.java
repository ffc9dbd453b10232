package io.driftless.render.substitute;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pattern language of envsubst's {@code #}, {@code ##}, {@code %} and {@code %%}: Go's {@code
 * path.Match} syntax ({@code *}, {@code ?}, {@code [a-z]}, {@code [^a-z]}, {@code \c}), where
 * {@code *} and {@code ?} also match {@code /} (so {@code ${path##*&#47;}} keeps the last segment).
 */
final class ShellGlob {
  private ShellGlob() {}

  /** The pattern as a regex matching whole strings, or empty when it is malformed. */
  static Optional<Pattern> compile(String glob) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*') {
        re.append(".*");
        i++;
      } else if (c == '?') {
        re.append('.');
        i++;
      } else if (c == '[') {
        int end = appendClass(glob, i + 1, re);
        if (end < 0) {
          return Optional.empty();
        }
        i = end;
      } else if (c == '\\') {
        if (i + 1 >= glob.length()) {
          return Optional.empty();
        }
        re.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
        i += 2;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    return Optional.of(Pattern.compile(re.toString(), Pattern.DOTALL));
  }

  /**
   * Appends {@code [...]} starting after the {@code [}; returns the index after {@code ]}, or -1.
   */
  private static int appendClass(String glob, int i, StringBuilder re) {
    StringBuilder cls = new StringBuilder("[");
    if (i < glob.length() && glob.charAt(i) == '^') {
      cls.append('^');
      i++;
    }
    int ranges = 0;
    while (true) {
      if (i >= glob.length()) {
        return -1;
      }
      if (glob.charAt(i) == ']' && ranges > 0) {
        re.append(cls).append(']');
        return i + 1;
      }
      int[] lo = classChar(glob, i);
      if (lo == null) {
        return -1;
      }
      i = lo[1];
      cls.append(escape(lo[0]));
      if (i < glob.length() && glob.charAt(i) == '-') {
        int[] hi = classChar(glob, i + 1);
        if (hi == null || hi[0] < lo[0]) {
          return -1;
        }
        i = hi[1];
        cls.append('-').append(escape(hi[0]));
      }
      ranges++;
    }
  }

  /** One class character and the index after it; null for a bare {@code -} or {@code ]}. */
  private static int[] classChar(String glob, int i) {
    if (i >= glob.length()) {
      return null;
    }
    char c = glob.charAt(i);
    if (c == '-' || c == ']') {
      return null;
    }
    if (c == '\\') {
      return i + 1 < glob.length() ? new int[] {glob.charAt(i + 1), i + 2} : null;
    }
    return new int[] {c, i + 1};
  }

  private static String escape(int c) {
    return String.format("\\x{%x}", c);
  }
}
