package io.driftless.pipeline;

import io.driftless.model.Condition;
import io.driftless.model.ObjectId;
import io.driftless.model.Revision;
import io.driftless.model.helm.OCIRepository;
import io.driftless.record.HelmRecord;
import io.driftless.source.SourceException;
import io.driftless.source.SourceSnapshot;
import io.driftless.source.helm.ChartSources;
import io.driftless.source.helm.RepositoryAuth;
import io.driftless.source.oci.OciArtifact;
import io.driftless.model.helm.HelmRelease;
import io.driftless.source.helm.SourceVerificationException;
import io.driftless.source.oci.CosignSignatures;
import io.driftless.source.oci.RegistryException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
    boolean verified = repo.spec().verify() == null || rec.status() != null && rec.status()
        .condition(HelmSourceStatus.SOURCE_VERIFIED).filter(c -> Condition.TRUE.equals(c.status())).isPresent();
    Optional<OciArtifact> artifact = stored == null || stored.isEmpty() || (fetchSources && !suspended) || !verified
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
    OciArtifact artifact;
    try {
      artifact = sources.fromOciArtifact(repo, auth, verifier(ctx, rec, repo));
    } catch (SourceVerificationException e) {
      HelmSourceStatus.failed(ctx, rec, HelmSourceStatus.VERIFICATION_ERROR, e.getMessage());
      throw e;
    }
    HelmSourceStatus.stored(ctx, rec, artifact.revision(), "Succeeded", HelmSourceStatus.message(artifact.revision()),
        false, verifiedMessage(repo, artifact.revision()));
    return artifact;
  }

  /**
   * What checks the artifact's signature before its layer is pulled: nothing without {@code
   * spec.verify}; with it, cosign's keyed signatures against every {@code *.pub} entry of the Secret
   * {@code spec.verify.secretRef} names (keyless verification is refused before, by {@link
   * ChartSources#refuseUnsupported}).
   */
  static ChartSources.Verifier verifier(ReconcileContext ctx, HelmRecord rec, OCIRepository repo) {
    HelmRelease.Verify verify = repo.spec().verify();
    if (verify == null) {
      return ChartSources.Verifier.NONE;
    }
    ChartSources.refuseUnsupported(repo);
    String field = "spec.verify.secretRef";
    Map<String, byte[]> data = HelmChartResolver.secretData(new Targets(ctx).home(rec), repo, verify.secretRef(), field);
    Map<String, String> pems = new TreeMap<>();
    data.forEach((k, v) -> {
      if (k.endsWith(".pub")) {
        pems.put(k, new String(v, StandardCharsets.UTF_8));
      }
    });
    String secret = ObjectId.subject("Secret", repo.namespace(), verify.secretRef().name());
    if (pems.isEmpty()) {
      throw new SourceVerificationException(repo.subject() + ": " + field + ": " + secret + " has no *.pub key");
    }
    List<PublicKey> keys;
    try {
      keys = CosignSignatures.publicKeys(pems);
    } catch (IllegalArgumentException e) {
      throw new SourceVerificationException(repo.subject() + ": " + field + ": " + secret + ": " + e.getMessage());
    }
    return (r, client, ref, digest) -> {
      try {
        CosignSignatures.verify(client, ref.repository(), digest, keys);
      } catch (RegistryException e) {
        throw new SourceVerificationException(r.subject() + ": failed to verify the signature using provider 'cosign': "
            + e.getMessage());
      }
    };
  }

  /** The message of SourceVerified=True for {@code revision}, or null when the source checks no signature. */
  static String verifiedMessage(OCIRepository repo, String revision) {
    return repo.spec().verify() == null ? null : "verified signature of revision " + revision;
  }

  /** The credentials {@code spec.secretRef} and {@code spec.certSecretRef} name, read where the source's parent applies. */
  static RepositoryAuth auth(ReconcileContext ctx, HelmRecord rec, OCIRepository repo) {
    return HelmChartResolver.auth(new Targets(ctx).home(rec), repo, repo.spec().url(), repo.spec().secretRef(),
        repo.spec().certSecretRef());
  }
}
