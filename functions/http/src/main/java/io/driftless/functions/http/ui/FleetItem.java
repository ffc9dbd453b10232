package io.driftless.functions.http.ui;

import io.driftless.model.Condition;
import io.driftless.model.FluxStatus;
import io.driftless.model.Kustomization;
import io.driftless.model.ObjectId;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.AppliedState;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of the UI's table: a Kustomization or HelmRelease on one cluster, as the table records it.
 * {@code id} is {@code Kind/namespace/name}; {@code parent} and {@code dependsOn} hold ids too.
 * {@code ready} is the Ready condition's status ({@code True}, {@code False}, {@code Unknown}).
 */
public record FleetItem(
    String cluster,
    String id,
    String kind,
    String namespace,
    String name,
    String root,
    String parent,
    String ready,
    String reason,
    String message,
    String revision,
    String lastAttemptedRevision,
    String lastApplied,
    String lastReconciledAt,
    boolean suspended,
    List<String> dependsOn,
    int objects) {

  public boolean failing() {
    return Condition.FALSE.equals(ready);
  }

  static FleetItem of(KustomizationRecord rec) {
    Map<String, Object> spec = spec(rec.manifest());
    String[] nsName = rec.key().split("/", 2);
    var status = Optional.ofNullable(rec.status());
    return new FleetItem(rec.cluster(), ObjectId.subject(Kustomization.KIND, rec.key()), Kustomization.KIND, nsName[0], nsName[1],
        rec.root(), parentId(rec.parent()), ready(rec.status()), reason(rec.status()), message(rec.status()),
        status.map(s -> s.getLastAppliedRevision()).orElse(null),
        status.map(FluxStatus::getLastAttemptedRevision).orElse(null),
        Optional.ofNullable(rec.applied()).map(AppliedState::appliedAt).orElse(null),
        rec.lastReconciledAt(), rec.suspended() || Boolean.TRUE.equals(spec.get("suspend")),
        dependsOn(Kustomization.KIND, nsName[0], spec), status.map(s -> s.getInventory().size()).orElse(0));
  }

  static FleetItem of(HelmRecord rec) {
    Map<String, Object> spec = spec(rec.manifest());
    String[] kindNsName = rec.key().split("/", 3);
    var status = Optional.ofNullable(rec.status());
    var latest = status.flatMap(HelmReleaseStatus::latest);
    return new FleetItem(rec.cluster(), rec.key(), HelmRelease.KIND, kindNsName[1], kindNsName[2], rec.root(),
        parentId(rec.parent()), ready(rec.status()), reason(rec.status()), message(rec.status()),
        latest.map(s -> s.chartName() + "@" + s.chartVersion()).orElse(null),
        status.map(FluxStatus::getLastAttemptedRevision).orElse(null),
        latest.map(HelmReleaseStatus.ReleaseSnapshot::lastDeployed).orElse(null),
        rec.lastReconciledAt(), rec.suspended() || Boolean.TRUE.equals(spec.get("suspend")),
        dependsOn(HelmRelease.KIND, kindNsName[1], spec), status.map(s -> s.getInventory().size()).orElse(0));
  }

  private static String parentId(String parentKey) {
    return parentKey == null || parentKey.isEmpty() ? null : ObjectId.subject(Kustomization.KIND, parentKey);
  }

  private static String ready(FluxStatus status) {
    return readyCondition(status).map(Condition::status).orElse(Condition.UNKNOWN);
  }

  private static String reason(FluxStatus status) {
    return readyCondition(status).map(Condition::reason).orElse(null);
  }

  private static String message(FluxStatus status) {
    return readyCondition(status).map(Condition::message).orElse("not reconciled yet");
  }

  private static Optional<Condition> readyCondition(FluxStatus status) {
    return Optional.ofNullable(status).flatMap(s -> s.condition(Condition.READY));
  }

  /** The manifest's spec; empty when it cannot be read (its own run reports why). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(String manifest) {
    try {
      List<Map<String, Object>> docs = Yaml.readDocuments("stored manifest", manifest);
      Object spec = docs.isEmpty() ? null : docs.get(0).get("spec");
      return spec instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    } catch (RuntimeException unreadable) {
      return Map.of();
    }
  }

  /** The ids spec.dependsOn names; a reference without a namespace is in the object's own. */
  private static List<String> dependsOn(String kind, String namespace, Map<String, Object> spec) {
    List<String> ids = new ArrayList<>();
    if (spec.get("dependsOn") instanceof List<?> refs) {
      for (Object ref : refs) {
        if (ref instanceof Map<?, ?> m && m.get("name") instanceof String name) {
          Object ns = m.get("namespace");
          ids.add(ObjectId.subject(kind, ns instanceof String s && !s.isEmpty() ? s : namespace, name));
        }
      }
    }
    return ids;
  }
}
