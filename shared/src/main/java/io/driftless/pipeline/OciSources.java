package io.driftless.pipeline;

import io.driftless.model.ObjectId;
import io.driftless.model.Revision;
import io.driftless.model.helm.OCIRepository;
import io.driftless.record.HelmRecord;
import io.driftless.source.SourceException;
import io.driftless.source.SourceSnapshot;
import io.driftless.source.helm.ChartSources;
import io.driftless.source.helm.RepositoryAuth;
import io.driftless.source.oci.OciArtifact;
import java.util.Optional;

/**
 * An OCIRepository as a source of files ({@code flux push artifact}'s artifacts): the object is a
 * work item of the cluster, found in a Kustomization's build, fetched on its own interval by {@link
 * SourceFetchRun}. A Kustomization reads the revision that fetch stored, from the cache; it fetches the
 * artifact itself only when the cache does not hold it (a cold start), when asked to fetch sources, or
 * before the source's first fetch. Its credentials ({@code secretRef}, {@code certSecretRef}) are read
 * where its parent Kustomization applies.
 */
final class OciSources {
  private OciSources() {}

  /** The OCIRepository {@code key} ({@code namespace/name}) on {@code cluster}, for {@code owner} (as errors name it). */
  static Sources.Fetched fetch(ReconcileContext ctx, String cluster, String owner, String key, boolean fetchSources) {
    String recordKey = OCIRepository.KIND + "/" + key;
    HelmRecord rec = ctx.store().getHelmObject(cluster, recordKey).orElseThrow(() -> new SourceException(
        owner + ": " + ObjectId.subject(OCIRepository.KIND, key) + " not found in any Kustomization's build"));
    OCIRepository repo = (OCIRepository) WorkItems.parse(rec);
    ChartSources sources = HelmReleases.chartSources();
    RepositoryAuth auth = auth(ctx, rec, repo);
    String stored = rec.status() == null ? null : rec.status().getLastAttemptedRevision();
    boolean suspended = repo.spec().suspended() || rec.suspended();
    Optional<OciArtifact> artifact = stored == null || stored.isEmpty() || (fetchSources && !suspended)
        ? Optional.empty() : sources.cachedOciArtifact(repo, auth, stored);
    if (artifact.isEmpty() && suspended) {
      throw new SourceException(repo.subject() + " is suspended and its artifact is not in the cache");
    }
    OciArtifact fetched = artifact.orElseGet(() -> fetched(ctx, rec, repo, sources, auth));
    SourceSnapshot snapshot = new SourceSnapshot(key, Revision.parse(fetched.revision()), fetched.root(), true);
    return new Sources.Fetched(snapshot, fetched.extracted() ? repo.spec().ignore() : null);
  }

  /** Fetches the artifact from the registry and records its revision on the OCIRepository's status. */
  private static OciArtifact fetched(ReconcileContext ctx, HelmRecord rec, OCIRepository repo, ChartSources sources,
      RepositoryAuth auth) {
    OciArtifact artifact = sources.fromOciArtifact(repo, auth, ChartSources.Verifier.NONE);
    HelmSourceStatus.fetched(ctx, rec, artifact.revision());
    return artifact;
  }

  /** The credentials {@code spec.secretRef} and {@code spec.certSecretRef} name, read where the source's parent applies. */
  static RepositoryAuth auth(ReconcileContext ctx, HelmRecord rec, OCIRepository repo) {
    return HelmChartResolver.auth(new Targets(ctx).home(rec), repo, repo.spec().url(), repo.spec().secretRef(),
        repo.spec().certSecretRef());
  }
}
