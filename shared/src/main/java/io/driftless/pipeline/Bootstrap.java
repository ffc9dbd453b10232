package io.driftless.pipeline;

import io.driftless.model.Yaml;
import io.driftless.record.RootRecord;
import io.driftless.record.SourceRecord;
import io.driftless.record.StateStore;
import io.driftless.source.GitSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registers a root the way {@code flux bootstrap} lays one down: a GitRepository
 * {@code flux-system/flux-system} for the repository and a Kustomization {@code flux-system/flux-system}
 * that syncs the cluster's path from it.
 */
public final class Bootstrap {
  public static final String ROOT_SOURCE_KEY = "flux-system/flux-system";
  public static final String ROOT_KUSTOMIZATION_KEY = "flux-system/flux-system";
  static final String ROOT_INTERVAL = "10m";

  private Bootstrap() {}

  /**
   * The store key of a source: sources belong to a root, so two roots (say prod and staging, from
   * different repositories) can each have their {@code flux-system/flux-system}.
   */
  public static String sourceKey(String root, String namespacedName) {
    return root + "#" + namespacedName;
  }

  /**
   * Who named the source's URL: the operator for a root's own source (its URL is the registered one,
   * whatever the GitRepository in Git says), a reconciled repository for every other.
   */
  static GitSource.Origin origin(SourceRecord source) {
    return source.key().equals(sourceKey(source.root(), ROOT_SOURCE_KEY))
        ? GitSource.Origin.REGISTERED
        : GitSource.Origin.FOUND_IN_GIT;
  }

  public static void register(StateStore store, RootRecord root) {
    store.putRoot(root);
    String key = sourceKey(root.name(), ROOT_SOURCE_KEY);
    String existingRevision = store.getSource(key).map(SourceRecord::lastRevision).orElse(null);
    store.putSource(new SourceRecord(
        key, root.name(), root.url(), Yaml.write(gitRepository(root)), root.credentialRef(),
        existingRevision, null));
    store.putKustomization(root.cluster(), ROOT_KUSTOMIZATION_KEY, root.name(), "", Yaml.write(kustomization(root)));
  }

  /**
   * The root's own GitRepository as found in Git keeps the registered URL, branch and credentials, but
   * its {@code spec.ignore} decides which files the builds read, as in Flux.
   */
  static void takeRootIgnore(StateStore store, RootRecord root, String ignore) {
    String key = sourceKey(root.name(), ROOT_SOURCE_KEY);
    String manifest = Yaml.write(gitRepository(root, ignore));
    store.getSource(key).filter(source -> !manifest.equals(source.manifest())).ifPresent(source ->
        store.putSource(new SourceRecord(source.key(), source.root(), source.url(), manifest,
            source.credentialRef(), source.lastRevision(), source.lastFetchedAt())));
  }

  private static Map<String, Object> gitRepository(RootRecord root) {
    return gitRepository(root, null);
  }

  private static Map<String, Object> gitRepository(RootRecord root, String ignore) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("interval", "1m");
    spec.put("url", root.url());
    spec.put("ref", Map.of("branch", root.branch()));
    if (ignore != null) {
      spec.put("ignore", ignore);
    }
    return object("source.toolkit.fluxcd.io/v1", "GitRepository", spec);
  }

  private static Map<String, Object> kustomization(RootRecord root) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("interval", ROOT_INTERVAL);
    spec.put("path", "./" + root.path().replaceFirst("^\\./", ""));
    spec.put("prune", true);
    spec.put("sourceRef", Map.of("kind", "GitRepository", "name", "flux-system"));
    return object("kustomize.toolkit.fluxcd.io/v1", "Kustomization", spec);
  }

  private static Map<String, Object> object(String apiVersion, String kind, Map<String, Object> spec) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("apiVersion", apiVersion);
    o.put("kind", kind);
    o.put("metadata", Map.of("name", "flux-system", "namespace", "flux-system"));
    o.put("spec", spec);
    return o;
  }
}
