package io.driftless.pipeline;

import io.driftless.model.Condition;
import io.driftless.model.Kustomization;
import io.driftless.model.Reason;
import io.driftless.model.helm.HelmObject;
import io.driftless.model.helm.HelmRelease;
import io.driftless.record.HelmRecord;
import io.driftless.record.StateStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A Kustomization's health check of the HelmReleases it holds (flux.md §1.7): with {@code wait}
 * every HelmRelease of its build, otherwise the {@code healthChecks} entries of kind HelmRelease.
 * A HelmRelease is never a cluster object in Driftless, so its health is its own record on the same
 * cluster: Current when Ready=True after it was reconciled in this run (or it is suspended), Failed
 * when Stalled=True (a refusal, retries exhausted: at once, naming its reason and message), Failed
 * too when it was reconciled in this run and ended Ready=False (its chart source could not be
 * fetched, its install failed): no controller reconciles it again while the Kustomization waits, only
 * the schedule after its retryInterval, so waiting for {@code spec.timeout} would end in the same
 * state and call it InProgress; otherwise InProgress. The failure reads as kstatus's wait does.
 */
final class HelmHealth {
  private HelmHealth() {}

  /** The keys ({@code HelmRelease/<ns>/<name>}) of the HelmReleases the health check of {@code ks} covers. */
  static List<String> targets(Kustomization ks, List<HelmObject> built) {
    List<String> keys = new ArrayList<>();
    if (ks.spec().waitEnabled()) {
      for (HelmObject h : built) {
        if (h instanceof HelmRelease) {
          keys.add(HelmRecord.keyOf(HelmRelease.KIND, h.namespace(), h.name()));
        }
      }
      return keys;
    }
    if (ks.spec().healthChecks() != null) {
      for (Kustomization.HealthCheckRef ref : ks.spec().healthChecks()) {
        if (isHelmRelease(ref)) {
          String ns = ref.namespace() == null || ref.namespace().isBlank() ? ks.namespace() : ref.namespace();
          keys.add(HelmRecord.keyOf(HelmRelease.KIND, ns, ref.name()));
        }
      }
    }
    return keys;
  }

  /** True for a {@code healthChecks} entry naming a HelmRelease (Driftless's record, not a cluster object). */
  static boolean isHelmRelease(Kustomization.HealthCheckRef ref) {
    return HelmRelease.KIND.equals(ref.kind())
        && (ref.apiVersion() == null || ref.apiVersion().startsWith(HelmRelease.GROUP + "/"));
  }

  /**
   * Fails with HealthCheckFailed unless every HelmRelease {@code keys} names is Current on
   * {@code cluster}; {@code reconciledNow} says which were reconciled in this run.
   */
  static void check(StateStore store, String cluster, List<String> keys, Predicate<String> reconciledNow) {
    Map<String, String> notReady = new LinkedHashMap<>();
    for (String key : keys) {
      Optional<HelmRecord> rec = store.getHelmObject(cluster, key);
      if (rec.isEmpty()) {
        notReady.put(key, "NotFound");
        continue;
      }
      var status = rec.get().status();
      failIf(key, status == null ? Optional.empty()
          : status.condition(Condition.STALLED).filter(c -> Condition.TRUE.equals(c.status())));
      failIf(key, status == null || !reconciledNow.test(key) ? Optional.empty()
          : status.condition(Condition.READY).filter(c -> Condition.FALSE.equals(c.status())));
      boolean current = status != null && status.isReady() && (reconciledNow.test(key) || suspended(rec.get()));
      if (!current) {
        notReady.put(key, "InProgress");
      }
    }
    if (!notReady.isEmpty()) {
      List<String> lines = new ArrayList<>();
      notReady.forEach((id, s) -> lines.add(id + " status: '" + s + "'"));
      throw new StageFailure(Reason.HEALTH_CHECK_FAILED, "timeout waiting for: [" + String.join(", ", lines) + "]",
          null);
    }
  }

  /** HealthCheckFailed at once, kstatus's Failed with the condition's reason and message, when {@code why} is present. */
  private static void failIf(String key, Optional<Condition> why) {
    if (why.isPresent()) {
      throw new StageFailure(Reason.HEALTH_CHECK_FAILED,
          key + " status: 'Failed': " + why.get().reason() + ": " + why.get().message(), null);
    }
  }

  private static boolean suspended(HelmRecord rec) {
    try {
      return ((HelmRelease) WorkItems.parse(rec)).spec().suspended();
    } catch (RuntimeException unreadable) {
      return false;
    }
  }
}
