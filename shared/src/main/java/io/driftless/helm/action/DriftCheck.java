package io.driftless.helm.action;

import io.driftless.apply.ApplyException;
import io.driftless.apply.ChangeSet;
import io.driftless.apply.DriftDetector;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.Condition;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.Reason;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.render.kustomize.ObjectSelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code spec.driftDetection} on an in-sync reconcile (helm.md §2.5): the objects of the deployed
 * release's stored manifest (with the origin labels and Helm's ownership metadata) are compared with
 * the cluster by {@link DriftDetector}, minus the {@code ignore} paths of the rules that select them.
 * {@code warn} only reports the drifted objects in Ready's message; {@code enabled} applies them
 * again (no new Helm revision, as helm-controller) and reports them corrected. Once nothing drifts,
 * Ready carries the release's message again.
 */
public final class DriftCheck {
  private static final Set<String> DRIFT_REASONS = Set.of(Reason.DRIFT_DETECTED.flux(), Reason.DRIFT_CORRECTED.flux());

  private DriftCheck() {}

  public static void check(HelmRelease hr, KubernetesClient client, StoredRelease latest, HelmReleaseStatus status,
      ChangeSet changes, String at) {
    String mode = hr.spec().driftDetection() == null ? "disabled" : hr.spec().driftDetection().effectiveMode();
    if ("disabled".equals(mode)) {
      restoreReleaseMessage(status, at);
      return;
    }
    String subject = hr.subject();
    String release = latest.namespace() + "/" + latest.name() + ".v" + latest.version();
    List<KubeObject> objects = new ReleaseObjects(client)
        .of(hr, latest.name(), latest.namespace(), subject + " release " + release, latest.manifest());
    List<DriftDetector.IgnoreRule> rules = rules(hr);
    DriftDetector detector = new DriftDetector(client);
    List<DriftDetector.Drift> drifts;
    try {
      drifts = detector.detect(objects, rules);
    } catch (RuntimeException e) {
      throw new ActionFailure(Reason.RECONCILIATION_FAILED, subject + ": " + e.getMessage(), e);
    }
    if (drifts.isEmpty()) {
      restoreReleaseMessage(status, at);
      return;
    }
    String drifted = drifts.stream().map(d -> d.object().subject()).collect(Collectors.joining(", "));
    if ("warn".equals(mode)) {
      status.setCondition(Condition.READY, Condition.TRUE, Reason.DRIFT_DETECTED.flux(), "Cluster state of release "
          + release + " has drifted from the desired state: " + drifted + " (not corrected: driftDetection mode is warn)", at);
      return;
    }
    try {
      changes.addAll(detector.correct(drifts, rules));
    } catch (ApplyException e) {
      changes.addAll(e.partial());
      throw new ActionFailure(Reason.DRIFT_CORRECTION_FAILED, subject + ": cluster state of release " + release
          + " could not be corrected: " + e.getMessage(), e);
    }
    status.setCondition(Condition.READY, Condition.TRUE, Reason.DRIFT_CORRECTED.flux(),
        "Cluster state of release " + release + " was corrected: " + drifted, at);
  }

  static List<DriftDetector.IgnoreRule> rules(HelmRelease hr) {
    List<Kustomization.IgnoreRule> ignore = hr.spec().driftDetection() == null
        || hr.spec().driftDetection().ignore() == null ? List.of() : hr.spec().driftDetection().ignore();
    try {
      return ObjectSelector.ignoreRules(ignore);
    } catch (IllegalArgumentException e) {
      throw new ActionFailure(Reason.RECONCILIATION_FAILED, hr.subject()
          + ": spec.driftDetection.ignore: " + e.getMessage(), e);
    }
  }

  /** After a drift report, Ready says again what the Released condition says. */
  private static void restoreReleaseMessage(HelmReleaseStatus status, String at) {
    boolean reported = status.condition(Condition.READY).map(c -> DRIFT_REASONS.contains(c.reason())).orElse(false);
    status.condition(Condition.RELEASED).filter(c -> reported)
        .ifPresent(r -> status.setCondition(Condition.READY, r.status(), r.reason(), r.message(), at));
  }
}
