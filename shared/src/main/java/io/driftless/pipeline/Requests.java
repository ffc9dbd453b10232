package io.driftless.pipeline;

import io.driftless.record.KustomizationRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.SourceRecord;
import io.driftless.record.StateStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which roots a queued request concerns. */
final class Requests {
  private Requests() {}

  static List<RootRecord> rootsFor(StateStore store, ReconcileRequest request) {
    Set<String> names = new LinkedHashSet<>();
    switch (request.kind()) {
      case ReconcileRequest.KIND_ROOT -> names.add(request.target());
      case ReconcileRequest.KIND_SOURCE -> store.getSource(request.target()).map(SourceRecord::root).ifPresent(names::add);
      default -> {
        for (KustomizationRecord k : store.listKustomizations()) {
          boolean clusterMatches = request.cluster() == null || request.cluster().isEmpty() || request.cluster().equals(k.cluster());
          if (k.key().equals(request.target()) && clusterMatches) {
            names.add(k.root());
          }
        }
      }
    }
    return store.listRoots().stream().filter(r -> names.contains(r.name())).toList();
  }
}
