package io.driftless.pipeline;

import io.driftless.model.Durations;
import io.driftless.model.GitRepository;
import io.driftless.model.Kustomization;
import io.driftless.model.ObjectId;
import io.driftless.model.Revision;
import io.driftless.model.helm.ArtifactGenerator;
import io.driftless.model.helm.OCIRepository;
import io.driftless.record.ClusterRecord;
import io.driftless.record.SourceRecord;
import io.driftless.source.GitSecret;
import io.driftless.source.GitSource;
import io.driftless.source.SourceException;
import io.driftless.source.SourceSnapshot;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Resolves a Kustomization's sourceRef to a registered source (or a generated ExternalArtifact) and fetches it. */
final class Sources {
  private Sources() {}

  /** A fetched source and its {@code spec.ignore}, which decides the files the build may read. */
  record Fetched(SourceSnapshot snapshot, String ignore, GitSource git) {
    /** A source that is not a Git checkout (an ExternalArtifact): no commits to compare. */
    Fetched(SourceSnapshot snapshot, String ignore) {
      this(snapshot, ignore, null);
    }
  }

  static String keyOf(Kustomization ks) {
    Kustomization.SourceRef ref = ks.spec().sourceRef();
    String ns = ref.namespace() == null || ref.namespace().isBlank() ? ks.namespace() : ref.namespace();
    return ns + "/" + ref.name();
  }

  /**
   * The source's files: fetched from the remote, or with {@code fetchSources} false the revision last
   * fetched when it is still cached (fetched anyway when it is not, e.g. on a cold start). A
   * reference the lockdown forbids is refused first ({@link CrossNamespaceRefs}).
   */
  static Fetched fetch(ReconcileContext ctx, String cluster, String root, Kustomization ks, boolean fetchSources) {
    CrossNamespaceRefs.check(ctx, ks);
    Kustomization.SourceRef ref = ks.spec().sourceRef();
    if (ArtifactGenerator.EXTERNAL_ARTIFACT.equals(ref.kind())) {
      return ExternalArtifacts.fetched(
          ExternalArtifacts.generate(ctx, root, ks.subject(), keyOf(ks), fetchSources));
    }
    if (OCIRepository.KIND.equals(ref.kind())) {
      return OciSources.fetch(ctx, cluster, ks.subject(), keyOf(ks), fetchSources);
    }
    refuseSourceKind(ks);
    return fetchGit(ctx, root, ks.subject(), keyOf(ks), fetchSources);
  }

  /** The source kinds a Kustomization may name: GitRepository, OCIRepository and ExternalArtifact; any other is refused. */
  static void refuseSourceKind(Kustomization ks) {
    String kind = ks.spec().sourceRef().kind();
    if (!GitRepository.KIND.equals(kind) && !OCIRepository.KIND.equals(kind)
        && !ArtifactGenerator.EXTERNAL_ARTIFACT.equals(kind)) {
      throw new SourceException(ks.subject() + ": spec.sourceRef.kind " + kind
          + " is not supported yet (GitRepository, OCIRepository and ExternalArtifact are)");
    }
  }

  /** The GitRepository fields Driftless parses but does not act on yet: each refused by name, never fetched without it. */
  static void refuseUnsupported(GitRepository repo) {
    GitRepository.Spec s = repo.spec();
    refuseIf(repo, "spec.include", s.include() != null && !s.include().isEmpty());
    refuseIf(repo, "spec.recurseSubmodules", Boolean.TRUE.equals(s.recurseSubmodules()));
    refuseIf(repo, "spec.sparseCheckout", s.sparseCheckout() != null && !s.sparseCheckout().isEmpty());
    refuseIf(repo, "spec.verify", s.verify() != null);
    refuseIf(repo, "spec.proxySecretRef", s.proxySecretRef() != null);
    refuseIf(repo, "spec.provider", s.provider() != null && !"generic".equals(s.provider()));
    refuseIf(repo, "spec.serviceAccountName", s.serviceAccountName() != null);
  }

  /**
   * The Secret {@code spec.secretRef} names, in the GitRepository's namespace on its root's cluster,
   * read with Driftless's own credentials as source-controller reads it; null without a secretRef.
   */
  private static GitSecret secretOf(ReconcileContext ctx, String root, GitRepository repo) {
    GitRepository.LocalRef ref = repo.spec().secretRef();
    if (ref == null || ref.name() == null || ref.name().isBlank()) {
      return null;
    }
    String name = repo.namespace() + "/" + ref.name();
    String where = repo.subject() + ": spec.secretRef: " + ObjectId.subject("Secret", name);
    ClusterRecord cluster = ctx.store().getRoot(root).flatMap(r -> ctx.store().getCluster(r.cluster()))
        .orElseThrow(() -> new SourceException(where + ": the root's cluster is not registered"));
    Secret secret;
    try {
      secret = ctx.clients().forCluster(cluster).secrets().inNamespace(repo.namespace()).withName(ref.name()).get();
    } catch (KubernetesClientException e) {
      throw new SourceException(where + " cannot be read (" + e.getCode() + ")");
    }
    if (secret == null) {
      throw new SourceException(where + " not found");
    }
    Map<String, byte[]> data = new TreeMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    }
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    return new GitSecret(name, data);
  }

  private static void refuseIf(GitRepository repo, String field, boolean set) {
    if (set) {
      throw new SourceException(repo.subject() + ": " + field + " is not supported by Driftless yet");
    }
  }

  /**
   * The GitRepository {@code key} ({@code namespace/name}) of {@code root}, for {@code owner} (as
   * errors name it), fetched as {@link #fetch} does.
   */
  static Fetched fetchGit(ReconcileContext ctx, String root, String owner, String key, boolean fetchSources) {
    SourceRecord source =
        ctx.store().getSource(Bootstrap.sourceKey(root, key))
            .orElseThrow(() -> new SourceException(owner + ": " + ObjectId.subject(GitRepository.KIND, key) + " not found"));
    GitRepository repo = WorkItems.parse(source);
    refuseUnsupported(repo);
    GitSource git = new GitSource(source.root(), key, source.url(), repo.spec().effectiveRef(),
        source.credentialRef(), Bootstrap.origin(source), Durations.parseOr(repo.spec().timeout(), null),
        secretOf(ctx, source.root(), repo));
    if (repo.spec().suspended()) {
      // as source-controller: a suspended source is not fetched; what uses it keeps its last artifact
      if (source.lastRevision() == null) {
        throw new SourceException(ObjectId.subject(GitRepository.KIND, key) + " is suspended and was never fetched");
      }
      return ctx.fetcher().cached(git, Revision.parse(source.lastRevision()))
          .map(cached -> new Fetched(cached, repo.spec().ignore()))
          .orElseThrow(() -> new SourceException(ObjectId.subject(GitRepository.KIND, key) + " is suspended and its revision "
              + source.lastRevision() + " is not in the cache"));
    }
    if (!fetchSources && source.lastRevision() != null) {
      Optional<SourceSnapshot> cached = ctx.fetcher().cached(git, Revision.parse(source.lastRevision()));
      if (cached.isPresent()) {
        return new Fetched(cached.get(), repo.spec().ignore(), git);
      }
    }
    SourceSnapshot snap;
    try {
      snap = ctx.fetcher().fetch(git);
    } catch (RuntimeException e) {
      SourceEvents.gitFailed(ctx, source, key, e.getMessage());
      throw e;
    }
    String revision = snap.revision().toString();
    if (!revision.equals(source.lastRevision())) {
      ctx.store().putSource(new SourceRecord(
          source.key(), source.root(), source.url(), source.manifest(), source.credentialRef(),
          revision, ctx.clock().instant().toString()));
      SourceEvents.gitFetched(ctx, source, key, revision);
    }
    return new Fetched(snap, repo.spec().ignore(), git);
  }
}
