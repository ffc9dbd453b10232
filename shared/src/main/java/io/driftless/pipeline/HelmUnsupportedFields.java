package io.driftless.pipeline;

import io.driftless.model.Reason;
import io.driftless.model.helm.HelmRelease;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * HelmRelease fields Driftless parses but does not act on yet: one set to anything but its default
 * refuses the HelmRelease with Ready=False naming the field, so that nothing is installed as if the
 * field were not there. Hooks, tests, remediation, rollback and the {@code RetryOnFailure} strategy are acted on
 * (see {@link io.driftless.helm.reconcile.AtomicRelease}), and so are {@code healthCheckExprs},
 * {@code dependsOn[].readyExpr} ({@link CelFields}) and {@code postRenderStrategy}
 * ({@link io.driftless.helm.render.HelmPostRenderer}).
 *
 * <p>Accepted without effect, because Driftless behaves as helm-controller then does:
 * {@code upgrade.force} and {@code rollback.force} (a no-op under server-side apply, which Driftless
 * always uses), {@code rollback.recreate} (deprecated, no effect in Helm 4; logged as helm-controller
 * logs it), {@code install|upgrade.disableOpenAPIValidation} (Driftless never validates manifests on the
 * client; the API server validates them) and {@code install.replace} (an uninstalled release kept by
 * {@code keepHistory} is always reinstalled under its name).
 *
 * <p>Accepted, acting as the default, with the reason in docs/flux-compatibility.md:
 * {@code install.serverSideApply: false} and {@code upgrade|rollback.serverSideApply: disabled} (Driftless
 * has one apply path, server-side with conflicts forced, as helm-controller's default; it keeps no
 * client-side last-applied state to three-way merge against) and {@code chart.metadata} (it labels the HelmChart
 * object helm-controller creates for source-controller; Driftless resolves charts without one).
 */
final class HelmUnsupportedFields {
  private static final Logger LOG = Logger.getLogger(HelmUnsupportedFields.class.getName());

  private HelmUnsupportedFields() {}

  static void refuse(HelmRelease hr) {
    List<String> fields = fields(hr);
    if (!fields.isEmpty()) {
      throw refused(hr, String.join(", ", fields) + (fields.size() == 1 ? " is" : " are")
          + " not supported by Driftless yet");
    }
  }

  /** The fields of {@code hr} {@link #refuse} refuses, in the table's order; empty when none is set. */
  static List<String> fields(HelmRelease hr) {
    HelmRelease.Spec s = hr.spec();
    Map<String, Boolean> set = new LinkedHashMap<>();
    if (s.chart() != null) {
      HelmRelease.ChartTemplate c = s.chart();
      set.put("spec.chart.spec.verify", c.spec().verify() != null);
    }
    HelmRelease.Upgrade up = s.upgrade();
    if (up != null) {
      set.put("spec.upgrade.remediation.strategy", up.remediation() != null && up.remediation().strategy() != null
          && !List.of("rollback", "uninstall").contains(up.remediation().strategy()));
    }
    if (s.rollback() != null && isTrue(s.rollback().recreate())) {
      LOG.info(hr.subject() + ": warning: the .spec.rollback.recreate field is deprecated and has no effect");
    }
    List<String> fields = new ArrayList<>();
    set.forEach((field, isSet) -> {
      if (isSet) {
        fields.add(field);
      }
    });
    return fields;
  }

  private static StageFailure refused(HelmRelease hr, String why) {
    return new StageFailure(Reason.RECONCILIATION_FAILED,
        hr.subject() + ": " + why + "; refused rather than installed without it", null);
  }

  private static boolean isTrue(Boolean b) {
    return Boolean.TRUE.equals(b);
  }
}
