package io.driftless.render.kustomize;

import io.driftless.render.kustomize.yaml.YamlReader;
import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds one directory: resources, generators, components, then transformers in kustomize's order
 * (patches, namespace, prefix/suffix, labels, annotations, JSON 6902 patches, replicas, images).
 */
final class KustTarget {
  static final String LOCAL_CONFIG = "config.kubernetes.io/local-config";
  private final Loader loader;
  private final int depth;
  private final Vars.Declared vars;

  KustTarget(Loader loader, int depth, Vars.Declared vars) {
    this.loader = loader;
    this.depth = depth;
    this.vars = vars;
  }

  ResMap accumulate(String dir) {
    if (depth > 50) {
      throw new ManifestException(dir, "kustomizations nest more than 50 deep (a cycle?)");
    }
    KustomizationFile k = KustomizationFile.load(loader, dir);
    if (k == null) {
      throw new ManifestException(dir, "unable to find one of 'kustomization.yaml', "
          + "'kustomization.yml' or 'Kustomization' in directory '" + (dir.isEmpty() ? "." : dir) + "'");
    }
    if (k.isComponent() && depth > 0) {
      throw new ManifestException(k.file, "a Component cannot be built or used as a resource; "
          + "list it under components");
    }
    ResMap resMap = new ResMap();
    apply(k, resMap);
    // objects marked local-config serve this directory's build only (kustomize's IgnoreLocal)
    if (resMap.resources.removeIf(r -> "true".equals(r.object.annotations().get(LOCAL_CONFIG)))) {
      resMap.reindex();
    }
    return resMap;
  }

  /** Adds {@code k}'s resources and generators to {@code resMap} and runs its transformers on it. */
  void apply(KustomizationFile k, ResMap resMap) {
    loader.openApi().offer(k);
    List<String> entries = new ArrayList<>(k.strings("bases"));
    entries.addAll(k.strings("resources"));
    for (String entry : entries) {
      addResource(k, entry, resMap);
    }
    resMap.config.load(k);
    new Generators(k).run(resMap);
    BuiltinPlugins plugins = new BuiltinPlugins(k, loader, depth);
    plugins.generate(resMap);
    for (String c : k.strings("components")) {
      String cdir = resolveDir(k, c, "components");
      KustomizationFile ck = KustomizationFile.load(loader, cdir);
      if (ck == null || !ck.isComponent()) {
        throw new ManifestException(k.file, "components: '" + c + "' is not a directory with a "
            + "kustomization of kind Component");
      }
      new KustTarget(loader, depth + 1, vars).apply(ck, resMap);
    }
    new Transformers(k, loader).run(resMap);
    plugins.transform(resMap);
    vars.add(k, resMap);
    if (resMap.resources.size() > loader.options().maxObjects()) {
      throw new ManifestException(k.file, "build produces " + resMap.resources.size()
          + " objects, over the limit of " + loader.options().maxObjects());
    }
  }

  private void addResource(KustomizationFile k, String entry, ResMap resMap) {
    if (isRemote(entry)) {
      throw new ManifestException(k.file, "resources: remote resource '" + entry
          + "' is refused (remote bases are not allowed)");
    }
    String path = Paths.join(k.dir, entry);
    if (Paths.escapes(path) || entry.startsWith("/")) {
      throw new ManifestException(k.file, "resources: '" + entry + "' is outside the build root");
    }
    loader.checkDirectory(path, k.file, "resources");
    if (loader.fs().isDirectory(path)) {
      resMap.addAll(new KustTarget(loader, depth + 1, vars).accumulate(path), k.file);
      return;
    }
    if (!loader.fs().isFile(path)) {
      throw new ManifestException(k.file, "resources: '" + entry + "' does not exist");
    }
    for (Resource r : readObjects(loader.readConfined(path, k.dir, "resources"), path)) {
      resMap.add(r, path);
    }
  }

  /** Flux's test for a non-local resource: a URL or one of git's shorthand forms. */
  static boolean isRemote(String entry) {
    String lower = entry.toLowerCase(java.util.Locale.ROOT);
    for (String p : List.of("git::", "gh:", "ssh://", "https://", "http://", "git@", "github.com:",
        "github.com/")) {
      if (lower.startsWith(p)) {
        return true;
      }
    }
    return lower.contains("://");
  }

  private String resolveDir(KustomizationFile k, String entry, String field) {
    String path = Paths.join(k.dir, entry);
    if (!Paths.escapes(path)) {
      loader.checkDirectory(path, k.file, field);
    }
    if (Paths.escapes(path) || !loader.fs().isDirectory(path)) {
      throw new ManifestException(k.file, field + ": '" + entry + "' is not a directory in the build root");
    }
    return path;
  }

  /**
   * The objects of a resource file. As in kustomize, a kind ending in {@code List} with an {@code items}
   * field stands for its items, which join the end of the queue of documents.
   */
  @SuppressWarnings("unchecked")
  static List<Resource> readObjects(String text, String file) {
    List<Resource> out = new ArrayList<>();
    java.util.ArrayDeque<Map<String, Object>> queue =
        new java.util.ArrayDeque<>(YamlReader.readDocuments(file, text));
    while (!queue.isEmpty()) {
      Map<String, Object> doc = queue.poll();
      if (!(doc.get("kind") instanceof String kind && kind.endsWith("List"))) {
        out.add(checked(new Resource(new KubeObject(doc, file)), file));
        continue;
      }
      if (!doc.containsKey("items")) {
        // not a collection: kept as one object, which kustomize does not ask to have a name
        out.add(new Resource(new KubeObject(doc, file)));
        continue;
      }
      Object items = doc.get("items");
      if (items != null && !(items instanceof List<?>)) {
        throw new ManifestException(file, "expected array in " + kind + "/items");
      }
      for (Object item : items == null ? List.of() : (List<?>) items) {
        if (!(item instanceof Map<?, ?> m)) {
          throw new ManifestException(file, kind + "/items: each item must be a mapping");
        }
        queue.add((Map<String, Object>) m);
      }
    }
    return out;
  }

  private static Resource checked(Resource r, String file) {
    if (r.kind().isEmpty()) {
      throw new ManifestException(file, "missing kind in object " + r.name());
    }
    if (r.name().isEmpty()) {
      throw new ManifestException(file, "missing metadata.name in object of kind " + r.kind());
    }
    return r;
  }
}
