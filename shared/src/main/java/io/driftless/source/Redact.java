package io.driftless.source;

/**
 * Removes user info that may carry a token from URLs before they reach a message: all of it for
 * http(s) and oci, the password part for ssh (the user name, such as {@code git}, stays).
 */
public final class Redact {
  private Redact() {}

  public static String url(String text) {
    return text.replaceAll("((?:https?|oci)://)[^/@\\s]+@", "$1***@")
        .replaceAll("(ssh://[^/@:\\s]+):[^/@\\s]+@", "$1:***@");
  }
}
