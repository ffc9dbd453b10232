package io.driftless.render.kustomize;

import io.driftless.render.kustomize.yaml.YamlReader;
import io.driftless.model.ManifestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code patches}, {@code patchesStrategicMerge} and {@code patchesJson6902}. */
final class Patches {
  private final KustomizationFile k;

  Patches(KustomizationFile k) {
    this.k = k;
  }

  void strategicMergeLegacy(ResMap m) {
    for (String entry : k.strings("patchesStrategicMerge")) {
      boolean inline = entry.contains("\n") || entry.contains(":");
      String source = inline ? k.file : Paths.join(k.dir, entry);
      String text = inline ? entry : k.readFile(entry, "patchesStrategicMerge");
      for (Object doc : YamlReader.readPatchValues(source, text)) {
        if (doc instanceof Map<?, ?>) {
          @SuppressWarnings("unchecked")
          Map<String, Object> patch = (Map<String, Object>) doc;
          applyStrategic(m, patch, null, source, "patchesStrategicMerge", null);
        }
      }
    }
  }

  void patches(ResMap m) {
    for (Map<String, Object> p : k.maps("patches")) {
      String path = KustomizationFile.str(p.get("path"));
      String inline = KustomizationFile.str(p.get("patch"));
      if (path.isEmpty() == inline.isEmpty()) {
        throw new ManifestException(k.file, "patches: each entry needs exactly one of path or patch");
      }
      String source = path.isEmpty() ? k.file : Paths.join(k.dir, path);
      String text = path.isEmpty() ? inline : k.readFile(path, "patches");
      Target target = p.get("target") == null ? null : Target.of(p.get("target"), source);
      List<Object> docs = YamlReader.readPatchValues(source, text);
      if (!docs.isEmpty() && docs.get(0) instanceof List<?>) {
        List<?> ops = (List<?>) YamlReader.readValues(source, text, true).get(0);
        requireTarget(target, source);
        for (Resource r : m.resources) {
          if (target.matches(r)) {
            r.rememberName();
            JsonPatch.apply(r, ops, source);
          }
        }
        continue;
      }
      for (Object doc : docs) {
        if (doc instanceof Map<?, ?>) {
          @SuppressWarnings("unchecked")
          Map<String, Object> patch = (Map<String, Object>) doc;
          applyStrategic(m, patch, target, source, "patches", p.get("options"));
        }
      }
    }
  }

  void json6902Legacy(ResMap m) {
    for (Map<String, Object> p : k.maps("patchesJson6902")) {
      String path = KustomizationFile.str(p.get("path"));
      String source = path.isEmpty() ? k.file : Paths.join(k.dir, path);
      String text = path.isEmpty() ? KustomizationFile.str(p.get("patch"))
          : k.readFile(path, "patchesJson6902");
      Target target = Target.of(p.get("target"), source);
      List<Object> docs = YamlReader.readValues(source, text, true);
      if (docs.isEmpty() || !(docs.get(0) instanceof List<?> ops)) {
        throw new ManifestException(source, "patchesJson6902: patch must be a list of operations");
      }
      for (Resource r : m.resources) {
        if (target.matches(r)) {
          JsonPatch.apply(r, ops, source);
        }
      }
    }
  }

  private void requireTarget(Target target, String source) {
    if (target == null) {
      throw new ManifestException(source, "patches: a JSON 6902 patch needs a target");
    }
  }

  private void applyStrategic(ResMap m, Map<String, Object> patch, Target target, String source,
      String field, Object options) {
    Map<?, ?> opts = options instanceof Map<?, ?> o ? o : Map.of();
    boolean nameChange = Boolean.TRUE.equals(opts.get("allowNameChange"));
    boolean kindChange = Boolean.TRUE.equals(opts.get("allowKindChange"));
    List<Resource> hits = new ArrayList<>();
    for (Resource r : m.resources) {
      if (target != null ? target.matches(r) : Target.sameObject(patch, r)) {
        hits.add(r);
      }
    }
    if (hits.size() > 1 && target == null) {
      throw new ManifestException(source, field + ": multiple matches for Id " + patch.get("kind")
          + "/" + Target.nameOf(patch) + "; failed to find unique target for patch");
    }
    if (hits.isEmpty() && target == null) {
      throw new ManifestException(source, field + ": no resource matches patch for "
          + patch.get("kind") + "/" + Target.nameOf(patch));
    }
    for (Resource r : hits) {
      if ("delete".equals(patch.get("$patch"))) {
        m.resources.remove(r);
        m.reindex();
        continue;
      }
      Map<String, Object> p = io.driftless.model.KubeObject.copyMap(patch);
      if (!kindChange) {
        p.remove("apiVersion");
        p.remove("kind");
      }
      if (p.get("metadata") instanceof Map<?, ?> meta) {
        if (!nameChange) {
          meta.remove("name");
        }
        meta.remove("namespace");
      }
      boolean renamed = nameChange && p.get("metadata") instanceof Map<?, ?> meta2
          && meta2.get("name") != null && !r.name().equals(Target.nameOf(p));
      boolean rekinded = kindChange && p.get("kind") != null && !r.kind().equals(p.get("kind"));
      if (renamed || rekinded) {
        r.rememberName();
      }
      StrategicMerge.merge(r.content(), p,
          MergeRules.forResource(k.loader.openApi().schema(), r));
    }
  }
}
