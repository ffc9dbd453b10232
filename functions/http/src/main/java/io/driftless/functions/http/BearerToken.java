package io.driftless.functions.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * A token set at startup that a request must send as {@code Authorization: Bearer <token>}. Both sides
 * are hashed before they are compared, so the comparison takes the same time whatever was sent and
 * however long it is. The token never appears in a response or a log line.
 */
public final class BearerToken {
  /** What a request's {@code Authorization} header amounts to. */
  public enum Verdict {
    ALLOWED,
    /** No token is configured: nothing sent can be right. */
    UNSET,
    MISSING,
    WRONG
  }

  private static final String BEARER = "Bearer ";
  private final Optional<byte[]> digest;

  public BearerToken(Optional<String> token) {
    this.digest = token.map(String::strip).filter(t -> !t.isEmpty()).map(BearerToken::sha256);
  }

  public boolean configured() {
    return digest.isPresent();
  }

  /** Judges a request's {@code Authorization} header (null when it sent none). */
  public Verdict check(String authorization) {
    if (digest.isEmpty()) {
      return Verdict.UNSET;
    }
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Verdict.MISSING;
    }
    byte[] sent = sha256(authorization.substring(BEARER.length()).strip());
    return MessageDigest.isEqual(sent, digest.get()) ? Verdict.ALLOWED : Verdict.WRONG;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
