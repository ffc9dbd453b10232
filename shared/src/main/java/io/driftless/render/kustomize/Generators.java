package io.driftless.render.kustomize;

import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** configMapGenerator and secretGenerator: literals, files, env files, behaviors and options. */
final class Generators {
  private final KustomizationFile k;
  private final String configName;

  Generators(KustomizationFile k) {
    this(k, null);
  }

  /** Generators of a builtin plugin config named {@code configName}. */
  Generators(KustomizationFile k, String configName) {
    this.k = k;
    this.configName = configName;
  }

  void run(ResMap resMap) {
    for (Map<String, Object> g : k.maps("configMapGenerator")) {
      generate(resMap, g, "ConfigMap", k.map("generatorOptions"));
    }
    for (Map<String, Object> g : k.maps("secretGenerator")) {
      generate(resMap, g, "Secret", k.map("generatorOptions"));
    }
  }

  /**
   * One generator entry of {@code kind} ConfigMap or Secret; {@code global} is the
   * kustomization's generatorOptions (a builtin plugin config has none).
   */
  void generate(ResMap resMap, Map<String, Object> g, String kind, Map<String, Object> global) {
    String field = kind.equals("ConfigMap") ? "configMapGenerator" : "secretGenerator";
    String name = KustomizationFile.str(g.get("name"));
    if (name.isEmpty()) {
      throw new ManifestException(k.file, field + ": a generator needs a name");
    }
    Map<String, Object> data = new LinkedHashMap<>();
    for (String lit : KustomizationFile.strings(g.get("literals"))) {
      int eq = lit.indexOf('=');
      if (eq <= 0) {
        throw new ManifestException(k.file, field + " " + name + ": invalid literal '" + lit
            + "', want key=value");
      }
      put(data, lit.substring(0, eq), unquote(lit.substring(eq + 1)), field, name);
    }
    for (String file : KustomizationFile.strings(g.get("files"))) {
      int eq = file.indexOf('=');
      String key = eq < 0 ? Paths.fileName(file) : file.substring(0, eq);
      String path = eq < 0 ? file : file.substring(eq + 1);
      byte[] bytes = k.readBytes(path, field);
      String text = utf8(bytes);
      putValue(data, key, text != null ? text : bytes, field, name);
    }
    List<String> envs = new ArrayList<>(KustomizationFile.strings(g.get("envs")));
    if (g.get("env") != null) {
      envs.add(KustomizationFile.str(g.get("env")));
    }
    for (String env : envs) {
      for (String line : k.readFile(env, field).split("\n", -1)) {
        String l = line.replace("\r", "").stripLeading();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        int eq = l.indexOf('=');
        if (eq == 0) {
          continue;
        }
        // kustomize reads a bare KEY from its own environment; a build here never does, so ""
        put(data, eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1), field, name);
      }
    }
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("apiVersion", "v1");
    obj.put("kind", kind);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", name);
    String ns = KustomizationFile.str(g.get("namespace"));
    if (!ns.isEmpty()) {
      meta.put("namespace", ns);
    }
    obj.put("metadata", meta);
    Map<String, Object> options = mergedOptions(g, global);
    copyMap(options.get("labels"), meta, "labels");
    copyMap(options.get("annotations"), meta, "annotations");
    if (kind.equals("Secret")) {
      Map<String, Object> encoded = new LinkedHashMap<>();
      data.forEach((key, v) -> encoded.put(key, base64Lines(v instanceof byte[] b ? b
          : ((String) v).getBytes(StandardCharsets.UTF_8))));
      obj.put("data", encoded);
      obj.put("type", g.get("type") == null ? "Opaque" : KustomizationFile.str(g.get("type")));
    } else {
      Map<String, Object> text = new LinkedHashMap<>();
      Map<String, Object> binary = new LinkedHashMap<>();
      data.forEach((key, v) -> {
        if (v instanceof byte[] b) {
          binary.put(key, base64Lines(b));
        } else {
          text.put(key, v);
        }
      });
      if (!text.isEmpty()) {
        obj.put("data", text);
      }
      if (!binary.isEmpty()) {
        obj.put("binaryData", binary);
      }
    }
    if (Boolean.TRUE.equals(options.get("immutable"))) {
      obj.put("immutable", true);
    }
    Resource r = new Resource(new KubeObject(obj, k.file));
    r.needsHashSuffix = !Boolean.TRUE.equals(options.get("disableNameSuffixHash"));
    r.generatedBy = kind + "Generator";
    r.generatorName = configName;
    apply(resMap, r, KustomizationFile.str(g.get("behavior")), field);
  }

  @SuppressWarnings("unchecked")
  private void apply(ResMap resMap, Resource r, String behavior, String field) {
    if (behavior.isEmpty() || behavior.equals("create")) {
      resMap.add(r, k.file);
      return;
    }
    Resource existing = null;
    for (Resource e : resMap.matching(r.kind(), r.name())) {
      if (r.namespace().isEmpty() || r.namespace().equals(e.namespace())) {
        existing = e;
      }
    }
    if (existing == null) {
      throw new ManifestException(k.file, field + " " + r.name() + ": behavior " + behavior
          + " needs an existing " + r.kind() + " with that name");
    }
    Map<String, Object> target = existing.content();
    if (behavior.equals("merge")) {
      for (String key : List.of("data", "binaryData")) {
        Object add = r.content().get(key);
        if (add instanceof Map<?, ?> m && !m.isEmpty()) {
          Object cur = target.get(key);
          Map<String, Object> merged = cur instanceof Map<?, ?> c
              ? new LinkedHashMap<>((Map<String, Object>) c) : new LinkedHashMap<>();
          merged.putAll((Map<String, Object>) m);
          target.put(key, merged);
        }
      }
      for (String meta : List.of("labels", "annotations")) {
        Object add = r.object.metadata().get(meta);
        if (add instanceof Map<?, ?> m) {
          copyMap(m, existing.object.metadata(), meta);
        }
      }
    } else if (behavior.equals("replace")) {
      // the new object replaces the old; only name, namespace, labels and annotations carry over
      target.keySet().removeIf(key -> !List.of("apiVersion", "kind", "metadata").contains(key));
      r.content().forEach((key, v) -> {
        if (!key.equals("metadata")) {
          target.put(key, v);
        }
      });
      Map<String, Object> meta = existing.object.metadata();
      copyMap(r.object.metadata().get("labels"), meta, "labels");
      copyMap(r.object.metadata().get("annotations"), meta, "annotations");
    } else {
      throw new ManifestException(k.file, field + " " + r.name() + ": unknown behavior '"
          + behavior + "', want create, merge or replace");
    }
    existing.needsHashSuffix = existing.needsHashSuffix && r.needsHashSuffix;
    if (behavior.equals("replace")) {
      // the replacing generator is now where the object comes from
      Resource replaced = existing.withOrigin(r.object.origin());
      replaced.generatedBy = r.generatedBy;
      replaced.generatorName = r.generatorName;
      resMap.resources.set(resMap.resources.indexOf(existing), replaced);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mergedOptions(Map<String, Object> g,
      Map<String, Object> global) {
    Map<String, Object> local = g.get("options") instanceof Map<?, ?> m
        ? (Map<String, Object>) m : Map.of();
    Map<String, Object> out = new LinkedHashMap<>(global);
    for (String key : List.of("labels", "annotations")) {
      Map<String, Object> both = new LinkedHashMap<>();
      copyInto(global.get(key), both);
      copyInto(local.get(key), both);
      out.put(key, both);
    }
    for (String key : List.of("disableNameSuffixHash", "immutable")) {
      if (Boolean.TRUE.equals(local.get(key))) {
        out.put(key, true);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void copyInto(Object from, Map<String, Object> to) {
    if (from instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).forEach((key, v) -> to.put(key, v == null ? "" : v.toString()));
    }
  }

  @SuppressWarnings("unchecked")
  private static void copyMap(Object from, Map<String, Object> meta, String key) {
    if (from instanceof Map<?, ?> m && !m.isEmpty()) {
      Object cur = meta.get(key);
      Map<String, Object> target = cur instanceof Map<?, ?> c
          ? (Map<String, Object>) c : new LinkedHashMap<>();
      copyInto(m, target);
      meta.put(key, target);
    }
  }

  private void put(Map<String, Object> data, String key, String value, String field, String name) {
    putValue(data, key, value, field, name);
  }

  /** The text of {@code bytes}, or null when they are not valid UTF-8 (a binary file). */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }

  private void putValue(Map<String, Object> data, String key, Object value, String field,
      String name) {
    if (data.containsKey(key)) {
      throw new ManifestException(k.file, field + " " + name + ": duplicate key '" + key + "'");
    }
    data.put(key, value);
  }

  /** kustomize's encoding: base64, and from 70 characters on, lines of 70 each ending in a newline. */
  static String base64Lines(byte[] v) {
    String enc = Base64.getEncoder().encodeToString(v);
    if (enc.length() < 70) {
      return enc;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < enc.length(); i += 70) {
      out.append(enc, i, Math.min(enc.length(), i + 70)).append('\n');
    }
    return out.toString();
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')
        && v.charAt(v.length() - 1) == v.charAt(0)) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
