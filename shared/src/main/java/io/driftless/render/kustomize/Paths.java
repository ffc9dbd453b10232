package io.driftless.render.kustomize;

import java.util.ArrayDeque;
import java.util.Deque;

/** {@code /}-separated relative paths: joining, cleaning and containment, never touching a disk. */
public final class Paths {
  private Paths() {}

  /** Cleans {@code a/./b/../c} to {@code a/c}; a leading {@code ..} that escapes is kept as {@code ..}. */
  public static String normalize(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.replace('\\', '/').split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  static String join(String dir, String rel) {
    return normalize(dir.isEmpty() ? rel : dir + "/" + rel);
  }

  static boolean escapes(String normalized) {
    return normalized.equals("..") || normalized.startsWith("../");
  }

  static boolean within(String path, String dir) {
    return dir.isEmpty() ? !escapes(path) : path.equals(dir) || path.startsWith(dir + "/");
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
