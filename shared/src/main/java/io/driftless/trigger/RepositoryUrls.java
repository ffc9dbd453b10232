package io.driftless.trigger;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether two Git URLs name the same repository: https, http, git, ssh and scp-like
 * ({@code git@host:owner/repo.git}) forms, with or without {@code .git} or a trailing slash, and with
 * any user, password or port, all reduce to {@code host/owner/repo} with the host in lower case.
 * Local repositories ({@code file://} or a path) reduce to {@code file:/path}.
 */
public final class RepositoryUrls {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
  private static final Pattern SCP = Pattern.compile("^(?:[^@/]+@)?([^:/]+):(.+)$");

  private RepositoryUrls() {}

  public static boolean sameRepository(String a, String b) {
    String left = normalize(a);
    return left != null && left.equals(normalize(b));
  }

  /** The comparison key ({@code host/owner/repo}), or null for a blank or unreadable URL. */
  public static String normalize(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String text = url.strip();
    if (SCHEME.matcher(text).find()) {
      return fromUri(text);
    }
    if (text.startsWith("/")) {
      return "file:" + trimPath(text);
    }
    Matcher scp = SCP.matcher(text);
    if (scp.matches()) {
      return key(scp.group(1), scp.group(2));
    }
    return null;
  }

  private static String fromUri(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return null;
    }
    String path = uri.getPath();
    if ("file".equalsIgnoreCase(uri.getScheme())) {
      return path == null ? null : "file:" + trimPath(path);
    }
    return uri.getHost() == null || path == null ? null : key(uri.getHost(), path);
  }

  private static String key(String host, String path) {
    String trimmed = trimPath(path);
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    return trimmed.isEmpty() ? null : host.toLowerCase(Locale.ROOT) + "/" + trimmed;
  }

  private static String trimPath(String path) {
    String p = path;
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.toLowerCase(Locale.ROOT).endsWith(".git")) {
      p = p.substring(0, p.length() - 4);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
