package io.driftless.model.helm;

import java.util.List;
import java.util.Map;

/**
 * Flux 2.7's {@code source.extensions.fluxcd.io/v1beta1} ArtifactGenerator (source-watcher): it
 * composes ExternalArtifacts, each from copy operations over the files of its sources, for a
 * Kustomization {@code sourceRef} or a HelmRelease {@code chartRef} of kind ExternalArtifact. Like
 * Flux's Helm objects it is a Driftless work item found in a build, never a cluster object.
 */
public record ArtifactGenerator(String name, String namespace, Spec spec, String origin) implements HelmObject {
  public static final String GROUP = "source.extensions.fluxcd.io";
  public static final String API_VERSION = GROUP + "/v1beta1";
  public static final String KIND = "ArtifactGenerator";
  /** The kind of what it generates, as sourceRef and chartRef name it. */
  public static final String EXTERNAL_ARTIFACT = "ExternalArtifact";

  @Override
  public String kind() {
    return KIND;
  }

  public record Spec(
      CommonMetadata commonMetadata, List<SourceReference> sources, String pathPattern, List<OutputArtifact> artifacts) {

    public List<SourceReference> sourceList() {
      return sources == null ? List.of() : sources;
    }

    public List<OutputArtifact> artifactList() {
      return artifacts == null ? List.of() : artifacts;
    }
  }

  public record CommonMetadata(Map<String, String> annotations, Map<String, String> labels) {}

  /** A source by {@code alias}; {@code namespace} defaults to the generator's. */
  public record SourceReference(String alias, String name, String namespace, String kind) {
    public String namespaceOr(String fallback) {
      return namespace == null || namespace.isBlank() ? fallback : namespace;
    }
  }

  /** One ExternalArtifact: {@code revision} and {@code originRevision} name a source as {@code @alias}. */
  public record OutputArtifact(String name, String revision, String originRevision, List<CopyOperation> copy) {
    public List<CopyOperation> copyList() {
      return copy == null ? List.of() : copy;
    }
  }

  /** {@code from: "@alias/<glob>"} to {@code to: "@artifact/<path>"}; {@code strategy} Overwrite by default. */
  public record CopyOperation(String from, String to, List<String> exclude, String strategy) {
    public List<String> excludeList() {
      return exclude == null ? List.of() : exclude;
    }

    public String effectiveStrategy() {
      return strategy == null || strategy.isBlank() ? "Overwrite" : strategy;
    }
  }

  /** The artifact {@code name}, if this generator declares it. */
  public java.util.Optional<OutputArtifact> artifact(String artifactName) {
    return spec.artifactList().stream().filter(a -> a.name().equals(artifactName)).findFirst();
  }
}
