package io.driftless.model.helm;

/**
 * Flux's OCIRepository ({@code source.toolkit.fluxcd.io/v1} or {@code v1beta2}): an artifact in an
 * OCI registry picked by tag, semver or digest (helm.md §4.2), every field kept.
 */
public record OCIRepository(String name, String namespace, String apiVersion, Spec spec, String origin) implements HelmObject {

  public static final String API_VERSION = "source.toolkit.fluxcd.io/v1";
  public static final String API_VERSION_BETA = "source.toolkit.fluxcd.io/v1beta2";
  public static final String KIND = "OCIRepository";
  /** The layer media type of a Helm chart. */
  public static final String HELM_CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

  @Override
  public String kind() {
    return KIND;
  }

  public record Spec(
      String url,
      Ref ref,
      LayerSelector layerSelector,
      String provider,
      HelmRelease.LocalRef secretRef,
      HelmRelease.Verify verify,
      String serviceAccountName,
      HelmRelease.LocalRef certSecretRef,
      HelmRelease.LocalRef proxySecretRef,
      String interval,
      String timeout,
      String ignore,
      Boolean insecure,
      Boolean suspend) {

    /** Flux's default ref is the tag {@code latest}. */
    public Ref effectiveRef() {
      if (ref == null || ref.isEmpty()) {
        return new Ref(null, null, null, "latest");
      }
      return ref;
    }

    public boolean suspended() {
      return Boolean.TRUE.equals(suspend);
    }

    public boolean insecureEnabled() {
      return Boolean.TRUE.equals(insecure);
    }
  }

  /** Precedence as in Flux: digest, then semver, then tag. */
  public record Ref(String digest, String semver, String semverFilter, String tag) {
    public boolean isEmpty() {
      return digest == null && semver == null && tag == null;
    }
  }

  public record LayerSelector(String mediaType, String operation) {}
}
