package io.driftless.render.substitute;

/** A {@code ${...}} expression Flux's envsubst cannot parse; the message is Flux's own wording. */
final class EnvsubstSyntaxException extends RuntimeException {
  private final int offset;

  EnvsubstSyntaxException(String message, int offset) {
    super(message);
    this.offset = offset;
  }

  /** Where in the text the faulty expression starts. */
  int offset() {
    return offset;
  }
}
