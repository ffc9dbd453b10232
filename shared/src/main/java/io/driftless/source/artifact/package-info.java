/**
 * Flux 2.7's ExternalArtifacts, generated in-process: {@link
 * io.driftless.source.artifact.ArtifactBuilder} runs an ArtifactGenerator's copy operations over
 * checked-out sources with source-watcher's rules ({@link io.driftless.source.artifact.Globs} for
 * its two glob dialects) and keeps the result under its content digest in the function's temp
 * directory. No artifact server and no tarball: the Kustomization or HelmRelease that names the
 * artifact reads the directory.
 */
package io.driftless.source.artifact;
