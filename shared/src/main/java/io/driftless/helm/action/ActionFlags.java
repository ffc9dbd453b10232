package io.driftless.helm.action;

import io.driftless.apply.Action;
import io.driftless.apply.ApplyException;
import io.driftless.apply.ChangeSet;
import io.driftless.apply.ChangeSetEntry;
import io.driftless.apply.HealthStatus;
import io.driftless.apply.OwnerLabels;
import io.driftless.apply.ResourceManager;
import io.driftless.model.helm.HelmRelease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The install, upgrade and rollback flags Driftless carries out itself, since it renders with Helm and
 * applies on its own: {@code disableSchemaValidation} renders without the charts' {@code values.schema.json};
 * {@code upgrade.cleanupOnFail} and {@code rollback.cleanupOnFail} delete what a failed upgrade or
 * rollback created, as Helm does.
 */
final class ActionFlags {
  private static final Logger LOG = Logger.getLogger(ActionFlags.class.getName());

  private ActionFlags() {}

  static boolean skipSchemaValidation(HelmRelease hr, boolean install) {
    return install
        ? hr.spec().install() != null && Boolean.TRUE.equals(hr.spec().install().disableSchemaValidation())
        : hr.spec().upgrade() != null && Boolean.TRUE.equals(hr.spec().upgrade().disableSchemaValidation());
  }

  /**
   * How the wait of {@code action} (install, upgrade, rollback) judges an object, as helm-controller's
   * {@code getWaitStrategy} and {@code WaitForJobs = !disableWaitForJobs} set Helm's waiter: kstatus's
   * poller by default, a Job waited for to completion unless {@code disableWaitForJobs} (a started Job is
   * then Current, as kstatus has it); Helm 3's legacy rules with {@code waitStrategy.name: legacy}. Hooks
   * are waited for to completion either way.
   */
  static Function<Map<String, Object>, HealthStatus> readiness(HelmRelease hr, String action) {
    boolean jobs = waitForJobs(hr, action);
    if (hr.spec().waitStrategy() != null && "legacy".equals(hr.spec().waitStrategy().name())) {
      return live -> HealthStatus.legacy(live, jobs);
    }
    return jobs ? HealthStatus::of : HealthStatus::startedJobsCurrent;
  }

  private static boolean waitForJobs(HelmRelease hr, String action) {
    Boolean disabled = switch (action) {
      case "install" -> hr.spec().install() == null ? null : hr.spec().install().disableWaitForJobs();
      case "upgrade" -> hr.spec().upgrade() == null ? null : hr.spec().upgrade().disableWaitForJobs();
      case "rollback" -> hr.spec().rollback() == null ? null : hr.spec().rollback().disableWaitForJobs();
      default -> null;
    };
    return !Boolean.TRUE.equals(disabled);
  }

  /**
   * After a failed upgrade with {@code upgrade.cleanupOnFail} (Helm's {@code failRelease}: whatever
   * failed, the apply, the wait or a hook): the objects this upgrade created are deleted.
   */
  static void cleanupOnFailedUpgrade(HelmRelease hr, KubernetesClient client, boolean install, ChangeSet changes,
      RuntimeException failure) {
    if (!install && hr.spec().upgrade() != null && Boolean.TRUE.equals(hr.spec().upgrade().cleanupOnFail())) {
      deleteCreated(hr, client, "upgrade", changes, changes.entries(), failure);
    }
  }

  /**
   * After a failed rollback with {@code rollback.cleanupOnFail}: as Helm's {@code Rollback.performRollback},
   * only a failed apply deletes what the rollback created (a failed wait or hook leaves them); what
   * this run changed before the rollback (the failed upgrade) is not the rollback's.
   */
  static void cleanupOnFailedRollback(HelmRelease hr, KubernetesClient client, ChangeSet changes,
      RuntimeException failure) {
    if (hr.spec().rollback() != null && Boolean.TRUE.equals(hr.spec().rollback().cleanupOnFail())
        && failure instanceof ApplyException) {
      deleteCreated(hr, client, "rollback", changes, List.of(), failure);
    }
  }

  /**
   * The objects the action created (by {@code applied}, and the change set of a failed apply) are
   * deleted, if still owned by this HelmRelease, and the deletions added to {@code changes}. A failure
   * to clean up is logged; the action's own failure is what is reported.
   */
  private static void deleteCreated(HelmRelease hr, KubernetesClient client, String action, ChangeSet changes,
      List<ChangeSetEntry> applied, RuntimeException failure) {
    List<ChangeSetEntry> created = new ArrayList<>(applied.stream()
        .filter(e -> e.action() == Action.CREATED).toList());
    if (failure instanceof ApplyException a && a.partial() != null) {
      a.partial().entries().stream().filter(e -> e.action() == Action.CREATED && !created.contains(e))
          .forEach(created::add);
    }
    if (created.isEmpty()) {
      return;
    }
    try {
      changes.addAll(new ResourceManager(client).prune(ChangeSet.of(created).toInventory(),
          OwnerLabels.helm(hr.name(), hr.namespace())));
    } catch (RuntimeException e) {
      LOG.warning(hr.subject() + ": cleanupOnFail could not delete what the " + action + " created: "
          + e.getMessage());
    }
  }
}
