package io.driftless.source;

import java.net.URISyntaxException;
import java.util.Set;
import org.eclipse.jgit.transport.URIish;

/**
 * Which URLs a GitRepository found in Git may name: {@code https://}, {@code http://} or {@code
 * ssh://} with a host, the schemes Flux's GitRepository allows. Everything else JGit opens reads the
 * function's own disk: {@code file://}, absolute and relative paths (another source's cache, any
 * repository on the disk), bundle files, and {@code amazon-s3://} (whose user names a properties file
 * to read); {@code sftp://}, {@code git://} and the scp-like form are refused with them, as in Flux.
 * Roots the operator registered with {@code driftless bootstrap --url} may use any of them. Only the
 * text is read: a refused URL touches nothing on disk.
 */
public final class RemoteUrls {
  /** What a refusal says about {@code spec.url}. */
  public static final String ONLY_REMOTE = "must be an https://, http:// or ssh:// URL with a host; local URLs"
      + " (file://, paths, bundles) are only for roots registered with driftless bootstrap";
  private static final Set<String> SCHEMES = Set.of("https", "http", "ssh");

  private RemoteUrls() {}

  /** Refuses, naming the GitRepository and its field, a URL {@code source}'s origin may not use. */
  static void requireAllowed(GitSource source) {
    if (source.origin() != GitSource.Origin.REGISTERED && !isRemote(source.url())) {
      throw new SourceException(source.subject() + ": spec.url " + ONLY_REMOTE);
    }
  }

  /** Whether {@code url} names a repository on another host, read the way JGit reads it. */
  public static boolean isRemote(String url) {
    if (url == null || url.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      return false;
    }
    int colon = url.indexOf("://");
    if (colon < 0 || !SCHEMES.contains(url.substring(0, colon))) {
      return false;
    }
    try {
      URIish uri = new URIish(url);
      return url.substring(0, colon).equals(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
