package io.driftless.notify;

import java.util.Map;

/**
 * Reads a Provider's Secret ({@code secretRef}, {@code certSecretRef}, {@code proxySecretRef}) from
 * the target cluster, in the Provider's namespace. Values are never logged.
 */
@FunctionalInterface
public interface ProviderSecrets {
  /** The Secret's data, decoded; throws {@link IllegalArgumentException} naming the Secret when it is missing. */
  Map<String, byte[]> read(String cluster, String namespace, String name);
}
