package io.driftless.pipeline;

import io.driftless.model.KubeObject;
import io.driftless.model.Receiver;
import io.driftless.model.Receivers;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.ReceiverRecord;
import io.driftless.model.Redact;
import io.driftless.trigger.ReceiverHandler;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Records the Flux Receivers a Kustomization's build contained, instead of applying them: each
 * under its webhook digest (its token read from the cluster, only the digest kept), so
 * {@code /hook/<digest>} finds it. Receivers that left the build, or whose token changed, are
 * forgotten. A Receiver whose Secret cannot be read is left out with a warning (its path answers
 * 404), as Flux leaves it not Ready; the Kustomization is not failed for it.
 */
final class ReceiverRegistration {
  private static final Logger LOG = Logger.getLogger(ReceiverRegistration.class.getName());
  private final ReconcileContext ctx;

  ReceiverRegistration(ReconcileContext ctx) {
    this.ctx = ctx;
  }

  void register(KustomizationRecord parent, List<KubeObject> found) {
    Set<String> current = new HashSet<>();
    ReceiverSecrets secrets = new ReceiverSecrets(ctx.store(), ctx.clients());
    for (KubeObject o : found) {
      Receiver receiver = Receivers.parse(o);
      String digest;
      try {
        digest = ReceiverHandler.digest(secrets.token(parent.cluster(), receiver), receiver.name(), receiver.namespace());
      } catch (RuntimeException e) {
        LOG.warning(e.getMessage());
        continue;
      }
      current.add(digest);
      ReceiverRecord record = new ReceiverRecord(digest, parent.cluster(), receiver.subject(), parent.root(), parent.key(), WorkItems.manifest(o));
      if (!ctx.store().getReceiver(digest).equals(Optional.of(record))) {
        ctx.store().putReceiver(record);
        LOG.info(record.key() + " on cluster " + parent.cluster() + " listens on " + Redact.hookPath(record.digest()));
      }
    }
    for (ReceiverRecord old : ctx.store().listReceivers()) {
      if (old.cluster().equals(parent.cluster()) && old.parent().equals(parent.key()) && !current.contains(old.digest())) {
        ctx.store().deleteReceiver(old.digest());
      }
    }
  }
}
