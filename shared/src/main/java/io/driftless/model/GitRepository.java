package io.driftless.model;

import java.util.List;

/**
 * Flux's {@code source.toolkit.fluxcd.io/v1} GitRepository, every spec field kept (flux.md §2), even
 * those Driftless does not act on yet, so the parser's shape never changes.
 */
public record GitRepository(String name, String namespace, Spec spec, String origin) {

  public static final String API_VERSION = "source.toolkit.fluxcd.io/v1";
  public static final String KIND = "GitRepository";

  /** {@code namespace/name}, how a Kustomization's sourceRef names it. */
  public String key() {
    return namespace + "/" + name;
  }

  /** {@code GitRepository/namespace/name}, as errors name it. */
  public String subject() {
    return ObjectId.subject(KIND, namespace, name);
  }

  public record Spec(
      String url,
      Ref ref,
      LocalRef secretRef,
      String provider,
      String serviceAccountName,
      String interval,
      String timeout,
      String ignore,
      List<Include> include,
      Boolean recurseSubmodules,
      List<String> sparseCheckout,
      Verify verify,
      LocalRef proxySecretRef,
      Boolean suspend) {

    /** Flux's default ref is the master branch. */
    public Ref effectiveRef() {
      if (ref == null || ref.isEmpty()) {
        return new Ref("master", null, null, null, null);
      }
      return ref;
    }

    public boolean suspended() {
      return Boolean.TRUE.equals(suspend);
    }
  }

  /** Precedence as in Flux: commit, then name, then semver, then tag, then branch. */
  public record Ref(String branch, String tag, String semver, String name, String commit) {
    public boolean isEmpty() {
      return branch == null && tag == null && semver == null && name == null && commit == null;
    }
  }

  public record LocalRef(String name) {}

  public record Include(LocalRef repository, String fromPath, String toPath) {}

  public record Verify(String mode, LocalRef secretRef) {}
}
