package io.driftless.model.helm;

import static io.driftless.model.SpecReader.bind;
import static io.driftless.model.SpecReader.checkDuration;
import static io.driftless.model.SpecReader.checkEnum;
import static io.driftless.model.SpecReader.checkMaxLength;
import static io.driftless.model.SpecReader.invalid;
import static io.driftless.model.SpecReader.namespaceOf;
import static io.driftless.model.SpecReader.require;

import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.OlderApiVersions;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises Flux's HelmRelease, HelmRepository, HelmChart and OCIRepository (and the
 * ArtifactGenerator, parsed by {@link ArtifactGenerators}) among manifests and
 * parses them with the checks of their CRDs (required fields, enums, lengths, durations, CEL rules).
 * A bad field is a {@link io.driftless.model.ManifestException} naming the file, the object and the
 * field.
 */
public final class HelmObjects {
  private static final String SOURCE_GROUP = "source.toolkit.fluxcd.io";
  private static final String SOURCE_BETA2 = SOURCE_GROUP + "/v1beta2";
  private static final String SOURCE_BETA1 = SOURCE_GROUP + "/v1beta1";
  private static final Pattern REPOSITORY_URL = Pattern.compile("^(http|https|oci)://.*$");
  private static final Pattern OCI_URL = Pattern.compile("^oci://.*$");
  private static final String[] CRD_POLICIES = {"Skip", "Create", "CreateReplace"};
  private static final String[] SSA_MODES = {"enabled", "disabled", "auto"};
  private static final String[] PROVIDERS = {"generic", "aws", "azure", "gcp"};

  private HelmObjects() {}

  /** True for the kinds this class parses, whatever their version. */
  public static boolean isHelmObject(KubeObject o) {
    return (HelmRelease.KIND.equals(o.kind()) && HelmRelease.GROUP.equals(o.group()))
        || (ArtifactGenerator.KIND.equals(o.kind()) && ArtifactGenerator.GROUP.equals(o.group()))
        || (SOURCE_GROUP.equals(o.group())
            && (HelmRepository.KIND.equals(o.kind())
                || HelmChart.KIND.equals(o.kind())
                || OCIRepository.KIND.equals(o.kind())));
  }

  /** The parsed object, or empty when {@code o} is not one of the Helm kinds. */
  public static Optional<HelmObject> parse(KubeObject o) {
    if (!isHelmObject(o)) {
      return Optional.empty();
    }
    return Optional.of(switch (o.kind()) {
      case HelmRelease.KIND -> helmRelease(o);
      case HelmRepository.KIND -> helmRepository(o);
      case HelmChart.KIND -> helmChart(o);
      case ArtifactGenerator.KIND -> ArtifactGenerators.parse(o);
      default -> ociRepository(o);
    });
  }

  public static HelmRelease helmRelease(KubeObject o) {
    OlderApiVersions.check(o, HelmRelease.API_VERSION, HelmRelease.GROUP + "/v2beta2", HelmRelease.GROUP + "/v2beta1");
    String ns = namespaceOf(o);
    HelmRelease.Spec spec = bind(o, HelmRelease.Spec.class);
    require(o, "spec.interval", spec.interval());
    checkDuration(o, "spec.interval", spec.interval());
    checkDuration(o, "spec.timeout", spec.timeout());
    boolean hasChart = spec.chart() != null;
    if (hasChart == (spec.chartRef() != null)) {
      throw invalid(o, "spec.chart", "or spec.chartRef must be set, not both and not neither");
    }
    if (hasChart) {
      checkChartTemplate(o, spec.chart());
    } else {
      checkChartRef(o, spec.chartRef());
    }
    if (spec.releaseName() != null && (spec.releaseName().isEmpty() || spec.releaseName().length() > 53)) {
      throw invalid(o, "spec.releaseName", "must be 1 to 53 characters");
    }
    checkMaxLength(o, "spec.targetNamespace", spec.targetNamespace(), 63);
    checkMaxLength(o, "spec.storageNamespace", spec.storageNamespace(), 63);
    checkMaxLength(o, "spec.serviceAccountName", spec.serviceAccountName(), 253);
    checkKubeConfig(o, spec.kubeConfig());
    List<Kustomization.DependencyRef> deps = spec.dependencies();
    for (int i = 0; i < deps.size(); i++) {
      require(o, "spec.dependsOn[" + i + "].name", deps.get(i).name());
    }
    if (spec.maxHistory() != null && spec.maxHistory() < 0) {
      throw invalid(o, "spec.maxHistory", "must not be negative");
    }
    checkDriftDetection(o, spec.driftDetection());
    checkInstall(o, spec.install());
    checkUpgrade(o, spec.upgrade());
    checkTestRollbackUninstall(o, spec);
    checkValuesFrom(o, spec.valuesReferences());
    checkEnum(o, "spec.postRenderStrategy", spec.postRenderStrategy(), "nohooks", "combined", "separate");
    if (spec.waitStrategy() != null) {
      checkEnum(o, "spec.waitStrategy.name", spec.waitStrategy().name(), "poller", "legacy");
    }
    List<Kustomization.HealthCheckExpr> exprs =
        spec.healthCheckExprs() == null ? List.of() : spec.healthCheckExprs();
    for (int i = 0; i < exprs.size(); i++) {
      require(o, "spec.healthCheckExprs[" + i + "].apiVersion", exprs.get(i).apiVersion());
      require(o, "spec.healthCheckExprs[" + i + "].current", exprs.get(i).current());
    }
    return new HelmRelease(o.name(), ns, spec, o.origin());
  }

  public static HelmRepository helmRepository(KubeObject o) {
    OlderApiVersions.check(o, HelmRepository.API_VERSION, SOURCE_BETA2, SOURCE_BETA1);
    String ns = namespaceOf(o);
    HelmRepository.Spec spec = bind(o, HelmRepository.Spec.class);
    require(o, "spec.url", spec.url());
    if (!REPOSITORY_URL.matcher(spec.url()).matches()) {
      throw invalid(o, "spec.url", "must start with http://, https:// or oci://, got '" + spec.url() + "'");
    }
    checkEnum(o, "spec.type", spec.type(), "default", "oci");
    boolean oci = "oci".equals(spec.type());
    if (oci != spec.url().startsWith("oci://")) {
      throw invalid(o, "spec.url", oci
          ? "must start with oci:// when spec.type is oci"
          : "starts with oci:// but spec.type is not oci");
    }
    checkEnum(o, "spec.provider", spec.provider(), PROVIDERS);
    checkDuration(o, "spec.interval", spec.interval());
    checkDuration(o, "spec.timeout", spec.timeout());
    return new HelmRepository(o.name(), ns, spec, o.origin());
  }

  public static HelmChart helmChart(KubeObject o) {
    OlderApiVersions.check(o, HelmChart.API_VERSION, SOURCE_BETA2, SOURCE_BETA1);
    String ns = namespaceOf(o);
    HelmChart.Spec spec = bind(o, HelmChart.Spec.class);
    require(o, "spec.chart", spec.chart());
    checkMaxLength(o, "spec.chart", spec.chart(), 2048);
    require(o, "spec.interval", spec.interval());
    require(o, "spec.sourceRef", spec.sourceRef());
    require(o, "spec.sourceRef.kind", spec.sourceRef().kind());
    require(o, "spec.sourceRef.name", spec.sourceRef().name());
    checkEnum(o, "spec.sourceRef.kind", spec.sourceRef().kind(), "HelmRepository", "GitRepository", "Bucket");
    checkDuration(o, "spec.interval", spec.interval());
    checkEnum(o, "spec.reconcileStrategy", spec.reconcileStrategy(), "ChartVersion", "Revision");
    checkVerify(o, "spec.verify", spec.verify());
    return new HelmChart(o.name(), ns, spec, o.origin());
  }

  public static OCIRepository ociRepository(KubeObject o) {
    OlderApiVersions.check(o, OCIRepository.API_VERSION, OCIRepository.API_VERSION_BETA);
    String ns = namespaceOf(o);
    OCIRepository.Spec spec = bind(o, OCIRepository.Spec.class);
    require(o, "spec.url", spec.url());
    if (!OCI_URL.matcher(spec.url()).matches()) {
      throw invalid(o, "spec.url", "must start with oci://, got '" + spec.url() + "'");
    }
    require(o, "spec.interval", spec.interval());
    checkDuration(o, "spec.interval", spec.interval());
    checkDuration(o, "spec.timeout", spec.timeout());
    checkEnum(o, "spec.provider", spec.provider(), PROVIDERS);
    if (spec.layerSelector() != null) {
      checkEnum(o, "spec.layerSelector.operation", spec.layerSelector().operation(), "extract", "copy");
    }
    if (spec.ref() != null && spec.ref().semverFilter() != null) {
      try {
        Pattern.compile(spec.ref().semverFilter());
      } catch (java.util.regex.PatternSyntaxException e) {
        throw invalid(o, "spec.ref.semverFilter", "is not a regular expression: " + e.getDescription());
      }
    }
    checkVerify(o, "spec.verify", spec.verify());
    return new OCIRepository(o.name(), ns, o.apiVersion(), spec, o.origin());
  }

  private static void checkChartTemplate(KubeObject o, HelmRelease.ChartTemplate chart) {
    require(o, "spec.chart.spec", chart == null ? null : chart.spec());
    HelmRelease.ChartTemplateSpec s = chart.spec();
    require(o, "spec.chart.spec.chart", s.chart());
    checkMaxLength(o, "spec.chart.spec.chart", s.chart(), 2048);
    require(o, "spec.chart.spec.sourceRef", s.sourceRef());
    require(o, "spec.chart.spec.sourceRef.kind", s.sourceRef().kind());
    require(o, "spec.chart.spec.sourceRef.name", s.sourceRef().name());
    checkEnum(o, "spec.chart.spec.sourceRef.kind", s.sourceRef().kind(),
        "HelmRepository", "GitRepository", "Bucket");
    checkDuration(o, "spec.chart.spec.interval", s.interval());
    checkEnum(o, "spec.chart.spec.reconcileStrategy", s.reconcileStrategy(), "ChartVersion", "Revision");
    checkVerify(o, "spec.chart.spec.verify", s.verify());
  }

  private static void checkChartRef(KubeObject o, HelmRelease.CrossNamespaceRef ref) {
    require(o, "spec.chartRef.kind", ref.kind());
    require(o, "spec.chartRef.name", ref.name());
    checkEnum(o, "spec.chartRef.kind", ref.kind(), "OCIRepository", "HelmChart", "ExternalArtifact");
  }

  private static void checkVerify(KubeObject o, String field, HelmRelease.Verify verify) {
    if (verify != null) {
      checkEnum(o, field + ".provider", verify.provider(), "cosign", "notation");
    }
  }

  private static void checkKubeConfig(KubeObject o, HelmRelease.KubeConfigRef kc) {
    if (kc != null && (kc.secretRef() == null) == (kc.configMapRef() == null)) {
      throw invalid(o, "spec.kubeConfig", "must set exactly one of secretRef and configMapRef");
    }
    if (kc != null && kc.secretRef() != null) {
      require(o, "spec.kubeConfig.secretRef.name", kc.secretRef().name());
    }
  }

  private static void checkDriftDetection(KubeObject o, HelmRelease.DriftDetection dd) {
    if (dd == null) {
      return;
    }
    checkEnum(o, "spec.driftDetection.mode", dd.mode(), "enabled", "warn", "disabled");
    List<Kustomization.IgnoreRule> rules = dd.ignore() == null ? List.of() : dd.ignore();
    for (int i = 0; i < rules.size(); i++) {
      require(o, "spec.driftDetection.ignore[" + i + "].paths", rules.get(i).paths());
    }
  }

  private static void checkInstall(KubeObject o, HelmRelease.Install in) {
    if (in == null) {
      return;
    }
    checkDuration(o, "spec.install.timeout", in.timeout());
    checkEnum(o, "spec.install.crds", in.crds(), CRD_POLICIES);
    checkStrategy(o, "spec.install.strategy", in.strategy());
  }

  private static void checkUpgrade(KubeObject o, HelmRelease.Upgrade up) {
    if (up == null) {
      return;
    }
    checkDuration(o, "spec.upgrade.timeout", up.timeout());
    checkEnum(o, "spec.upgrade.crds", up.crds(), CRD_POLICIES);
    checkStrategy(o, "spec.upgrade.strategy", up.strategy());
    checkEnum(o, "spec.upgrade.serverSideApply", up.serverSideApply(), SSA_MODES);
    checkEnum(o, "spec.upgrade.chartNameChangeStrategy", up.chartNameChangeStrategy(),
        "Reinstall", "InPlaceUpdate");
    if (up.remediation() != null) {
      checkEnum(o, "spec.upgrade.remediation.strategy", up.remediation().strategy(), "rollback", "uninstall");
    }
  }

  private static void checkStrategy(KubeObject o, String field, HelmRelease.Strategy s) {
    if (s == null) {
      return;
    }
    require(o, field + ".name", s.name());
    checkEnum(o, field + ".name", s.name(), "RemediateOnFailure", "RetryOnFailure");
    checkDuration(o, field + ".retryInterval", s.retryInterval());
    if (s.retryInterval() != null && !"RetryOnFailure".equals(s.name())) {
      throw invalid(o, field + ".retryInterval", "can only be set when strategy.name is RetryOnFailure");
    }
  }

  private static void checkTestRollbackUninstall(KubeObject o, HelmRelease.Spec spec) {
    if (spec.test() != null) {
      checkDuration(o, "spec.test.timeout", spec.test().timeout());
      List<HelmRelease.TestFilter> filters = spec.test().filters() == null ? List.of() : spec.test().filters();
      for (int i = 0; i < filters.size(); i++) {
        require(o, "spec.test.filters[" + i + "].name", filters.get(i).name());
      }
    }
    if (spec.rollback() != null) {
      checkDuration(o, "spec.rollback.timeout", spec.rollback().timeout());
      checkEnum(o, "spec.rollback.serverSideApply", spec.rollback().serverSideApply(), SSA_MODES);
    }
    if (spec.uninstall() != null) {
      checkDuration(o, "spec.uninstall.timeout", spec.uninstall().timeout());
      checkEnum(o, "spec.uninstall.deletionPropagation", spec.uninstall().deletionPropagation(),
          "background", "foreground", "orphan");
    }
  }

  private static void checkValuesFrom(KubeObject o, List<HelmRelease.ValuesReference> refs) {
    for (int i = 0; i < refs.size(); i++) {
      String field = "spec.valuesFrom[" + i + "]";
      HelmRelease.ValuesReference r = refs.get(i);
      require(o, field + ".kind", r.kind());
      require(o, field + ".name", r.name());
      checkEnum(o, field + ".kind", r.kind(), "ConfigMap", "Secret");
      checkMaxLength(o, field + ".valuesKey", r.valuesKey(), 253);
      checkMaxLength(o, field + ".targetPath", r.targetPath(), 250);
      if (Boolean.TRUE.equals(r.literal()) && (r.targetPath() == null || r.targetPath().isBlank())) {
        throw invalid(o, field + ".literal", "needs targetPath");
      }
    }
  }
}
