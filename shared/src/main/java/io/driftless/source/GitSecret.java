package io.driftless.source;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Secret a GitRepository's {@code spec.secretRef} names, read from the cluster as source-controller
 * reads it: {@code username} and {@code password} (HTTP basic auth), {@code bearerToken}, or for
 * {@code ssh://} {@code identity}, {@code known_hosts} and optional {@code password}. {@code name} is
 * {@code namespace/name}; it, not the values, picks the source's cache. {@link #toString()} names the
 * keys only.
 */
public record GitSecret(String name, Map<String, byte[]> data) {
  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  static final String BEARER_TOKEN = "bearerToken";

  public GitSecret {
    data = Map.copyOf(data);
  }

  /** A key's value as text, or null when the Secret has no such key. */
  String text(String key) {
    byte[] value = data.get(key);
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  /** Every key as text: the fields an SSH identity is read from. */
  Map<String, String> texts() {
    Map<String, String> texts = new TreeMap<>();
    data.keySet().forEach(k -> texts.put(k, text(k)));
    return texts;
  }

  @Override
  public String toString() {
    return "GitSecret[" + name + " " + new TreeMap<>(data).keySet() + "]";
  }
}
