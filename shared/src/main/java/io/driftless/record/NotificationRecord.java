package io.driftless.record;

/**
 * A Flux Provider or Alert on one cluster, found in the build of the Kustomization {@code parent}.
 * {@code key} is {@code <Kind>/<namespace>/<name>}; {@code manifest} the object's YAML as found in Git.
 */
public record NotificationRecord(String cluster, String key, String root, String parent, String manifest) {

  public String kind() {
    return key.substring(0, key.indexOf('/'));
  }
}
