package io.driftless.render.decrypt.age;

import java.util.ArrayList;
import java.util.List;

/** Parses identity files: age keys one per line with {@code #} comments, or an OpenSSH ed25519 key. */
public final class AgeIdentities {
  private AgeIdentities() {}

  /**
   * Every identity in {@code text}. Post-quantum hybrid keys are refused with a clear error; errors
   * give the line number, never the line.
   */
  public static List<AgeIdentity> parse(String text) {
    if (text.contains(SshEd25519Identity.BEGIN)) {
      return List.of(SshEd25519Identity.parse(text));
    }
    List<AgeIdentity> out = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.toUpperCase(java.util.Locale.ROOT).startsWith("AGE-SECRET-KEY-PQ-1")) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + ": post-quantum hybrid (mlkem768x25519) age identities are not supported");
      }
      try {
        out.add(X25519Identity.parse(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return out;
  }
}
