package io.driftless.pipeline;

import io.driftless.apply.ChangeSet;
import io.driftless.apply.ChangeSetEntry;
import io.driftless.apply.OwnerLabels;
import io.driftless.apply.PruneException;
import io.driftless.apply.ResourceManager;
import io.driftless.model.Kustomization;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.ObjectId;
import io.driftless.record.KustomizationRecord;
import java.util.List;
import java.util.logging.Logger;

/**
 * What Flux's finalizer does when a Kustomization leaves Git, by {@code spec.deletionPolicy}:
 * {@code MirrorPrune} (the default) deletes its objects when {@code prune} is true, {@code Delete}
 * always, {@code WaitForTermination} always and then waits, within the Kustomization's timeout, until
 * they are gone from the cluster (a timeout is logged, as Flux logs it, and the removal goes on),
 * {@code Orphan} never; a suspended Kustomization or an empty inventory deletes nothing. Its
 * own child Kustomizations go with it when its objects do (in Flux they are among its objects);
 * otherwise they stay, as they would on a cluster. A failed delete is logged and the work item is
 * removed anyway, as Flux removes the finalizer when it cannot impersonate.
 */
final class Finalizer {
  private static final Logger LOG = Logger.getLogger(Finalizer.class.getName());
  private static final String WAIT_FOR_TERMINATION = "WaitForTermination";
  private final ReconcileContext ctx;
  private final Targets targets;

  Finalizer(ReconcileContext ctx) {
    this.ctx = ctx;
    this.targets = new Targets(ctx);
  }

  void remove(KustomizationRecord rec) {
    boolean deletesObjects = false;
    try {
      Kustomization ks = WorkItems.parse(rec);
      deletesObjects = deletesObjects(ks) && rec.status() != null && !rec.status().getInventory().isEmpty();
      if (deletesObjects) {
        deleteObjects(rec, ks, rec.status());
      }
    } catch (RuntimeException e) {
      LOG.warning(ObjectId.subject(Kustomization.KIND, rec.key()) + " on cluster " + rec.cluster() + " left Git; its objects were not deleted: "
          + e.getMessage());
    }
    if (deletesObjects) {
      for (KustomizationRecord child : ctx.store().listKustomizations()) {
        if (child.cluster().equals(rec.cluster()) && child.parent().equals(rec.key())) {
          remove(child);
        }
      }
    }
    ctx.store().deleteKustomization(rec.cluster(), rec.key());
  }

  private static boolean deletesObjects(Kustomization ks) {
    if (ks.spec().suspended()) {
      return false;
    }
    String policy = ks.spec().deletionPolicy() == null ? "MirrorPrune" : ks.spec().deletionPolicy();
    return switch (policy) {
      case "Delete", WAIT_FOR_TERMINATION -> true;
      case "Orphan" -> false;
      default -> ks.spec().pruneEnabled();
    };
  }

  private void deleteObjects(KustomizationRecord rec, Kustomization ks, KustomizationStatus status) {
    ResourceManager manager = new ResourceManager(targets.of(rec, ks).apply());
    ChangeSet deleted;
    try {
      deleted = manager.prune(status.getInventory(), new OwnerLabels(ks.name(), ks.namespace()));
    } catch (PruneException e) {
      deleted = e.partial();
      LOG.warning(ObjectId.subject(Kustomization.KIND, rec.key()) + " left Git: " + e.getMessage());
    }
    for (ChangeSetEntry e : deleted.changed()) {
      LOG.info("[change] " + rec.cluster() + " " + rec.key() + " " + e.line());
    }
    if (WAIT_FOR_TERMINATION.equals(ks.spec().deletionPolicy())) {
      List<ObjectId> left = manager.awaitTermination(deleted, HealthTargets.timeout(ks));
      if (!left.isEmpty()) {
        LOG.warning(ObjectId.subject(Kustomization.KIND, rec.key()) + " on cluster " + rec.cluster()
            + " left Git: failed to wait for resources termination within spec.timeout: "
            + left.stream().map(ObjectId::subject).toList());
      }
    }
  }
}
