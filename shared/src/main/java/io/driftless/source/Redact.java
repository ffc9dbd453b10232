package io.driftless.source;

/** Removes user info (which may carry a token) from URLs before they reach a message. */
final class Redact {
  private Redact() {}

  static String url(String text) {
    return text.replaceAll("(https?://)[^/@\\s]+@", "$1***@");
  }
}
