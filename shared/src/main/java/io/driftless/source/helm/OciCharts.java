package io.driftless.source.helm;

import io.driftless.model.helm.HelmObject;
import io.driftless.model.helm.HelmRepository;
import io.driftless.model.helm.OCIRepository;
import io.driftless.source.oci.OciManifest;
import io.driftless.source.oci.OciReference;
import io.driftless.source.oci.RegistryClient;
import io.driftless.source.oci.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Charts from OCI registries: an OCIRepository (ref digest, then semver, then tag; the layer its
 * layerSelector names) or a HelmRepository of type oci (the chart at {@code <url>/<chart>}, the
 * version a tag). Tag lists and manifests are fetched at most once per run and source; chart layers
 * come from the {@link ChartCache} when it holds their digest for the same source ({@code scope}).
 */
final class OciCharts {
  static final String LEGACY_CHART_LAYER = "application/tar+gzip";
  private static final Pattern STRICT = Pattern.compile("^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)([-+].*)?$");

  private final ChartCache cache;
  private final Map<String, List<String>> tags = new ConcurrentHashMap<>();
  private final Map<String, OciManifest> manifests = new ConcurrentHashMap<>();

  OciCharts(ChartCache cache) {
    this.cache = cache;
  }

  ChartArtifact fromOciRepository(OCIRepository repo, String scope, RegistryClient client,
      ChartSources.Verifier verifier) {
    Selected selected = select(repo, scope, client);
    verifier.verify(repo, client, selected.ref(), selected.manifest().digest());
    Path file = layerFile(repo, scope, client, selected.ref(), selected.layer(), HttpChartRepository.MAX_CHART);
    ChartArchive.Metadata meta = metadataOf(repo, file, chartName(selected.ref(), selected.reference()));
    return new ChartArtifact(meta.name(), meta.version(), selected.revision(), selected.layer().digest(), file, true);
  }

  /** The manifest and layer an OCIRepository selects, as source-controller picks them. */
  record Selected(OciReference ref, String tag, String reference, OciManifest manifest, OciManifest.Layer layer) {
    /** Flux's revision: {@code <tag>@sha256:<manifest digest>}, the digest alone for a digest ref. */
    String revision() {
      return tag == null ? manifest.digest() : tag + "@" + manifest.digest();
    }
  }

  /**
   * The manifest {@code spec.ref} names (digest, then semver with semverFilter, then tag) and the
   * layer {@code spec.layerSelector.mediaType} names (the first layer without one).
   */
  Selected select(OCIRepository repo, String scope, RegistryClient client) {
    OciReference ref = reference(repo, repo.spec().url());
    OCIRepository.Ref r = repo.spec().effectiveRef();
    String tag = null;
    String reference;
    if (r.digest() != null && !r.digest().isBlank()) {
      reference = r.digest();
    } else if (r.semver() != null && !r.semver().isBlank()) {
      Pattern filter;
      try {
        filter = r.semverFilter() == null ? null : Pattern.compile(r.semverFilter());
      } catch (java.util.regex.PatternSyntaxException e) {
        throw ChartSourceException.of(repo, "spec.ref.semverFilter is not a regular expression: " + e.getDescription());
      }
      List<String> all = tagsOf(repo, scope, client, ref);
      try {
        tag = ChartVersionSelector.newestTag(all, r.semver(), filter).orElseThrow(() -> ChartSourceException.of(
            repo, "no tag of " + ref + " matches semver '" + r.semver() + "'"));
      } catch (IllegalArgumentException badConstraint) {
        throw ChartSourceException.of(repo, "spec.ref.semver: " + badConstraint.getMessage());
      }
      reference = tag;
    } else {
      tag = r.tag();
      reference = tag;
    }
    OciManifest manifest = manifestOf(repo, scope, client, ref, reference);
    String mediaType = repo.spec().layerSelector() == null ? null : repo.spec().layerSelector().mediaType();
    OciManifest.Layer layer = mediaType == null || mediaType.isBlank()
        ? manifest.layers().stream().findFirst().orElseThrow(() ->
            ChartSourceException.of(repo, ref + ":" + reference + " has no layers"))
        : manifest.layers().stream().filter(l -> l.mediaType().equals(mediaType)).findFirst().orElseThrow(() ->
            ChartSourceException.of(repo, ref + ":" + reference + " has no layer of media type " + mediaType));
    return new Selected(ref, tag, reference, manifest, layer);
  }

  ChartArtifact fromHelmRepository(HelmRepository repo, String scope, RegistryClient client, String chart,
      String version) {
    OciReference ref = reference(repo, repo.spec().url()).child(chart);
    String wanted = version == null || version.isBlank() ? "*" : version.trim();
    String tag;
    if (isExactVersion(wanted)) {
      tag = wanted.replace('+', '_');
    } else {
      List<String> all = tagsOf(repo, scope, client, ref).stream()
          .filter(t -> STRICT.matcher(t.replace('_', '+')).matches()).toList();
      if (all.isEmpty()) {
        throw ChartSourceException.of(repo, "no version tags in " + ref);
      }
      Optional<String> exact = all.stream().filter(t -> t.replace('_', '+').equals(wanted)).findFirst();
      try {
        tag = exact.or(() -> ChartVersionSelector.newestTag(all, wanted, null)).orElseThrow(() ->
            ChartSourceException.of(repo, "no '" + chart + "' chart with version matching '" + wanted + "' found"));
      } catch (IllegalArgumentException badConstraint) {
        throw ChartSourceException.of(repo, badConstraint.getMessage());
      }
    }
    OciManifest manifest = manifestOf(repo, scope, client, ref, tag);
    OciManifest.Layer layer = manifest.layers().stream()
        .filter(l -> l.mediaType().equals(OCIRepository.HELM_CHART_LAYER) || l.mediaType().equals(LEGACY_CHART_LAYER))
        .findFirst()
        .orElseThrow(() -> ChartSourceException.of(repo, ref + ":" + tag + " is not a Helm chart (no "
            + OCIRepository.HELM_CHART_LAYER + " layer)"));
    Path file = layerFile(repo, scope, client, ref, layer, HttpChartRepository.MAX_CHART);
    ChartArchive.Metadata meta = metadataOf(repo, file, chartName(ref, tag));
    return new ChartArtifact(meta.name(), meta.version(), meta.version(), layer.digest(), file, false);
  }

  private static boolean isExactVersion(String v) {
    return SemVer.parse(v).isPresent() && (v.startsWith("v") || STRICT.matcher(v).matches());
  }

  private List<String> tagsOf(HelmObject owner, String scope, RegistryClient client, OciReference ref) {
    return tags.computeIfAbsent(scope + "|" + ref, k -> call(owner, () -> client.tags(ref.repository())));
  }

  private OciManifest manifestOf(HelmObject owner, String scope, RegistryClient client, OciReference ref,
      String reference) {
    return manifests.computeIfAbsent(scope + "|" + ref + "@" + reference,
        k -> call(owner, () -> client.manifest(ref.repository(), reference)));
  }

  /** The layer's blob, from the cache or the registry (its digest checked), at most {@code limit} bytes. */
  Path layerFile(HelmObject owner, String scope, RegistryClient client, OciReference ref, OciManifest.Layer layer,
      long limit) {
    if (layer.size() > limit) {
      throw ChartSourceException.of(owner, ref + ": the layer " + layer.digest() + " is larger than "
          + (limit >> 20) + " MiB");
    }
    return cache.find(scope, layer.digest()).orElseGet(() -> cache.store(scope,
        call(owner, () -> client.blob(ref.repository(), layer.digest(), limit))));
  }

  private static OciReference reference(HelmObject owner, String url) {
    try {
      return OciReference.parse(url);
    } catch (IllegalArgumentException e) {
      throw ChartSourceException.of(owner, "spec.url " + e.getMessage());
    }
  }

  /** How errors name the chart: {@code chart <registry>/<repository>:<tag>} or {@code @<digest>}. */
  private static String chartName(OciReference ref, String reference) {
    return "chart " + ref + (reference.startsWith("sha256:") ? "@" : ":") + reference;
  }

  private static ChartArchive.Metadata metadataOf(HelmObject owner, Path file, String name) {
    try {
      return ChartArchive.metadata(Files.readAllBytes(file), name);
    } catch (IOException e) {
      throw ChartSourceException.of(owner, name + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw ChartSourceException.of(owner, e.getMessage());
    }
  }

  static <T> T call(HelmObject owner, Supplier<T> request) {
    try {
      return request.get();
    } catch (RegistryException e) {
      throw ChartSourceException.of(owner, e.getMessage());
    }
  }
}
