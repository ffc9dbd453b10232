package io.driftless.source.artifact;

import java.util.regex.Pattern;

/**
 * The two glob dialects of an ArtifactGenerator copy operation, as regular expressions over
 * {@code /}-separated relative paths: {@code from} matches one path segment per pattern segment, as
 * Go's {@code fs.Glob} does ({@code *} and {@code **} alike never cross a {@code /}); {@code exclude}
 * patterns are doublestar globs, where a {@code **} segment spans any number of directories and
 * {@code {a,b}} is an alternative.
 */
final class Globs {
  private Globs() {}

  static boolean hasGlob(String path) {
    return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == ']');
  }

  /** One segment of a {@code from} pattern. */
  static Pattern segment(String glob) {
    return Pattern.compile(translate(glob, false));
  }

  /** A whole {@code exclude} pattern. */
  static Pattern doublestar(String glob) {
    StringBuilder re = new StringBuilder();
    String[] parts = glob.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      boolean last = i == parts.length - 1;
      if (parts[i].equals("**")) {
        re.append(last ? ".*" : "(?:[^/]+/)*");
        continue;
      }
      re.append(translate(parts[i], true));
      if (!last) {
        re.append('/');
      }
    }
    return Pattern.compile(re.toString());
  }

  private static String translate(String glob, boolean braces) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '[' -> {
          int end = glob.indexOf(']', i + 1);
          if (end < 0) {
            throw new IllegalArgumentException("unclosed '[' in glob '" + glob + "'");
          }
          String body = glob.substring(i + 1, end);
          if (body.startsWith("^") || body.startsWith("!")) {
            body = "^" + body.substring(1);
          }
          re.append('[').append(body.replace("\\", "\\\\")).append(']');
          i = end;
        }
        case '{' -> {
          if (!braces) {
            re.append("\\{");
            break;
          }
          int end = glob.indexOf('}', i + 1);
          if (end < 0) {
            throw new IllegalArgumentException("unclosed '{' in glob '" + glob + "'");
          }
          StringBuilder alt = new StringBuilder("(?:");
          String[] options = glob.substring(i + 1, end).split(",", -1);
          for (int k = 0; k < options.length; k++) {
            alt.append(k == 0 ? "" : "|").append(translate(options[k], false));
          }
          re.append(alt).append(')');
          i = end;
        }
        case '\\' -> {
          if (i + 1 < glob.length()) {
            re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}
