/**
 * A small OCI distribution API client on {@code java.net.http}: tags (with {@code Link}
 * pagination), image manifests and blobs, digests verified; anonymous access, basic auth, and the
 * {@code Bearer realm/service/scope} token challenge of Docker Hub, GHCR and most registries.
 *
 * <p>Why not {@code land.oras:oras-java-sdk}: version 0.7.0 resolves from Maven Central and targets
 * Java 17, but brings Jackson 3 (beside the Jackson 2 of Quarkus and fabric8), zstd-jni (a native
 * library), Caffeine, Micrometer and TOML parsing into the Lambda zip, for the three GET requests
 * a chart needs.
 */
package io.driftless.source.oci;
