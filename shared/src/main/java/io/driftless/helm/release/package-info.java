/**
 * Helm 3's release storage, written and read without Helm: {@link io.driftless.helm.release.StoredRelease}
 * is the release JSON Helm stores, {@link io.driftless.helm.release.ReleaseCodec} its
 * base64(gzip(JSON)) encoding, {@link io.driftless.helm.release.ReleaseStorage} the {@code secret}
 * driver in a storage namespace (history, latest, deployed, create with {@code maxHistory} pruning,
 * update, delete, and unlocking a stale {@code pending-*} release to {@code failed} as helm-controller
 * does). Tested against Helm 3.21 itself (helm-java) on a real API server in both directions.
 *
 * <p>A rollback is the caller's: helm-java has none. It is a new revision N+1 built from the target
 * revision's {@link io.driftless.helm.release.StoredRelease#chart()}, config and manifest, stored
 * {@code deployed} with description "Rollback to M", after the current one is marked superseded.
 */
package io.driftless.helm.release;
