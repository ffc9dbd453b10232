package io.driftless.pipeline;

import io.driftless.apply.ApiErrors;
import io.driftless.model.GitRepository;
import io.driftless.model.ObjectId;
import io.driftless.model.helm.HelmChart;
import io.driftless.model.helm.HelmObject;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmRepository;
import io.driftless.model.helm.OCIRepository;
import io.driftless.model.Kustomization;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.SourceRecord;
import io.driftless.source.SourceSnapshot;
import io.driftless.source.helm.ChartArtifact;
import io.driftless.source.helm.ChartSources;
import io.driftless.source.helm.SourceVerificationException;
import io.driftless.source.oci.OciArtifact;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The work item of one source on its own interval ({@link SourceSchedules}), as source-controller
 * reconciles it whatever uses it: a HelmRepository's index, an OCIRepository's artifact, a HelmChart's
 * chart from its HelmRepository or GitRepository, each within the source's {@code spec.timeout}. Its
 * status shows the stored revision or the failure ({@link HelmSourceStatus}). When the revision moved,
 * the HelmReleases using the source are due, and the items of the Kustomizations holding them are
 * queued in a wave of their own, so they run now rather than at the next tick.
 */
final class SourceFetchRun {
  private static final Logger LOG = Logger.getLogger(SourceFetchRun.class.getName());
  private final ReconcileContext ctx;
  private final ChartSources sources = HelmReleases.chartSources();

  SourceFetchRun(ReconcileContext ctx) {
    this.ctx = ctx;
  }

  /** Fetches the source; returns the items of its consumers' Kustomizations when its revision moved. */
  List<ReconcileRequest> run(ReconcileRequest item) {
    if (item.target().contains("#")) {
      return ctx.store().getSource(item.target()).map(source -> runGit(item, source)).orElse(List.of());
    }
    Optional<HelmRecord> found = ctx.store().getHelmObject(item.cluster(), item.target());
    if (found.isEmpty()) {
      return List.of(); // left Git since it was queued
    }
    HelmRecord rec = found.get();
    HelmObject source;
    try {
      source = WorkItems.parse(rec);
    } catch (RuntimeException unreadable) {
      return List.of(); // its parent's run reports the manifest's error
    }
    if (SourceSchedules.nextFetch(rec, source).isEmpty()) {
      return List.of(); // suspended since it was queued
    }
    boolean moved;
    try {
      moved = fetch(rec, source);
    } catch (RuntimeException e) {
      String message = ApiErrors.describe(source.subject(), "fetch", e);
      LOG.warning(message);
      HelmSourceStatus.failed(ctx, rec, failedReason(source, e), message);
      return List.of();
    }
    return moved ? consumers(item, rec) : List.of();
  }

  /**
   * Checks a GitRepository on its interval, as source-controller does: a new revision is recorded and
   * queued as a push of it would be (the Kustomizations using it run with it); an unchanged one, or a
   * failure (logged, as a Kustomization using it reports it), records only the check's time.
   */
  private List<ReconcileRequest> runGit(ReconcileRequest item, SourceRecord source) {
    GitRepository repo;
    try {
      repo = WorkItems.parse(source);
    } catch (RuntimeException unreadable) {
      return List.of(); // its parent's run reports the manifest's error
    }
    if (SourceSchedules.nextFetch(source, repo).isEmpty()) {
      return List.of(); // suspended since it was queued
    }
    String key = source.key().substring(source.key().indexOf('#') + 1);
    String subject = ObjectId.subject(GitRepository.KIND, key);
    try {
      Sources.fetchGit(ctx, source.root(), subject, key, true);
    } catch (RuntimeException e) {
      LOG.warning(ApiErrors.describe(subject, "fetch", e));
    }
    SourceRecord after = ctx.store().getSource(source.key()).orElse(source);
    if (after.lastRevision() != null && !after.lastRevision().equals(source.lastRevision())) {
      return List.of(new ReconcileRequest(item.wave() + "/" + source.key() + "@" + after.lastRevision(),
          ReconcileRequest.KIND_SOURCE, source.key(), "", subject + " moved to " + after.lastRevision(),
          item.requestedAt(), null, false, false)); // just stored: its Kustomizations read it from the cache
    }
    ctx.store().putSource(new SourceRecord(after.key(), after.root(), after.url(), after.manifest(),
        after.credentialRef(), after.lastRevision(), ctx.clock().instant().toString()));
    return List.of();
  }

  /** Fetches and records the source; returns whether it stored a new revision. */
  private boolean fetch(HelmRecord rec, HelmObject source) {
    if (source instanceof HelmRepository repo) {
      String revision = repo.isOci() ? "" : sources.indexRevision(repo, HelmChartResolver.auth(home(rec), repo,
          repo.spec().url(), repo.spec().secretRef(), repo.spec().certSecretRef()));
      return HelmSourceStatus.stored(ctx, rec, revision, "Succeeded", HelmSourceStatus.message(revision), true);
    }
    if (source instanceof OCIRepository repo) {
      OciArtifact artifact = sources.fromOciArtifact(repo, OciSources.auth(ctx, rec, repo),
          OciSources.verifier(ctx, rec, repo));
      return HelmSourceStatus.stored(ctx, rec, artifact.revision(), "Succeeded",
          HelmSourceStatus.message(artifact.revision()), true, OciSources.verifiedMessage(repo, artifact.revision()));
    }
    HelmChart chart = (HelmChart) source;
    HelmChartFields.refuse(chart);
    ChartArtifact artifact = chart(rec, chart);
    return HelmSourceStatus.stored(ctx, rec, artifact.chartVersion(), "ChartPullSucceeded",
        "pulled '" + artifact.chartName() + "' chart with version '" + artifact.chartVersion() + "'", true);
  }

  /** A HelmChart's chart from its sourceRef, a HelmRepository of the cluster or a GitRepository of the root. */
  private ChartArtifact chart(HelmRecord rec, HelmChart chart) {
    HelmChart.Spec s = chart.spec();
    String sourceKey = chart.namespace() + "/" + s.sourceRef().name();
    if (GitRepository.KIND.equals(s.sourceRef().kind())) {
      SourceSnapshot snap = Sources.fetchGit(ctx, rec.root(), chart.subject(), sourceKey, false).snapshot();
      return sources.fromGitRepository(chart, snap, s.chart(), s.effectiveReconcileStrategy());
    }
    if (!HelmRepository.KIND.equals(s.sourceRef().kind())) {
      throw new IllegalArgumentException(chart.subject() + ": spec.sourceRef kind " + s.sourceRef().kind()
          + " is not supported by Driftless yet (HelmRepository and GitRepository are)");
    }
    String key = HelmRecord.keyOf(HelmRepository.KIND, chart.namespace(), s.sourceRef().name());
    HelmRecord repoRec = ctx.store().getHelmObject(rec.cluster(), key).orElseThrow(() ->
        new IllegalArgumentException(chart.subject() + ": spec.sourceRef " + key + " not found in any Kustomization's build"));
    HelmRepository repo = (HelmRepository) WorkItems.parse(repoRec);
    if (repo.spec().suspended() || repoRec.suspended()) {
      throw new IllegalArgumentException(chart.subject() + ": spec.sourceRef " + key + " is suspended");
    }
    return sources.fromHelmRepository(repo, HelmChartResolver.auth(home(rec), repo, repo.spec().url(),
        repo.spec().secretRef(), repo.spec().certSecretRef()), s.chart(), s.effectiveVersion());
  }

  private KubernetesClient home(HelmRecord rec) {
    return new Targets(ctx).home(rec);
  }

  /** source-controller's reasons for a failed fetch. */
  private static String failedReason(HelmObject source, RuntimeException e) {
    if (e instanceof SourceVerificationException) {
      return HelmSourceStatus.VERIFICATION_ERROR;
    }
    if (source instanceof OCIRepository) {
      return "OCIArtifactPullFailed";
    }
    return source instanceof HelmChart ? "ChartPullFailed" : "Failed";
  }

  /**
   * The items of the Kustomizations holding the HelmReleases whose chart comes from {@code source}, and
   * of the Kustomizations whose sourceRef it is (their new revision runs them, as a Git revision does),
   * in a wave of their own (so an item the tick already ran in its wave runs again for them).
   */
  private List<ReconcileRequest> consumers(ReconcileRequest item, HelmRecord source) {
    Set<String> parents = new LinkedHashSet<>();
    for (KustomizationRecord ks : ctx.store().listKustomizations()) {
      if (ks.cluster().equals(source.cluster()) && sourcedFrom(ks, source.key())) {
        parents.add(ks.key());
      }
    }
    for (HelmRecord h : ctx.store().listHelmObjects()) {
      if (h.cluster().equals(source.cluster()) && HelmRelease.KIND.equals(h.kind()) && !h.parent().isEmpty()
          && usesSource(h, source.key())) {
        parents.add(h.parent());
      }
    }
    String wave = item.wave() + "/" + source.key();
    return parents.stream()
        .map(parent -> ReconcileRequest.item(wave, source.cluster(), parent, "source " + source.key() + " moved",
            item.requestedAt(), false, false))
        .toList();
  }

  private static boolean sourcedFrom(KustomizationRecord rec, String sourceKey) {
    try {
      Kustomization ks = WorkItems.parse(rec);
      return OCIRepository.KIND.equals(ks.spec().sourceRef().kind())
          && sourceKey.equals(OCIRepository.KIND + "/" + Sources.keyOf(ks));
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  private static boolean usesSource(HelmRecord release, String sourceKey) {
    try {
      return HelmSchedules.sourceKey((HelmRelease) WorkItems.parse(release)).filter(sourceKey::equals).isPresent();
    } catch (RuntimeException unreadable) {
      return false;
    }
  }
}
