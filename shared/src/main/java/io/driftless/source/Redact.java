package io.driftless.source;

/**
 * Removes user info that may carry a token from URLs before they reach a message: all of it for
 * http(s), the password part for ssh (the user name, such as {@code git}, stays).
 */
final class Redact {
  private Redact() {}

  static String url(String text) {
    return text.replaceAll("(https?://)[^/@\\s]+@", "$1***@")
        .replaceAll("(ssh://[^/@:\\s]+):[^/@\\s]+@", "$1:***@");
  }
}
