/**
 * Where Helm charts come from: {@link io.driftless.source.helm.ChartSources}, one instance per run.
 *
 * <ul>
 *   <li>HelmRepository over HTTP(S): {@code index.yaml} (JSON or YAML, apiVersion required,
 *       invalid entries dropped, 50 MiB limit), basic auth to the repository's host (other hosts
 *       only with {@code passCredentials}), TLS from a CA and client certificate, the chart from
 *       {@code urls[0]} resolved against the repository URL, its digest checked, 10 MiB limit.
 *   <li>HelmRepository {@code type: oci} and OCIRepository, through {@link
 *       io.driftless.source.oci.RegistryClient}.
 *   <li>A chart directory in a fetched GitRepository, confined to the checkout.
 *   <li>A generated ExternalArtifact ({@link io.driftless.source.artifact}) holding a chart at its
 *       root or in its only top-level directory.
 * </ul>
 *
 * <p>Versions are chosen as source-controller chooses them ({@link
 * io.driftless.source.helm.ChartVersionSelector}): an exact version string first, then the newest
 * version that satisfies a Masterminds/semver v3 constraint ({@link
 * io.driftless.source.helm.VersionConstraint}, checked against Masterminds' own test table), with
 * prereleases only when the constraint names one. Written here rather than taken from a Java
 * semver library, because none of those implements Masterminds' "dirty" wildcard rules and
 * per-alternative prerelease rule.
 *
 * <p>Revisions are Flux's: the chart version for HelmRepository and Git charts ({@code
 * <version>+<commit12>} with the {@code Revision} strategy), {@code <tag>@sha256:<manifest>} for an
 * OCIRepository; {@link io.driftless.source.helm.ChartArtifact#releaseChartVersion()} gives
 * helm-controller's {@code <version>+<digest12>}.
 *
 * <p>Caching: within one {@code ChartSources} an index, a tag list or a manifest is fetched at most
 * once per source; {@link io.driftless.source.helm.ChartCache} keeps archives by source (object, URL,
 * credentials) and digest in a directory that outlives the run (a warm function's temp directory),
 * so an unchanged chart is not downloaded again, and a chart one source fetched with its credentials
 * is never served to another.
 *
 * <p>Limits: an index is read up to 50 MiB, a chart or chart layer up to 10 MiB; a chart with all its
 * subchart archives expands under one budget ({@link io.driftless.source.helm.ChartArchive}: 100
 * MiB, 5 MiB a file, 20,000 entries, archives 10 deep). HTTP bodies are never inflated: no {@code
 * Accept-Encoding} is sent and a gzip-encoded body is not decoded.
 *
 * <p>Refused with an error naming the field: {@code spec.provider} other than {@code generic},
 * and on OCIRepository {@code spec.verify}, {@code spec.proxySecretRef}, {@code
 * spec.serviceAccountName} and {@code spec.ignore}. Credentials arrive resolved ({@link
 * io.driftless.source.helm.RepositoryAuth#fromSecretData}); they never appear in a message.
 */
package io.driftless.source.helm;
