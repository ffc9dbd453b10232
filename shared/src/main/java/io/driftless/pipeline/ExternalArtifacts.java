package io.driftless.pipeline;

import io.driftless.model.GitRepository;
import io.driftless.model.Revision;
import io.driftless.model.helm.ArtifactGenerator;
import io.driftless.model.helm.HelmObject;
import io.driftless.model.helm.OCIRepository;
import io.driftless.record.HelmRecord;
import io.driftless.source.SourceException;
import io.driftless.source.SourceSnapshot;
import io.driftless.source.artifact.ArtifactBuilder;
import io.driftless.source.artifact.GeneratedArtifact;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a {@code sourceRef} or {@code chartRef} of kind ExternalArtifact: the ArtifactGenerator
 * of the same root that declares an artifact of that name in that namespace is run over its sources
 * (GitRepositories of the root and OCIRepositories of its cluster, fetched as a Kustomization's are), and the generated files are the
 * artifact. Fields of the generator Driftless does not act on are refused by name.
 */
final class ExternalArtifacts {
  private static final ArtifactBuilder BUILDER =
      new ArtifactBuilder(Path.of(System.getProperty("java.io.tmpdir"), "driftless-artifacts"));

  private ExternalArtifacts() {}

  /** The artifact {@code key} ({@code namespace/name}) of {@code root}, for {@code owner} (as errors name it). */
  static GeneratedArtifact generate(ReconcileContext ctx, String root, String owner, String key, boolean fetchSources) {
    String ns = key.substring(0, key.indexOf('/'));
    String name = key.substring(key.indexOf('/') + 1);
    ArtifactGenerator generator = generatorOf(ctx, root, ns, name)
        .orElseThrow(() -> new SourceException(owner + ": ExternalArtifact " + key
            + " not found: no ArtifactGenerator in namespace " + ns + " declares it"));
    refuseUnsupported(generator);
    CrossNamespaceRefs.check(ctx, owner, generator);
    Map<String, Path> roots = new HashMap<>();
    Map<String, String> revisions = new HashMap<>();
    List<ArtifactGenerator.SourceReference> sources = generator.spec().sourceList();
    for (ArtifactGenerator.SourceReference src : sources) {
      String sourceKey = src.namespaceOr(generator.namespace()) + "/" + src.name();
      SourceSnapshot snap = OCIRepository.KIND.equals(src.kind())
          ? OciSources.fetch(ctx, clusterOf(ctx, root, generator), generator.subject(), sourceKey, fetchSources).snapshot()
          : Sources.fetchGit(ctx, root, generator.subject(), sourceKey, fetchSources).snapshot();
      roots.put(src.alias(), snap.root());
      revisions.put(src.alias(), snap.revision().toString());
    }
    return BUILDER.build(generator, generator.artifact(name).orElseThrow(), roots, revisions);
  }

  /** The cluster of {@code root}, where its OCIRepositories are recorded. */
  private static String clusterOf(ReconcileContext ctx, String root, ArtifactGenerator generator) {
    return ctx.store().getRoot(root).map(r -> r.cluster()).orElseThrow(() ->
        new SourceException(generator.subject() + ": root " + root + " is not registered"));
  }

  /** The generated artifact as a source snapshot, for a Kustomization's build. */
  static Sources.Fetched fetched(GeneratedArtifact artifact) {
    return new Sources.Fetched(
        new SourceSnapshot(artifact.key(), Revision.parse(artifact.revision()), artifact.root(), true), null);
  }

  private static java.util.Optional<ArtifactGenerator> generatorOf(ReconcileContext ctx, String root, String ns,
      String name) {
    for (HelmRecord rec : ctx.store().listHelmObjects()) {
      if (!rec.root().equals(root) || !ArtifactGenerator.KIND.equals(rec.kind())) {
        continue;
      }
      HelmObject parsed = WorkItems.parse(rec);
      if (parsed instanceof ArtifactGenerator g && g.namespace().equals(ns) && g.artifact(name).isPresent()) {
        return java.util.Optional.of(g);
      }
    }
    return java.util.Optional.empty();
  }

  static void refuseUnsupported(ArtifactGenerator g) {
    if (g.spec().pathPattern() != null) {
      throw refused(g, "spec.pathPattern");
    }
    if (g.spec().commonMetadata() != null) {
      throw refused(g, "spec.commonMetadata");
    }
    List<ArtifactGenerator.SourceReference> sources = g.spec().sourceList();
    for (int i = 0; i < sources.size(); i++) {
      String kind = sources.get(i).kind();
      if (!GitRepository.KIND.equals(kind) && !OCIRepository.KIND.equals(kind)) {
        throw new SourceException(g.subject() + ": spec.sources[" + i + "].kind " + kind
            + " is not supported by Driftless yet (GitRepository and OCIRepository are)");
      }
    }
  }

  private static SourceException refused(ArtifactGenerator g, String field) {
    return new SourceException(g.subject() + ": " + field + " is not supported by Driftless yet");
  }
}
