package io.driftless.model.helm;

import java.util.List;
import java.util.Map;

/**
 * Flux's {@code source.toolkit.fluxcd.io/v1} HelmRepository, an HTTP(S) chart index ({@code type:
 * default}) or an OCI registry prefix ({@code type: oci}), every field of helm.md §3.1 kept.
 */
public record HelmRepository(String name, String namespace, Spec spec, String origin) implements HelmObject {

  public static final String API_VERSION = "source.toolkit.fluxcd.io/v1";
  public static final String KIND = "HelmRepository";

  @Override
  public String kind() {
    return KIND;
  }

  public boolean isOci() {
    return "oci".equals(spec.type());
  }

  public record Spec(
      String url,
      HelmRelease.LocalRef secretRef,
      HelmRelease.LocalRef certSecretRef,
      Boolean passCredentials,
      String interval,
      Boolean insecure,
      String timeout,
      Boolean suspend,
      AccessFrom accessFrom,
      String type,
      String provider) {

    public boolean suspended() {
      return Boolean.TRUE.equals(suspend);
    }

    public boolean passCredentialsEnabled() {
      return Boolean.TRUE.equals(passCredentials);
    }

    public boolean insecureEnabled() {
      return Boolean.TRUE.equals(insecure);
    }
  }

  public record AccessFrom(List<NamespaceSelector> namespaceSelectors) {}

  public record NamespaceSelector(Map<String, String> matchLabels) {}
}
