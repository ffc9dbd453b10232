/**
 * Flux's postBuild variable substitution, as kustomize-controller runs it after the build and
 * after decryption.
 *
 * <p>Use: {@code vars = SubstitutionVariables.merge(substituteFromData, inlineSubstitute)}, then
 * {@code new VariableSubstitutor(vars, options).substitute(object)} for each built object. The
 * options come from {@code spec.postBuild.substituteStrategy} and the strict feature gate
 * ({@link io.driftless.render.substitute.SubstituteOptions#defaults()} is Flux's default).
 *
 * <p>Behaviour follows fluxcd/pkg {@code envsubst} and {@code kustomize/kustomize_varsub.go}, code
 * over docs where they disagree:
 *
 * <ul>
 *   <li>{@code ${var-default}} is listed as supported by envsubst's README but its parser rejects
 *       it ("missing closing brace"), as it rejects {@code ${var+x}} and {@code ${var?x}}; so do we.
 *   <li>{@code ${var:+x}} and {@code ${var:?x}} ("unsupported") parse, and act like {@code
 *       ${var:-x}}; every default form uses the default when the value is empty, set or not.
 *   <li>Names in {@code ${...}} are letters, digits and {@code _}; {@code ${a.b}} or {@code ${a-b}}
 *       anywhere in a non-opted-out object fails the build.
 *   <li>{@code $$} prints {@code $} everywhere in the text, not only before {@code {}.
 *   <li>The opt-out value {@code disabled} is matched ignoring case here; kustomize-controller
 *       compares it exactly.
 * </ul>
 */
package io.driftless.render.substitute;
