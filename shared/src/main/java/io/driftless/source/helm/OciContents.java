package io.driftless.source.helm;

import io.driftless.model.helm.OCIRepository;
import io.driftless.source.oci.OciArtifact;
import io.driftless.source.oci.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An OCIRepository's artifact as a source of files (a Kustomization's, as {@code flux push
 * artifact} makes them): the manifest and layer {@link OciCharts#select} picks, the layer's blob
 * checked against its digest and kept in the {@link ChartCache}, then extracted ({@code
 * layerSelector.operation: extract}, the default) or, for {@code copy}, unpacked as the consumer of
 * the copied layer would: either way within {@link ChartArchive#LIMITS}.
 */
final class OciContents {
  /** The largest compressed layer read: the decompressed limit of an archive. */
  static final long MAX_LAYER = ChartArchive.MAX_SIZE;

  private final ChartCache cache;
  private final OciCharts oci;

  OciContents(ChartCache cache, OciCharts oci) {
    this.cache = cache;
    this.oci = oci;
  }

  OciArtifact fetch(OCIRepository repo, String scope, RegistryClient client, ChartSources.Verifier verifier) {
    OciCharts.Selected selected = oci.select(repo, scope, client);
    verifier.verify(repo, client, selected.ref(), selected.manifest().digest());
    String operation = operation(repo);
    Path blob = oci.layerFile(repo, scope, client, selected.ref(), selected.layer(), MAX_LAYER);
    String name = selected.ref() + "@" + selected.manifest().digest();
    Path root;
    try {
      root = cache.contentDir(scope, selected.manifest().digest(), dir -> ContentArchive.extract(blob, dir,
          "layer " + selected.layer().digest() + " of " + name));
    } catch (IOException e) {
      throw ChartSourceException.of(repo, e.getMessage());
    }
    return new OciArtifact(selected.revision(), selected.manifest().digest(), selected.manifest().annotations(),
        root, "extract".equals(operation));
  }

  /** The files of {@code revision} fetched earlier in {@code scope}, when the cache still holds them. */
  Optional<OciArtifact> cached(OCIRepository repo, String scope, String revision) {
    int at = revision.lastIndexOf('@');
    String digest = at < 0 ? revision : revision.substring(at + 1);
    return cache.findContent(scope, digest).filter(Files::isDirectory)
        .map(root -> new OciArtifact(revision, digest, java.util.Map.of(), root, "extract".equals(operation(repo))));
  }

  /** {@code spec.layerSelector.operation}: extract (the default) or copy; anything else is refused. */
  static String operation(OCIRepository repo) {
    OCIRepository.LayerSelector selector = repo.spec().layerSelector();
    String op = selector == null || selector.operation() == null || selector.operation().isBlank()
        ? "extract" : selector.operation();
    if (!op.equals("extract") && !op.equals("copy")) {
      throw ChartSourceException.of(repo, "spec.layerSelector.operation '" + op + "' is not extract or copy");
    }
    return op;
  }
}
