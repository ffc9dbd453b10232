package io.driftless.pipeline;

import io.driftless.model.Kustomization;
import io.driftless.model.Reason;

/**
 * Flux fields Driftless parses but does not act on: a Kustomization using one is refused with
 * Ready=False naming the field, never applied as if the field were not there.
 */
final class UnsupportedFields {
  private UnsupportedFields() {}

  static void refuse(Kustomization ks) {
    Kustomization.Spec spec = ks.spec();
    if (spec.decryption() != null && spec.decryption().serviceAccountName() != null) {
      throw refused(ks, "spec.decryption.serviceAccountName", "workload identity for KMS is not supported");
    }
  }

  private static StageFailure refused(Kustomization ks, String field, String why) {
    return new StageFailure(Reason.RECONCILIATION_FAILED,
        ks.subject() + ": " + field + ": " + why
            + "; refused rather than applied without it", null);
  }
}
