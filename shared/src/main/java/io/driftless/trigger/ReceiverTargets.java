package io.driftless.trigger;

import io.driftless.config.Tenancy;
import io.driftless.model.KubeObject;
import io.driftless.model.ObjectId;
import io.driftless.model.Receiver;
import io.driftless.model.Yaml;
import io.driftless.record.HelmRecord;
import io.driftless.record.ReceiverRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.SourceRecord;
import io.driftless.record.Intake;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a verified Receiver request triggers: each of {@code spec.resources} (by name, or {@code *}
 * with matchLabels) among the work items recorded on the Receiver's cluster. A GitRepository is
 * triggered as the push webhook triggers a source; a Kustomization as {@code driftless reconcile}
 * does; a Helm object by reconciling the Kustomization that holds it (Driftless reconciles Helm
 * objects as part of their parent). A named resource that is not recorded is an error.
 */
final class ReceiverTargets {
  /** One request to queue, by (kind, target, cluster). */
  record Target(String kind, String target, String cluster) {}

  private final Intake store;
  private final Tenancy tenancy;

  ReceiverTargets(Intake store, Tenancy tenancy) {
    this.store = store;
    this.tenancy = tenancy;
  }

  List<Target> of(ReceiverRecord record, Receiver receiver) {
    refuseCrossNamespace(receiver);
    Map<String, Target> targets = new LinkedHashMap<>();
    for (Receiver.Resource resource : receiver.spec().resources()) {
      List<Target> found = switch (resource.kind()) {
        case "GitRepository" -> sources(record, receiver, resource);
        case "Kustomization" -> kustomizations(record, receiver, resource);
        default -> helmParents(record, receiver, resource);
      };
      if (found.isEmpty() && !resource.wildcard()) {
        throw new IllegalStateException(receiver.subject() + ": spec.resources " + ObjectId.subject(resource.kind(),
            resource.namespaceOr(receiver.namespace()), resource.name()) + " is not recorded on cluster "
            + record.cluster());
      }
      found.forEach(t -> targets.putIfAbsent(t.kind() + "|" + t.target() + "|" + t.cluster(), t));
    }
    return new ArrayList<>(targets.values());
  }

  /** With the lockdown on, as notification-controller: a resource in another namespace fails the request, nothing triggered. */
  private void refuseCrossNamespace(Receiver receiver) {
    List<Receiver.Resource> resources = receiver.spec().resources();
    for (int i = 0; i < resources.size(); i++) {
      Receiver.Resource r = resources.get(i);
      tenancy.refusal(receiver.subject(), receiver.namespace(), "spec.resources[" + i + "].namespace", r.kind(),
          r.namespace(), r.name()).ifPresent(refused -> {
            throw new IllegalStateException(refused);
          });
    }
  }

  private List<Target> sources(ReceiverRecord record, Receiver receiver, Receiver.Resource resource) {
    Set<String> roots = store.listRoots().stream().filter(r -> record.cluster().equals(r.cluster()))
        .map(RootRecord::name).collect(Collectors.toSet());
    String nsName = resource.namespaceOr(receiver.namespace()) + "/";
    List<Target> found = new ArrayList<>();
    for (SourceRecord s : store.listSources()) {
      String local = s.key().substring(s.key().indexOf('#') + 1);
      if (roots.contains(s.root()) && matches(resource, nsName, local, s.key(), s.manifest())) {
        found.add(new Target(ReconcileRequest.KIND_SOURCE, s.key(), ""));
      }
    }
    return found;
  }

  private List<Target> kustomizations(ReceiverRecord record, Receiver receiver, Receiver.Resource resource) {
    String nsName = resource.namespaceOr(receiver.namespace()) + "/";
    return store.listKustomizations().stream()
        .filter(k -> k.cluster().equals(record.cluster()) && matches(resource, nsName, k.key(), k.key(), k.manifest()))
        .map(k -> new Target(ReconcileRequest.KIND_KUSTOMIZATION, k.key(), k.cluster()))
        .toList();
  }

  private List<Target> helmParents(ReceiverRecord record, Receiver receiver, Receiver.Resource resource) {
    String prefix = resource.kind() + "/" + resource.namespaceOr(receiver.namespace()) + "/";
    List<Target> found = new ArrayList<>();
    for (HelmRecord h : store.listHelmObjects()) {
      if (h.cluster().equals(record.cluster()) && matches(resource, prefix, h.key(), h.key(), h.manifest())) {
        found.add(new Target(ReconcileRequest.KIND_KUSTOMIZATION, h.parent(), h.cluster()));
      }
    }
    return found;
  }

  /** {@code id} is {@code prefix + name}: by name, or with {@code *} by the manifest's labels. */
  private static boolean matches(Receiver.Resource resource, String prefix, String id, String file, String manifest) {
    if (!id.startsWith(prefix)) {
      return false;
    }
    if (!resource.wildcard()) {
      return id.equals(prefix + resource.name());
    }
    Map<String, String> labels = labelsOf(file, manifest);
    return resource.matchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  private static Map<String, String> labelsOf(String file, String manifest) {
    if (manifest == null || manifest.isBlank()) {
      return Map.of();
    }
    try {
      List<Map<String, Object>> docs = Yaml.readDocuments(file, manifest);
      return docs.isEmpty() ? Map.of() : new KubeObject(docs.get(0), file).labels();
    } catch (RuntimeException unreadable) {
      return Map.of();
    }
  }
}
