package io.driftless.render.substitute;

/**
 * Substitution failed. The message names the file and the object ({@code Kind/namespace/name}), the
 * field where it could be found, and the variable where there is one; it never carries a variable's
 * value or manifest content.
 */
public class SubstitutionException extends RuntimeException {
  private final String origin;
  private final String subject;
  private final String variable;

  public SubstitutionException(String origin, String subject, String variable, String message) {
    super(prefix(origin) + prefix(subject) + message);
    this.origin = origin == null ? "" : origin;
    this.subject = subject == null ? "" : subject;
    this.variable = variable;
  }

  /** The file the object or text came from; empty when unknown. */
  public String origin() {
    return origin;
  }

  /** {@code Kind/namespace/name} of the object; empty for raw text. */
  public String subject() {
    return subject;
  }

  /** The variable at fault, or null when the fault is not about one variable. */
  public String variable() {
    return variable;
  }

  private static String prefix(String part) {
    return part == null || part.isEmpty() ? "" : part + ": ";
  }
}
