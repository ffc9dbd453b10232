package io.driftless.functions.http.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The token the web UI's writes (reconcile, suspend, resume) need, set at startup with
 * {@code DRIFTLESS_UI_TOKEN}. Without one the UI is read-only; a request must send it as
 * {@code Authorization: Bearer <token>}. The token never appears in a response or a log line.
 */
public final class UiToken {
  /** Why a write was let through or refused; {@code status} is the HTTP status of a refusal. */
  public enum Verdict {
    ALLOWED(200, ""),
    READ_ONLY(403, "the web UI is read-only: start it with DRIFTLESS_UI_TOKEN set to allow reconcile, suspend and resume"),
    MISSING(401, "this needs the UI token: send it as Authorization: Bearer <token>"),
    WRONG(401, "the UI token sent is not the one DRIFTLESS_UI_TOKEN set");

    public final int status;
    public final String message;

    Verdict(int status, String message) {
      this.status = status;
      this.message = message;
    }
  }

  private static final String BEARER = "Bearer ";
  private final Optional<byte[]> token;

  public UiToken(Optional<String> token) {
    this.token = token.map(String::strip).filter(t -> !t.isEmpty()).map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  public boolean configured() {
    return token.isPresent();
  }

  /** Judges a request's {@code Authorization} header (null when it sent none). */
  public Verdict check(String authorization) {
    if (token.isEmpty()) {
      return Verdict.READ_ONLY;
    }
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Verdict.MISSING;
    }
    byte[] sent = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(sent, token.get()) ? Verdict.ALLOWED : Verdict.WRONG;
  }
}
