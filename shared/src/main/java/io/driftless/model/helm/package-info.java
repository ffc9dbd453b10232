/**
 * Flux's Helm objects as parsed records: {@code helm.toolkit.fluxcd.io/v2} HelmRelease and {@code
 * source.toolkit.fluxcd.io} HelmRepository (default and {@code type: oci}), HelmChart and
 * OCIRepository ({@code v1} and {@code v1beta2}).
 *
 * <p>Every spec field of helm.md §1 and §3–4 is kept, including fields a later stage defers or
 * refuses, so that the parser's shape does not change when they are implemented. {@link
 * io.driftless.model.helm.HelmObjects} applies the CRDs' own checks (required fields, enums,
 * lengths, duration patterns, and the CEL rules: exactly one of {@code chart}/{@code chartRef},
 * {@code retryInterval} only with {@code RetryOnFailure}, one of {@code kubeConfig.secretRef}/{@code
 * configMapRef}); an error names the file, {@code Kind/namespace/name} and the field.
 *
 * <p>Discovery ({@code io.driftless.pipeline.FluxObjectSplit}) turns these kinds into a typed list
 * of {@link io.driftless.model.helm.HelmObject}s in build order: they are Driftless work, never
 * applied to the cluster.
 */
package io.driftless.model.helm;
