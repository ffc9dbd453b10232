package io.driftless.pipeline;

import io.driftless.model.Reason;
import io.driftless.model.helm.HelmObject;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmRepository;
import io.driftless.model.helm.OCIRepository;
import io.driftless.record.HelmRecord;
import io.driftless.model.GitRepository;
import io.driftless.source.SourceSnapshot;
import io.driftless.source.helm.ChartArtifact;
import io.driftless.source.helm.ChartSources;
import io.driftless.source.helm.RepositoryAuth;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds a HelmRelease's chart: {@code spec.chart} from a HelmRepository (a work item of the same
 * cluster) or a path in a GitRepository of the root, or {@code spec.chartRef} to an OCIRepository; the repositories' {@code secretRef} and
 * {@code certSecretRef} are read from the cluster. Every failure is ArtifactFailed naming the
 * HelmRelease and the cause.
 */
final class HelmChartResolver {
  private final ReconcileContext ctx;
  private final ChartSources sources;

  HelmChartResolver(ReconcileContext ctx, ChartSources sources) {
    this.ctx = ctx;
    this.sources = sources;
  }

  /** The chart of {@code hr}, a work item of {@code root} on {@code cluster}. */
  ChartArtifact resolve(String cluster, String root, HelmRelease hr, KubernetesClient client) {
    try {
      if (hr.spec().chartRef() != null) {
        HelmRelease.CrossNamespaceRef ref = hr.spec().chartRef();
        if (!OCIRepository.KIND.equals(ref.kind())) {
          throw failure(hr, "spec.chartRef kind " + ref.kind() + " is not supported by Driftless yet (OCIRepository is)");
        }
        HelmRecord rec = sourceRecord(cluster, hr, ref);
        OCIRepository repo = (OCIRepository) WorkItems.parse(rec);
        ChartArtifact artifact = sources.fromOciRepository(repo, auth(client, repo, repo.spec().url(),
            repo.spec().secretRef(), repo.spec().certSecretRef()));
        HelmSourceStatus.fetched(ctx, rec, artifact.revision());
        return artifact;
      }
      HelmRelease.ChartTemplateSpec chart = hr.spec().chart().spec();
      if (GitRepository.KIND.equals(chart.sourceRef().kind())) {
        String key = chart.sourceRef().namespaceOr(hr.namespace()) + "/" + chart.sourceRef().name();
        SourceSnapshot snap = Sources.fetchGit(ctx, root, HelmReleaseReconciler.subject(hr), key, false).snapshot();
        return sources.fromGitRepository(hr, snap, chart.chart(), chart.effectiveReconcileStrategy());
      }
      if (!HelmRepository.KIND.equals(chart.sourceRef().kind())) {
        throw failure(hr, "spec.chart.spec.sourceRef kind " + chart.sourceRef().kind()
            + " is not supported by Driftless yet (HelmRepository and GitRepository are)");
      }
      HelmRecord rec = sourceRecord(cluster, hr, chart.sourceRef());
      HelmRepository repo = (HelmRepository) WorkItems.parse(rec);
      RepositoryAuth auth = auth(client, repo, repo.spec().url(), repo.spec().secretRef(), repo.spec().certSecretRef());
      ChartArtifact artifact = sources.fromHelmRepository(repo, auth, chart.chart(), chart.effectiveVersion());
      HelmSourceStatus.fetched(ctx, rec, repo.isOci() ? "" : sources.indexRevision(repo, auth));
      return artifact;
    } catch (StageFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw failure(hr, e.getMessage());
    }
  }

  private HelmRecord sourceRecord(String cluster, HelmRelease hr, HelmRelease.CrossNamespaceRef ref) {
    String key = HelmRecord.keyOf(ref.kind(), ref.namespaceOr(hr.namespace()), ref.name());
    return ctx.store().getHelmObject(cluster, key)
        .orElseThrow(() -> failure(hr, key + " not found in any Kustomization's build"));
  }

  private static RepositoryAuth auth(KubernetesClient client, HelmObject repo, String url,
      HelmRelease.LocalRef secretRef, HelmRelease.LocalRef certSecretRef) {
    String host = URI.create(url).getHost();
    RepositoryAuth auth = secretRef == null ? RepositoryAuth.NONE
        : RepositoryAuth.fromSecretData(secretData(client, repo, secretRef, "spec.secretRef"), host);
    if (certSecretRef != null) {
      auth = auth.withTls(RepositoryAuth.fromSecretData(secretData(client, repo, certSecretRef, "spec.certSecretRef"), host));
    }
    return auth;
  }

  private static Map<String, byte[]> secretData(KubernetesClient client, HelmObject repo, HelmRelease.LocalRef ref,
      String field) {
    Secret secret = client.secrets().inNamespace(repo.namespace()).withName(ref.name()).get();
    if (secret == null) {
      throw new IllegalArgumentException(repo.kind() + "/" + repo.namespace() + "/" + repo.name() + " " + field
          + ": Secret " + repo.namespace() + "/" + ref.name() + " not found");
    }
    Map<String, byte[]> data = new TreeMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    }
    return data;
  }

  private static StageFailure failure(HelmRelease hr, String cause) {
    return new StageFailure(Reason.ARTIFACT_FAILED, "HelmRelease/" + hr.namespace() + "/" + hr.name() + ": " + cause, null);
  }
}
