/**
 * CEL as Flux evaluates it (fluxcd/pkg {@code runtime/cel}), over Google's Java implementation
 * ({@code dev.cel}): {@link io.driftless.cel.CelExpression} parses or compiles one expression with Flux's
 * environment and evaluates it on JSON-like maps. Used by the apply stage's health rules and the
 * pipeline's dependency check.
 */
package io.driftless.cel;
