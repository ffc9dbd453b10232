package io.driftless.pipeline;

import io.driftless.model.ObjectId;
import io.driftless.model.Reason;
import io.driftless.model.helm.ArtifactGenerator;
import io.driftless.model.helm.HelmChart;
import io.driftless.model.helm.HelmObject;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmRepository;
import io.driftless.model.helm.OCIRepository;
import io.driftless.record.HelmRecord;
import io.driftless.model.GitRepository;
import io.driftless.source.SourceSnapshot;
import io.driftless.source.artifact.GeneratedArtifact;
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
 * cluster) or a path in a GitRepository of the root, or {@code spec.chartRef} to an OCIRepository or
 * a HelmChart of a build (its chart, version and sourceRef resolved as {@code chart.spec} would be,
 * its sourceRef in its own namespace) or an ExternalArtifact an ArtifactGenerator makes; the repositories' {@code secretRef} and
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
        return fromChartRef(cluster, root, hr, hr.spec().chartRef(), client);
      }
      HelmRelease.ChartTemplateSpec chart = hr.spec().chart().spec();
      return fromTemplate(cluster, root, hr, new Template(hr, chart.chart(), chart.effectiveVersion(),
          chart.sourceRef().kind(), chart.sourceRef().namespaceOr(hr.namespace()), chart.sourceRef().name(),
          chart.effectiveReconcileStrategy(), "spec.chart.spec.sourceRef"), client);
    } catch (StageFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw failure(hr, e.getMessage());
    }
  }

  /** A chart template: what {@code chart.spec} of a HelmRelease or the spec of a HelmChart ask for. */
  private record Template(HelmObject owner, String chart, String version, String sourceKind, String sourceNamespace,
      String sourceName, String strategy, String field) {}

  private ChartArtifact fromChartRef(String cluster, String root, HelmRelease hr, HelmRelease.CrossNamespaceRef ref,
      KubernetesClient client) {
    switch (ref.kind()) {
      case OCIRepository.KIND -> {
        HelmRecord rec = sourceRecord(cluster, hr, ref);
        OCIRepository repo = (OCIRepository) WorkItems.parse(rec);
        refuseSuspended(hr, repo, repo.spec().suspended());
        ChartArtifact artifact = sources.fromOciRepository(repo, auth(client, repo, repo.spec().url(),
            repo.spec().secretRef(), repo.spec().certSecretRef()), OciSources.verifier(ctx, rec, repo));
        HelmSourceStatus.fetched(ctx, rec, artifact.revision());
        return artifact;
      }
      case HelmChart.KIND -> {
        HelmChart chart = (HelmChart) source(cluster, hr, ref);
        HelmChartFields.refuse(chart);
        HelmChart.Spec s = chart.spec();
        return fromTemplate(cluster, root, hr, new Template(chart, s.chart(), s.effectiveVersion(),
            s.sourceRef().kind(), chart.namespace(), s.sourceRef().name(), s.effectiveReconcileStrategy(),
            chart.subject() + " spec.sourceRef"), client);
      }
      case ArtifactGenerator.EXTERNAL_ARTIFACT -> {
        String key = ref.namespaceOr(hr.namespace()) + "/" + ref.name();
        GeneratedArtifact artifact =
            ExternalArtifacts.generate(ctx, root, hr.subject(), key, false);
        return sources.fromExternalArtifact(key, artifact.root(), artifact.digest());
      }
      default -> throw failure(hr, "spec.chartRef kind " + ref.kind() + " is not supported by Driftless yet");
    }
  }

  private ChartArtifact fromTemplate(String cluster, String root, HelmRelease hr, Template t, KubernetesClient client) {
    if (GitRepository.KIND.equals(t.sourceKind())) {
      String key = t.sourceNamespace() + "/" + t.sourceName();
      SourceSnapshot snap = Sources.fetchGit(ctx, root, hr.subject(), key, false).snapshot();
      return sources.fromGitRepository(t.owner(), snap, t.chart(), t.strategy());
    }
    refuseSourceKind(hr, t.field(), t.sourceKind());
    HelmRecord rec = sourceRecord(cluster, hr,
        new HelmRelease.CrossNamespaceRef(null, HelmRepository.KIND, t.sourceName(), t.sourceNamespace()));
    HelmRepository repo = (HelmRepository) WorkItems.parse(rec);
    refuseSuspended(hr, repo, repo.spec().suspended());
    RepositoryAuth auth = auth(client, repo, repo.spec().url(), repo.spec().secretRef(), repo.spec().certSecretRef());
    ChartArtifact artifact = sources.fromHelmRepository(repo, auth, t.chart(), t.version());
    HelmSourceStatus.fetched(ctx, rec, repo.isOci() ? "" : sources.indexRevision(repo, auth));
    return artifact;
  }

  /** A suspended chart source is not fetched; Driftless keeps no index of it to fall back on, so the release waits. */
  private static void refuseSuspended(HelmRelease hr, HelmObject repo, boolean suspended) {
    if (suspended) {
      throw failure(hr, repo.subject() + " is suspended");
    }
  }

  private HelmObject source(String cluster, HelmRelease hr, HelmRelease.CrossNamespaceRef ref) {
    return WorkItems.parse(sourceRecord(cluster, hr, ref));
  }

  private HelmRecord sourceRecord(String cluster, HelmRelease hr, HelmRelease.CrossNamespaceRef ref) {
    String key = HelmRecord.keyOf(ref.kind(), ref.namespaceOr(hr.namespace()), ref.name());
    return ctx.store().getHelmObject(cluster, key)
        .orElseThrow(() -> failure(hr, key + " not found in any Kustomization's build"));
  }

  /** A source's credentials from its {@code secretRef} and {@code certSecretRef}, read on {@code client}. */
  static RepositoryAuth auth(KubernetesClient client, HelmObject repo, String url,
      HelmRelease.LocalRef secretRef, HelmRelease.LocalRef certSecretRef) {
    String host = URI.create(url).getHost();
    RepositoryAuth auth = secretRef == null ? RepositoryAuth.NONE
        : RepositoryAuth.fromSecretData(secretData(client, repo, secretRef, "spec.secretRef"), host);
    if (certSecretRef != null) {
      auth = auth.withTls(RepositoryAuth.fromSecretData(secretData(client, repo, certSecretRef, "spec.certSecretRef"), host));
    }
    return auth;
  }

  static Map<String, byte[]> secretData(KubernetesClient client, HelmObject repo, HelmRelease.LocalRef ref,
      String field) {
    Secret secret = client.secrets().inNamespace(repo.namespace()).withName(ref.name()).get();
    if (secret == null) {
      throw new IllegalArgumentException(repo.subject() + " " + field
          + ": " + ObjectId.subject("Secret", repo.namespace(), ref.name()) + " not found");
    }
    Map<String, byte[]> data = new TreeMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    }
    return data;
  }

  /** A chart template's source is a HelmRepository or a GitRepository; any other kind (Bucket) is refused. */
  static void refuseSourceKind(HelmRelease hr, String field, String kind) {
    if (!HelmRepository.KIND.equals(kind) && !GitRepository.KIND.equals(kind)) {
      throw failure(hr, field + " kind " + kind + " is not supported by Driftless yet (HelmRepository and GitRepository are)");
    }
  }

  private static StageFailure failure(HelmRelease hr, String cause) {
    String subject = hr.subject() + ": ";
    return new StageFailure(Reason.ARTIFACT_FAILED, subject + (cause.startsWith(subject) ? cause.substring(subject.length()) : cause), null);
  }
}
