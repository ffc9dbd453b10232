package io.driftless.functions.http.ui;

import io.driftless.functions.http.BearerToken;
import java.util.Optional;

/**
 * The token the web UI's writes (reconcile, suspend, resume) need, set at startup with
 * {@code DRIFTLESS_UI_TOKEN}. Without one the UI is read-only; a request must send it as
 * {@code Authorization: Bearer <token>} ({@link BearerToken}).
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

  private final BearerToken token;

  public UiToken(Optional<String> token) {
    this.token = new BearerToken(token);
  }

  public boolean configured() {
    return token.configured();
  }

  /** Judges a request's {@code Authorization} header (null when it sent none). */
  public Verdict check(String authorization) {
    return switch (token.check(authorization)) {
      case ALLOWED -> Verdict.ALLOWED;
      case UNSET -> Verdict.READ_ONLY;
      case MISSING -> Verdict.MISSING;
      case WRONG -> Verdict.WRONG;
    };
  }
}
