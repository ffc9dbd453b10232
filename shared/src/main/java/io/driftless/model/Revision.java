package io.driftless.model;

/**
 * A source revision in Flux's format: {@code <ref>@sha1:<40 hex>}, e.g. {@code main@sha1:1a2b…}, or
 * for a content digest (an ExternalArtifact's) {@code <ref>@sha256:<64 hex>}, e.g. {@code
 * latest@sha256:…}. A revision with no ref part is {@code sha1:<hash>}. {@code commit} is the hex
 * part, whatever the algorithm.
 */
public record Revision(String ref, String algorithm, String commit) {
  public static final String SHA1 = "sha1";
  public static final String SHA256 = "sha256";

  public Revision {
    algorithm = algorithm == null ? SHA1 : algorithm;
    String hex = SHA256.equals(algorithm) ? "[0-9a-f]{64}" : "[0-9a-f]{40}";
    if (!SHA1.equals(algorithm) && !SHA256.equals(algorithm) || commit == null || !commit.matches(hex)) {
      throw new IllegalArgumentException("commit must be " + (SHA256.equals(algorithm) ? 64 : 40)
          + " lowercase hex characters, got " + commit);
    }
    ref = ref == null ? "" : ref;
  }

  /** A Git revision: {@code <ref>@sha1:<commit>}. */
  public Revision(String ref, String commit) {
    this(ref, SHA1, commit);
  }

  public static Revision parse(String text) {
    for (String algorithm : new String[] {SHA1, SHA256}) {
      String marker = algorithm + ":";
      int at = text.lastIndexOf("@" + marker);
      if (at >= 0) {
        return new Revision(text.substring(0, at), algorithm, text.substring(at + marker.length() + 1));
      }
      if (text.startsWith(marker)) {
        return new Revision("", algorithm, text.substring(marker.length()));
      }
    }
    throw new IllegalArgumentException("not a revision: " + text);
  }

  @Override
  public String toString() {
    return (ref.isEmpty() ? "" : ref + "@") + algorithm + ":" + commit;
  }
}
