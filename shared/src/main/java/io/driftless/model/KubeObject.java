package io.driftless.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rendered Kubernetes object: an ordered map as it came out of the build, plus the file it was
 * read from so that every error can name it.
 */
public final class KubeObject {
  private final Map<String, Object> content;
  private final String origin;

  public KubeObject(Map<String, Object> content, String origin) {
    this.content = content;
    this.origin = origin == null ? "" : origin;
  }

  public Map<String, Object> content() {
    return content;
  }

  /** The file (relative to the source root) this object was read from; empty when unknown. */
  public String origin() {
    return origin;
  }

  public String apiVersion() {
    return str(content.get("apiVersion"));
  }

  public String kind() {
    return str(content.get("kind"));
  }

  public String group() {
    String av = apiVersion();
    int slash = av.indexOf('/');
    return slash < 0 ? "" : av.substring(0, slash);
  }

  public String version() {
    String av = apiVersion();
    int slash = av.indexOf('/');
    return slash < 0 ? av : av.substring(slash + 1);
  }

  public String name() {
    return str(metadata().get("name"));
  }

  public String namespace() {
    return str(metadata().get("namespace"));
  }

  public ObjectId id() {
    return new ObjectId(group(), kind(), namespace(), name());
  }

  /** {@code Kind/namespace/name}. */
  public String subject() {
    return id().subject();
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> metadata() {
    Object m = content.get("metadata");
    if (m instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    Map<String, Object> created = new LinkedHashMap<>();
    content.put("metadata", created);
    return created;
  }

  public Map<String, String> labels() {
    return stringMap("labels");
  }

  public Map<String, String> annotations() {
    return stringMap("annotations");
  }

  public void setLabel(String key, String value) {
    childMap(metadata(), "labels").put(key, value);
  }

  public void setAnnotation(String key, String value) {
    childMap(metadata(), "annotations").put(key, value);
  }

  /** True when a label or annotation {@code key} equals {@code value}, ignoring case, as Flux matches. */
  public boolean hasMetadataValue(String key, String value) {
    String l = labels().get(key);
    String a = annotations().get(key);
    return (l != null && l.equalsIgnoreCase(value)) || (a != null && a.equalsIgnoreCase(value));
  }

  public KubeObject deepCopy() {
    return new KubeObject(copyMap(content), origin);
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> stringMap(String field) {
    Object m = metadata().get(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (m instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).forEach((k, v) -> out.put(k, v == null ? "" : v.toString()));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> childMap(Map<String, Object> parent, String key) {
    Object m = parent.get(key);
    if (m instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    Map<String, Object> created = new LinkedHashMap<>();
    parent.put(key, created);
    return created;
  }

  /** The value at {@code path} in an object read as maps, or null. */
  public static Object valueAt(Map<String, Object> object, String... path) {
    Object here = object;
    for (String step : path) {
      if (!(here instanceof Map<?, ?> map)) {
        return null;
      }
      here = map.get(step);
    }
    return here;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> copyMap(Map<String, Object> in) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, copyValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object copyValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      return copyMap((Map<String, Object>) m);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(e -> out.add(copyValue(e)));
      return out;
    }
    return v;
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  @Override
  public String toString() {
    return subject() + (origin.isEmpty() ? "" : " (" + origin + ")");
  }
}
