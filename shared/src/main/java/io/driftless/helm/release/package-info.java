/**
 * Helm 3's release storage, written and read without Helm: {@link io.driftless.helm.release.StoredRelease}
 * is the release JSON Helm stores, {@link io.driftless.helm.release.ReleaseCodec} its
 * base64(gzip(JSON)) encoding, {@link io.driftless.helm.release.ReleaseStorage} the {@code secret}
 * driver in a storage namespace (history, latest, deployed, create with {@code maxHistory} pruning,
 * update, delete, and unlocking a stale {@code pending-*} release to {@code failed} as helm-controller
 * does). Tested against Helm 3.21 itself (helm-java) on a real API server in both directions.
 *
 * <p>A rollback is the caller's: helm-java has none. It is a new revision N+1 built from the target
 * revision's {@link io.driftless.helm.release.StoredRelease#chart()}, config, manifest and hooks
 * ({@link io.driftless.helm.release.StoredRelease#rollback}), stored {@code pending-rollback} "Rollback
 * to M", then {@code deployed} after every deployed revision is marked superseded; the failed revision
 * it replaces stays {@code failed}, as Helm leaves it (io.driftless.helm.action.Rollback).
 *
 * <p>Hooks are the caller's too: helm-java renders them (see io.driftless.helm.render) but runs none.
 * io.driftless.helm.action.HookRunner runs them as Helm 3's {@code execHook} does: for one event,
 * by ascending weight then name; each deleted first under {@code before-hook-creation} (the default
 * when a hook names no policy, which is then stored with it, as Helm stores it), applied with
 * Driftless's server-side apply (origin labels, no Helm ownership metadata), and for a Job or a Pod
 * waited on until Complete/Succeeded (Failed fails the event at once; other kinds are done once
 * applied); deleted under {@code hook-failed} when it failed, and under {@code hook-succeeded} once the
 * whole event succeeded. Each hook that ran is stored with {@link io.driftless.helm.release.HookRun}
 * ({@code last_run.started_at}, {@code completed_at}, {@code phase} Running/Succeeded/Failed), so
 * {@code helm get hooks} and {@code helm history} read what happened. Test hooks ({@code test}) run only
 * with {@code test.enable}, after an install or upgrade, and their results also go to the HelmRelease's
 * history snapshot ({@code testHooks}).
 */
package io.driftless.helm.release;
