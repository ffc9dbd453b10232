package io.driftless.notify;

import java.util.Map;

/**
 * Reads a Provider's Secret ({@code secretRef}, {@code certSecretRef}, {@code proxySecretRef}) from
 * the target cluster, in the Provider's namespace. Values are never logged.
 */
public interface ProviderSecrets {
  /** The Secret's data, decoded; throws {@link IllegalArgumentException} naming the Secret when it is missing. */
  Map<String, byte[]> read(String cluster, String namespace, String name);

  /** The secret a registered Provider's token reference names (a file, {@code env:NAME}, an ARN). */
  default byte[] reference(String ref) {
    throw new IllegalArgumentException("token references are not readable here");
  }
}
