package io.driftless.render.kustomize.yaml;

/** Double-quoted scalars with libyaml's escapes and its folding of long lines at spaces. */
final class ScalarQuoting {
  private static final int BEST_WIDTH = 80;

  private ScalarQuoting() {}

  static void doubleQuoted(YamlWriter w, int[] cps, int indent, boolean allowBreaks) {
    w.put("\"");
    boolean spaces = false;
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (!ScalarStyle.isPrintable(c) || c == 0xFEFF || ScalarStyle.isBreak(c) || c == '"' || c == '\\') {
        w.put("\\" + escape(c));
        spaces = false;
      } else if (c == ' ') {
        if (allowBreaks && !spaces && w.column() > BEST_WIDTH && i != 0 && i != cps.length - 1) {
          w.newline();
          w.spaces(indent);
          if (i + 1 < cps.length && cps[i + 1] == ' ') {
            w.put("\\");
          }
        } else {
          w.putCodePoint(c);
        }
        spaces = true;
      } else {
        w.putCodePoint(c);
        spaces = false;
      }
    }
    w.put("\"");
  }

  private static String escape(int c) {
    return switch (c) {
      case 0x00 -> "0";
      case 0x07 -> "a";
      case 0x08 -> "b";
      case 0x09 -> "t";
      case 0x0A -> "n";
      case 0x0B -> "v";
      case 0x0C -> "f";
      case 0x0D -> "r";
      case 0x1B -> "e";
      case 0x22 -> "\"";
      case 0x5C -> "\\";
      case 0x85 -> "N";
      case 0xA0 -> "_";
      case 0x2028 -> "L";
      case 0x2029 -> "P";
      default -> c <= 0xFF
          ? String.format("x%02X", c)
          : c <= 0xFFFF ? String.format("u%04X", c) : String.format("U%08X", c);
    };
  }
}
