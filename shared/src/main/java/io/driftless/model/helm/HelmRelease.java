package io.driftless.model.helm;

import io.driftless.model.Kustomization;
import java.util.List;
import java.util.Map;

/**
 * Flux's {@code helm.toolkit.fluxcd.io/v2} HelmRelease with every spec field of helm.md §1 kept,
 * even those a later stage implements or refuses, so the parser's shape never changes.
 */
public record HelmRelease(String name, String namespace, Spec spec, String origin) implements HelmObject {

  public static final String GROUP = "helm.toolkit.fluxcd.io";
  public static final String API_VERSION = GROUP + "/v2";
  public static final String KIND = "HelmRelease";

  @Override
  public String kind() {
    return KIND;
  }

  /** The HelmChart helm-controller generates from {@code spec.chart}: {@code <namespace>-<name>}. */
  public String helmChartName() {
    return namespace + "-" + name;
  }

  public record Spec(
      ChartTemplate chart,
      CrossNamespaceRef chartRef,
      String interval,
      KubeConfigRef kubeConfig,
      Boolean suspend,
      String releaseName,
      String targetNamespace,
      String storageNamespace,
      List<Kustomization.DependencyRef> dependsOn,
      String timeout,
      Integer maxHistory,
      String serviceAccountName,
      Boolean persistentClient,
      DriftDetection driftDetection,
      Install install,
      Upgrade upgrade,
      Test test,
      Rollback rollback,
      Uninstall uninstall,
      List<ValuesReference> valuesFrom,
      Map<String, Object> values,
      List<PostRenderer> postRenderers,
      String postRenderStrategy,
      Kustomization.CommonMetadata commonMetadata,
      WaitStrategy waitStrategy,
      List<Kustomization.HealthCheckExpr> healthCheckExprs) {

    public boolean suspended() {
      return Boolean.TRUE.equals(suspend);
    }

    public List<Kustomization.DependencyRef> dependencies() {
      return dependsOn == null ? List.of() : dependsOn;
    }

    public List<ValuesReference> valuesReferences() {
      return valuesFrom == null ? List.of() : valuesFrom;
    }

    /** Helm's history limit: 5 unless set; 0 keeps every revision. */
    public int effectiveMaxHistory() {
      return maxHistory == null ? 5 : maxHistory;
    }
  }

  /** {@code spec.chart}: the template of the HelmChart helm-controller would create. */
  public record ChartTemplate(TemplateMetadata metadata, ChartTemplateSpec spec) {}

  public record TemplateMetadata(Map<String, String> labels, Map<String, String> annotations) {}

  public record ChartTemplateSpec(
      String chart,
      String version,
      CrossNamespaceRef sourceRef,
      String interval,
      String reconcileStrategy,
      List<String> valuesFiles,
      String valuesFile,
      Boolean ignoreMissingValuesFiles,
      Verify verify) {

    /** The version constraint, {@code *} when unset. */
    public String effectiveVersion() {
      return version == null || version.isBlank() ? "*" : version;
    }

    public String effectiveReconcileStrategy() {
      return reconcileStrategy == null ? "ChartVersion" : reconcileStrategy;
    }
  }

  /** A reference to a source, in this object's namespace unless {@code namespace} is set. */
  public record CrossNamespaceRef(String apiVersion, String kind, String name, String namespace) {
    public String namespaceOr(String fallback) {
      return namespace == null || namespace.isBlank() ? fallback : namespace;
    }
  }

  public record LocalRef(String name) {}

  public record Verify(String provider, LocalRef secretRef, List<OidcIdentity> matchOIDCIdentity) {}

  public record OidcIdentity(String issuer, String subject) {}

  public record KubeConfigRef(Kustomization.KeyRef secretRef, LocalRef configMapRef) {}

  public record DriftDetection(String mode, List<Kustomization.IgnoreRule> ignore) {
    public String effectiveMode() {
      return mode == null ? "disabled" : mode;
    }
  }

  public record Strategy(String name, String retryInterval) {}

  public record Remediation(
      Integer retries, Boolean ignoreTestFailures, Boolean remediateLastFailure, String strategy) {}

  public record Install(
      String timeout,
      Remediation remediation,
      Strategy strategy,
      Boolean disableTakeOwnership,
      Boolean disableWait,
      Boolean disableWaitForJobs,
      Boolean disableHooks,
      Boolean disableOpenAPIValidation,
      Boolean disableSchemaValidation,
      Boolean replace,
      Boolean skipCRDs,
      String crds,
      Boolean createNamespace,
      Boolean serverSideApply) {

    /** {@code Create} unless set; the deprecated {@code skipCRDs} means {@code Skip}. */
    public String effectiveCrds() {
      if (crds != null) {
        return crds;
      }
      return Boolean.TRUE.equals(skipCRDs) ? "Skip" : "Create";
    }
  }

  public record Upgrade(
      String timeout,
      Remediation remediation,
      Strategy strategy,
      Boolean disableTakeOwnership,
      Boolean disableWait,
      Boolean disableWaitForJobs,
      Boolean disableHooks,
      Boolean disableOpenAPIValidation,
      Boolean disableSchemaValidation,
      Boolean force,
      Boolean preserveValues,
      Boolean cleanupOnFail,
      String crds,
      String chartNameChangeStrategy,
      String serverSideApply) {

    /** helm-controller's code defaults the upgrade CRD policy to {@code Create} (helm.md §1.6). */
    public String effectiveCrds() {
      return crds == null ? "Create" : crds;
    }
  }

  public record Test(String timeout, Boolean enable, Boolean ignoreFailures, List<TestFilter> filters) {
    public boolean enabled() {
      return Boolean.TRUE.equals(enable);
    }
  }

  public record TestFilter(String name, Boolean exclude) {}

  public record Rollback(
      String timeout,
      Boolean disableWait,
      Boolean disableWaitForJobs,
      Boolean disableHooks,
      Boolean recreate,
      Boolean force,
      Boolean cleanupOnFail,
      String serverSideApply) {}

  public record Uninstall(
      String timeout,
      Boolean disableHooks,
      Boolean keepHistory,
      Boolean disableWait,
      String deletionPropagation) {

    public String effectiveDeletionPropagation() {
      return deletionPropagation == null ? "background" : deletionPropagation;
    }
  }

  /** One {@code valuesFrom} entry: a ConfigMap or Secret key in the HelmRelease's namespace. */
  public record ValuesReference(
      String kind, String name, String valuesKey, String targetPath, Boolean optional, Boolean literal) {

    public String effectiveValuesKey() {
      return valuesKey == null || valuesKey.isBlank() ? "values.yaml" : valuesKey;
    }

    public boolean isOptional() {
      return Boolean.TRUE.equals(optional);
    }
  }

  public record PostRenderer(KustomizePostRenderer kustomize) {}

  public record KustomizePostRenderer(
      List<Kustomization.Patch> patches,
      List<Map<String, Object>> patchesStrategicMerge,
      List<Json6902Patch> patchesJson6902,
      List<Kustomization.Image> images) {}

  public record Json6902Patch(Kustomization.Selector target, List<Map<String, Object>> patch) {}

  public record WaitStrategy(String name) {}
}
