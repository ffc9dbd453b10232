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
 * field were not there. Hooks, tests, remediation and rollback are acted on (see {@link io.driftless.helm.reconcile.AtomicRelease}),
 * and so are {@code healthCheckExprs}, {@code dependsOn[].readyExpr} ({@link CelFields}) and
 * {@code postRenderStrategy} ({@link io.driftless.helm.render.HelmPostRenderer}).
 *
 * <p>{@code upgrade.preserveValues} stays refused: Helm's ReuseValues renders with the previous
 * release's coalesced values as the chart's defaults and its config merged under the new values,
 * which needs Helm's coalescing of the stored chart; helm-java 0.0.21's {@code template} has no such
 * option, and Driftless does not reimplement the coalescing. Accepted without effect, because Driftless
 * behaves as helm-controller then does: {@code upgrade.force} (a no-op under server-side apply, which
 * Driftless always uses), {@code install|upgrade.disableOpenAPIValidation} (Driftless never validates
 * manifests on the client; the API server validates them) and {@code install.replace} (an uninstalled
 * release kept by {@code keepHistory} is always reinstalled under its name).
 */
final class HelmUnsupportedFields {
  private HelmUnsupportedFields() {}

  static void refuse(HelmRelease hr) {
    HelmRelease.Spec s = hr.spec();
    Map<String, Boolean> set = new LinkedHashMap<>();
    set.put("spec.waitStrategy", s.waitStrategy() != null && !"poller".equals(s.waitStrategy().name()));
    if (s.chart() != null) {
      HelmRelease.ChartTemplate c = s.chart();
      set.put("spec.chart.metadata", c.metadata() != null);
      set.put("spec.chart.spec.verify", c.spec().verify() != null);
    }
    HelmRelease.Install in = s.install();
    if (in != null) {
      set.put("spec.install.strategy", retryOnFailure(in.strategy()));
      set.put("spec.install.disableTakeOwnership", isTrue(in.disableTakeOwnership()));
      set.put("spec.install.disableWaitForJobs", isTrue(in.disableWaitForJobs()));
      set.put("spec.install.serverSideApply", Boolean.FALSE.equals(in.serverSideApply()));
    }
    HelmRelease.Upgrade up = s.upgrade();
    if (up != null) {
      set.put("spec.upgrade.remediation.strategy", up.remediation() != null && up.remediation().strategy() != null
          && !List.of("rollback", "uninstall").contains(up.remediation().strategy()));
      set.put("spec.upgrade.strategy", retryOnFailure(up.strategy()));
      set.put("spec.upgrade.disableTakeOwnership", isTrue(up.disableTakeOwnership()));
      set.put("spec.upgrade.disableWaitForJobs", isTrue(up.disableWaitForJobs()));
      set.put("spec.upgrade.preserveValues", isTrue(up.preserveValues()));
      set.put("spec.upgrade.chartNameChangeStrategy", up.chartNameChangeStrategy() != null
          && !"Reinstall".equals(up.chartNameChangeStrategy()));
      set.put("spec.upgrade.serverSideApply", "disabled".equals(up.serverSideApply()));
    }
    HelmRelease.Rollback rb = s.rollback();
    if (rb != null) {
      set.put("spec.rollback.force", isTrue(rb.force()));
      set.put("spec.rollback.recreate", isTrue(rb.recreate()));
      set.put("spec.rollback.disableWaitForJobs", isTrue(rb.disableWaitForJobs()));
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
}
