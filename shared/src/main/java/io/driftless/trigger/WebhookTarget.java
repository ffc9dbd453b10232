package io.driftless.trigger;

import io.driftless.model.FluxObjects;
import io.driftless.model.GitRepository;
import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.SourceRecord;
import java.util.List;
import java.util.Map;

/**
 * A registered root, or a source found under it, whose URL a delivery named. The root holds the
 * webhook secret either way. {@code source} is null when the root itself matched.
 */
public record WebhookTarget(RootRecord root, SourceRecord source) {

  public String kind() {
    return source == null ? ReconcileRequest.KIND_ROOT : ReconcileRequest.KIND_SOURCE;
  }

  /** The request's target: the root's name, or the source's {@code namespace/name}. */
  public String target() {
    return source == null ? root.name() : source.key();
  }

  /** The root's cluster for a root; all clusters (empty) for a source. */
  public String cluster() {
    return source == null ? nullToEmpty(root.cluster()) : "";
  }

  /** Whether a push to {@code ref} concerns this target; tags and unknown refs always do. */
  public boolean tracks(PushEvent push) {
    String branch = source == null ? root.branch() : sourceBranch(source);
    if (branch == null || branch.isBlank() || push.ref() == null) {
      return true;
    }
    return push.ref().equals("refs/heads/" + branch);
  }

  private static String sourceBranch(SourceRecord source) {
    if (source.manifest() == null || source.manifest().isBlank()) {
      return null;
    }
    try {
      List<Map<String, Object>> docs = Yaml.readDocuments(source.key(), source.manifest());
      if (docs.isEmpty()) {
        return null;
      }
      GitRepository repo = FluxObjects.gitRepository(new KubeObject(docs.get(0), source.key()));
      GitRepository.Ref ref = repo.spec().effectiveRef();
      return ref.commit() == null && ref.name() == null && ref.semver() == null && ref.tag() == null
          ? ref.branch()
          : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
