package io.driftless.helm.action;

import io.driftless.apply.Action;
import io.driftless.apply.ApplyException;
import io.driftless.apply.ChangeSet;
import io.driftless.apply.ChangeSetEntry;
import io.driftless.apply.OwnerLabels;
import io.driftless.apply.ResourceManager;
import io.driftless.model.helm.HelmRelease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The install and upgrade flags Driftless carries out itself, since it renders with Helm and applies
 * on its own: {@code disableSchemaValidation} renders without the charts' {@code values.schema.json};
 * {@code upgrade.cleanupOnFail} deletes what a failed upgrade created, as Helm does.
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
   * After a failed upgrade with {@code upgrade.cleanupOnFail}: the objects this upgrade created
   * (by the change set so far, including that of a failed apply) are deleted, if still owned by
   * this HelmRelease. A failure to clean up is logged; the upgrade's own failure is what is reported.
   */
  static void cleanupOnFail(HelmRelease hr, KubernetesClient client, boolean install, ChangeSet changes,
      RuntimeException failure) {
    if (install || hr.spec().upgrade() == null || !Boolean.TRUE.equals(hr.spec().upgrade().cleanupOnFail())) {
      return;
    }
    List<ChangeSetEntry> created = new ArrayList<>(changes.entries().stream()
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
      LOG.warning(hr.subject() + ": cleanupOnFail could not delete what the upgrade created: "
          + e.getMessage());
    }
  }
}
