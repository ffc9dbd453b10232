package io.driftless.apply;

import io.driftless.model.KubeObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Waits for the objects of a stage to be usable before the next stage is applied: a CRD must be
 * Established, a Namespace must exist and be Active (one being deleted fails at once), anything else must exist.
 */
final class ReadinessCheck {
  private final KubernetesClient client;
  private final Poller poller;

  ReadinessCheck(KubernetesClient client, Poller poller) {
    this.client = client;
    this.poller = poller;
  }

  /** The subjects still not ready when the timeout passed; empty when all became ready. */
  List<String> await(List<GenericKubernetesResource> objects, Duration timeout) {
    List<GenericKubernetesResource> pending = new ArrayList<>(objects);
    poller.await(timeout, () -> {
      pending.removeIf(this::ready);
      return pending.isEmpty();
    });
    return pending.stream().map(o -> KubeObjects.subject(o) + " status: 'InProgress'").toList();
  }

  private boolean ready(GenericKubernetesResource desired) {
    GenericKubernetesResource live = client.resource(desired).get();
    if (live == null) {
      return false;
    }
    return switch (live.getKind()) {
      case "CustomResourceDefinition" -> established(live);
      case "Namespace" -> {
        Object phase = live.get("status", "phase");
        if ("Terminating".equals(phase) || live.getMetadata().getDeletionTimestamp() != null) {
          throw new TerminatingNamespaceException(KubeObjects.subject(live)
              + " is terminating: nothing can be applied in it until it is deleted");
        }
        yield phase == null || "Active".equals(phase);
      }
      default -> true;
    };
  }

  /** A Namespace being deleted: waiting would only run into the timeout, so the stage fails at once. */
  static final class TerminatingNamespaceException extends RuntimeException {
    TerminatingNamespaceException(String message) {
      super(message);
    }
  }

  private static boolean established(GenericKubernetesResource crd) {
    Object conditions = crd.get("status", "conditions");
    if (conditions instanceof List<?> list) {
      for (Object c : list) {
        if (c instanceof Map<?, ?> m && "Established".equals(m.get("type")) && "True".equals(m.get("status"))) {
          return true;
        }
      }
    }
    return false;
  }
}
