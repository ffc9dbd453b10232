package io.driftless.pipeline;

import io.driftless.model.Reason;
import io.driftless.model.helm.HelmRelease;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HelmRelease fields Driftless parses but does not act on yet: one set to anything but its default
 * refuses the HelmRelease with Ready=False naming the field, so that nothing is installed as if the
 * field were not there. Hooks, tests, remediation and rollback are acted on (see {@link HelmAtomicRelease}).
 */
final class HelmUnsupportedFields {
  private HelmUnsupportedFields() {}

  static void refuse(HelmRelease hr) {
    HelmRelease.Spec s = hr.spec();
    Map<String, Boolean> set = new LinkedHashMap<>();
    set.put("spec.kubeConfig", s.kubeConfig() != null);
    set.put("spec.serviceAccountName", notBlank(s.serviceAccountName()));
    set.put("spec.driftDetection", s.driftDetection() != null
        && (!"disabled".equals(s.driftDetection().effectiveMode()) || notEmpty(s.driftDetection().ignore())));
    set.put("spec.postRenderers", notEmpty(s.postRenderers()));
    set.put("spec.commonMetadata", s.commonMetadata() != null);
    set.put("spec.waitStrategy", s.waitStrategy() != null && !"poller".equals(s.waitStrategy().name()));
    set.put("spec.healthCheckExprs", notEmpty(s.healthCheckExprs()));
    if (s.chart() != null) {
      HelmRelease.ChartTemplate c = s.chart();
      set.put("spec.chart.metadata", c.metadata() != null);
      set.put("spec.chart.spec.valuesFiles", notEmpty(c.spec().valuesFiles()) || notBlank(c.spec().valuesFile()));
      set.put("spec.chart.spec.verify", c.spec().verify() != null);
    }
    HelmRelease.Install in = s.install();
    if (in != null) {
      set.put("spec.install.strategy", retryOnFailure(in.strategy()));
      set.put("spec.install.replace", isTrue(in.replace()));
      set.put("spec.install.disableTakeOwnership", isTrue(in.disableTakeOwnership()));
      set.put("spec.install.disableOpenAPIValidation", isTrue(in.disableOpenAPIValidation()));
      set.put("spec.install.disableSchemaValidation", isTrue(in.disableSchemaValidation()));
      set.put("spec.install.serverSideApply", Boolean.FALSE.equals(in.serverSideApply()));
    }
    HelmRelease.Upgrade up = s.upgrade();
    if (up != null) {
      set.put("spec.upgrade.remediation.strategy", up.remediation() != null && up.remediation().strategy() != null
          && !List.of("rollback", "uninstall").contains(up.remediation().strategy()));
      set.put("spec.upgrade.strategy", retryOnFailure(up.strategy()));
      set.put("spec.upgrade.disableTakeOwnership", isTrue(up.disableTakeOwnership()));
      set.put("spec.upgrade.disableOpenAPIValidation", isTrue(up.disableOpenAPIValidation()));
      set.put("spec.upgrade.disableSchemaValidation", isTrue(up.disableSchemaValidation()));
      set.put("spec.upgrade.force", isTrue(up.force()));
      set.put("spec.upgrade.preserveValues", isTrue(up.preserveValues()));
      set.put("spec.upgrade.cleanupOnFail", isTrue(up.cleanupOnFail()));
      set.put("spec.upgrade.chartNameChangeStrategy", up.chartNameChangeStrategy() != null
          && !"Reinstall".equals(up.chartNameChangeStrategy()));
      set.put("spec.upgrade.serverSideApply", "disabled".equals(up.serverSideApply()));
    }
    HelmRelease.Rollback rb = s.rollback();
    if (rb != null) {
      set.put("spec.rollback.force", isTrue(rb.force()));
      set.put("spec.rollback.cleanupOnFail", isTrue(rb.cleanupOnFail()));
      set.put("spec.rollback.serverSideApply", "disabled".equals(rb.serverSideApply()));
    }
    HelmRelease.Uninstall un = s.uninstall();
    if (un != null) {
      set.put("spec.uninstall.deletionPropagation", !"background".equals(un.effectiveDeletionPropagation()));
    }
    List<String> fields = new ArrayList<>();
    set.forEach((field, isSet) -> {
      if (isSet) {
        fields.add(field);
      }
    });
    if (!fields.isEmpty()) {
      throw refused(hr, String.join(", ", fields) + (fields.size() == 1 ? " is" : " are")
          + " not supported by Driftless yet");
    }
  }

  /** Only the default {@code RemediateOnFailure} strategy is acted on; {@code RetryOnFailure} is refused. */
  private static boolean retryOnFailure(HelmRelease.Strategy strategy) {
    return strategy != null && strategy.name() != null && !"RemediateOnFailure".equals(strategy.name());
  }

  private static StageFailure refused(HelmRelease hr, String why) {
    return new StageFailure(Reason.RECONCILIATION_FAILED,
        "HelmRelease/" + hr.namespace() + "/" + hr.name() + ": " + why + "; refused rather than installed without it", null);
  }

  private static boolean isTrue(Boolean b) {
    return Boolean.TRUE.equals(b);
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  private static boolean notEmpty(List<?> l) {
    return l != null && !l.isEmpty();
  }
}
