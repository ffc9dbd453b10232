package io.driftless.source.oci;

/**
 * An {@code oci://host[:port]/path} URL split into the registry and the repository path, as the
 * OCI distribution API addresses them.
 */
public record OciReference(String registry, String repository) {

  /** Throws IllegalArgumentException when {@code url} is not an oci:// URL with a repository path. */
  public static OciReference parse(String url) {
    if (url == null || !url.startsWith("oci://")) {
      throw new IllegalArgumentException("'" + url + "' is not an oci:// URL");
    }
    String rest = url.substring("oci://".length());
    int at = rest.indexOf('@');
    if (at >= 0 && at < rest.indexOf('/')) {
      rest = rest.substring(at + 1); // user info never belongs in the reference
    }
    while (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new IllegalArgumentException("'" + url + "' has no repository path after the registry host");
    }
    String path = rest.substring(slash + 1);
    if (path.contains("@") || path.substring(path.lastIndexOf('/') + 1).contains(":")) {
      throw new IllegalArgumentException("'" + url + "' must not carry a tag or digest");
    }
    return new OciReference(rest.substring(0, slash), path);
  }

  /** The same registry, one path segment deeper (a chart under a HelmRepository of type oci). */
  public OciReference child(String name) {
    return new OciReference(registry, repository + "/" + name);
  }

  @Override
  public String toString() {
    return "oci://" + registry + "/" + repository;
  }
}
