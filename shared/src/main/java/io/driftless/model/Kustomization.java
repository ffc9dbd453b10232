package io.driftless.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Flux's {@code kustomize.toolkit.fluxcd.io/v1} Kustomization, with every spec field of flux.md §1.1
 * kept, even those a later stage implements, so the parser's shape never changes.
 */
public record Kustomization(String name, String namespace, Spec spec, String origin) {

  public static final String API_VERSION = "kustomize.toolkit.fluxcd.io/v1";
  public static final String KIND = "Kustomization";
  public static final String GROUP = "kustomize.toolkit.fluxcd.io";

  /** {@code namespace/name}. */
  public String key() {
    return namespace + "/" + name;
  }

  /** {@code Kustomization/namespace/name}, as errors name it. */
  public String subject() {
    return ObjectId.subject(KIND, namespace, name);
  }

  public record Spec(
      String interval,
      String retryInterval,
      String timeout,
      SourceRef sourceRef,
      String path,
      Boolean prune,
      String deletionPolicy,
      List<DependencyRef> dependsOn,
      List<HealthCheckRef> healthChecks,
      List<HealthCheckExpr> healthCheckExprs,
      @JsonProperty("wait") Boolean waitForAll,
      Boolean force,
      List<Patch> patches,
      List<Image> images,
      List<String> components,
      Boolean ignoreMissingComponents,
      CommonMetadata commonMetadata,
      String namePrefix,
      String nameSuffix,
      String targetNamespace,
      PostBuild postBuild,
      Decryption decryption,
      String serviceAccountName,
      KubeConfigRef kubeConfig,
      Boolean suspend,
      List<String> buildMetadata,
      List<IgnoreRule> ignore) {

    public boolean pruneEnabled() {
      return Boolean.TRUE.equals(prune);
    }

    public boolean suspended() {
      return Boolean.TRUE.equals(suspend);
    }

    public boolean waitEnabled() {
      return Boolean.TRUE.equals(waitForAll);
    }

    public boolean forceEnabled() {
      return Boolean.TRUE.equals(force);
    }

    public List<DependencyRef> dependencies() {
      return dependsOn == null ? List.of() : dependsOn;
    }

    /** This spec with another {@code path} (e.g. a local checkout, as {@code flux build ks --path}). */
    public Spec withPath(String newPath) {
      return new Spec(interval, retryInterval, timeout, sourceRef, newPath, prune, deletionPolicy, dependsOn,
          healthChecks, healthCheckExprs, waitForAll, force, patches, images, components,
          ignoreMissingComponents, commonMetadata, namePrefix, nameSuffix, targetNamespace, postBuild,
          decryption, serviceAccountName, kubeConfig, suspend, buildMetadata, ignore);
    }

    /** The path inside the source, {@code ./} stripped; empty means the source root. */
    public String normalizedPath() {
      return normalizePath(path);
    }
  }

  /** A path inside a source with {@code ./}, leading and trailing slashes stripped; "" is the root. */
  public static String normalizePath(String path) {
    String p = path == null ? "" : path.trim();
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.equals(".") ? "" : p;
  }

  public record SourceRef(String apiVersion, String kind, String name, String namespace) {}

  public record DependencyRef(String name, String namespace, String readyExpr) {}

  public record HealthCheckRef(String apiVersion, String kind, String name, String namespace) {}

  public record HealthCheckExpr(
      String apiVersion, String kind, String current, String inProgress, String failed) {}

  public record Patch(String patch, Selector target) {}

  public record Selector(
      String group,
      String version,
      String kind,
      String name,
      String namespace,
      String labelSelector,
      String annotationSelector) {}

  public record Image(String name, String newName, String newTag, String digest) {}

  public record CommonMetadata(Map<String, String> labels, Map<String, String> annotations) {}

  public record PostBuild(
      Map<String, String> substitute,
      List<SubstituteReference> substituteFrom,
      String substituteStrategy) {}

  public record SubstituteReference(String kind, String name, Boolean optional) {}

  public record Decryption(String provider, LocalRef secretRef, String serviceAccountName) {}

  public record LocalRef(String name) {}

  public record KeyRef(String name, String key) {}

  public record KubeConfigRef(KeyRef secretRef, LocalRef configMapRef) {}

  public record IgnoreRule(List<String> paths, Selector target) {}
}
