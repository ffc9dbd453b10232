package io.driftless.notify;

import java.net.URI;

/**
 * A commit-status Provider's {@code address}: a repository URL (https, ssh or scp-like
 * {@code git@host:owner/repo.git}) split into the web base ({@code https://host}, ssh becoming
 * https as in Flux) and the repository path ({@code owner/repo}, without {@code .git}).
 */
record GitRepoAddress(String scheme, String host, String path) {

  static GitRepoAddress parse(String address) throws DeliveryException {
    String a = address == null ? "" : address.trim();
    if (!a.contains("://") && a.contains("@") && a.contains(":")) {
      a = "ssh://" + a.substring(0, a.indexOf(':')) + "/" + a.substring(a.indexOf(':') + 1);
    }
    URI uri;
    try {
      uri = URI.create(a);
    } catch (IllegalArgumentException e) {
      throw new DeliveryException("the address is not a repository URL");
    }
    if (uri.getScheme() == null || uri.getHost() == null || uri.getPath() == null) {
      throw new DeliveryException("the address is not a repository URL");
    }
    String scheme = "ssh".equals(uri.getScheme()) ? "https" : uri.getScheme();
    String host = uri.getPort() > 0 && !"ssh".equals(uri.getScheme()) ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
    String path = uri.getPath().replaceAll("^/+", "").replaceAll("\\.git$", "").replaceAll("/+$", "");
    if (!path.contains("/")) {
      throw new DeliveryException("the address names no owner/repository");
    }
    return new GitRepoAddress(scheme, host, path);
  }

  String base() {
    return scheme + "://" + host;
  }

  String owner() {
    return path.substring(0, path.lastIndexOf('/'));
  }

  String repo() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
