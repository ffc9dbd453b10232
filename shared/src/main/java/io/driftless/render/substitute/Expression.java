package io.driftless.render.substitute;

import java.util.List;

/** A parsed envsubst template: literal text, a {@code ${...}} expansion, or a sequence of both. */
sealed interface Expression {

  /** Literal text, escapes already resolved. */
  record Text(String value) implements Expression {}

  /**
   * One {@code ${...}}: the variable, the operator as written ({@code ""} for plain {@code ${var}},
   * {@code ":-"}, {@code "//"}, {@code "#"} for the length, ...) and its parsed arguments.
   */
  record Expansion(String variable, String operator, List<Expression> args) implements Expression {}

  record Sequence(List<Expression> parts) implements Expression {}
}
