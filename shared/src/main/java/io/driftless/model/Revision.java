package io.driftless.model;

/**
 * A source revision in Flux's format: {@code <ref>@sha1:<40 hex>}, e.g. {@code main@sha1:1a2b…}.
 * A revision of a bare commit has no ref part: {@code sha1:<hash>}.
 */
public record Revision(String ref, String commit) {

  public Revision {
    if (commit == null || !commit.matches("[0-9a-f]{40}")) {
      throw new IllegalArgumentException("commit must be 40 lowercase hex characters, got " + commit);
    }
    ref = ref == null ? "" : ref;
  }

  public static Revision parse(String text) {
    int at = text.lastIndexOf("@sha1:");
    if (at >= 0) {
      return new Revision(text.substring(0, at), text.substring(at + 6));
    }
    if (text.startsWith("sha1:")) {
      return new Revision("", text.substring(5));
    }
    throw new IllegalArgumentException("not a revision: " + text);
  }

  @Override
  public String toString() {
    return ref.isEmpty() ? "sha1:" + commit : ref + "@sha1:" + commit;
  }
}
