package io.driftless.render.substitute;

/**
 * Strict mode met {@code ${name}} (or a transformation of it) with no such variable and no default.
 */
final class UnsetVariableException extends RuntimeException {
  private final String variable;

  UnsetVariableException(String variable) {
    super("variable not set (strict mode): \"" + variable + "\"");
    this.variable = variable;
  }

  String variable() {
    return variable;
  }
}
