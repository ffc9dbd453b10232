package io.driftless.model;

import java.util.Objects;

/**
 * The identity of a Kubernetes object: group, kind, namespace and name, without version.
 *
 * <p>{@link #inventoryId()} is Flux's inventory format {@code <namespace>_<name>_<group>_<kind>},
 * so an apiVersion bump never changes an object's identity. {@link #subject()} is the
 * {@code Kind/namespace/name} form used in change sets and error messages.
 */
public record ObjectId(String group, String kind, String namespace, String name) {

  public ObjectId {
    group = group == null ? "" : group;
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** Parses Flux's inventory id {@code ns_name_group_kind}. */
  public static ObjectId parseInventoryId(String id) {
    String[] parts = id.split("_", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("invalid inventory id '" + id + "': want ns_name_group_kind");
    }
    return new ObjectId(parts[2], parts[3], parts[0], parts[1]);
  }

  public String inventoryId() {
    return namespace + "_" + name + "_" + group + "_" + kind;
  }

  /** {@code Kind/namespace/name}, or {@code Kind/name} for a cluster-scoped object. */
  public String subject() {
    return subject(kind, namespace, name);
  }

  /**
   * How errors, logs and records name an object: {@code Kind/namespace/name}, or {@code Kind/name}
   * when {@code namespace} is empty (cluster-scoped). The one object-name formatter; names are never
   * put together by hand.
   */
  public static String subject(String kind, String namespace, String name) {
    return namespace == null || namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }

  /** {@link #subject(String, String, String)} from a {@code namespace/name} key as references and records hold it. */
  public static String subject(String kind, String key) {
    return kind + "/" + key;
  }

  public boolean clusterScoped() {
    return namespace.isEmpty();
  }

  @Override
  public String toString() {
    return subject();
  }
}
