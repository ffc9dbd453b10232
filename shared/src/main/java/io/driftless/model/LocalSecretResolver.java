package io.driftless.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Resolves file and {@code env:} references; Secrets Manager ARNs go to a delegate when one is set
 * (see {@link #withAws}).
 */
public final class LocalSecretResolver implements SecretResolver {
  private final Map<String, String> env;
  private final SecretResolver arnResolver;

  public LocalSecretResolver(Map<String, String> env, SecretResolver arnResolver) {
    this.env = env;
    this.arnResolver = arnResolver;
  }

  /**
   * File and {@code env:} references from {@code env}, {@code arn:} references from Secrets Manager.
   * Credentials are {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code
   * AWS_SESSION_TOKEN} from {@code env} when set (as on Lambda), else the SDK's default chain; the
   * endpoint is {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} or {@code AWS_ENDPOINT_URL} when set, else
   * the ARN's region. Keep the returned resolver: it caches Secrets Manager values.
   */
  public static LocalSecretResolver withAws(Map<String, String> env) {
    return new LocalSecretResolver(env, AwsEnvironment.secretsManager(env));
  }

  @Override
  public byte[] resolve(String ref) {
    if (ref == null || ref.isBlank()) {
      throw new IllegalArgumentException("empty secret reference");
    }
    if (ref.startsWith("env:")) {
      String name = ref.substring(4);
      String value = env.get(name);
      if (value == null) {
        throw new IllegalArgumentException("secret reference " + ref + ": environment variable is not set");
      }
      return value.strip().getBytes(StandardCharsets.UTF_8);
    }
    if (ref.startsWith("arn:")) {
      if (arnResolver == null) {
        throw new IllegalArgumentException(
            "secret reference " + ref + ": Secrets Manager is only available when running on AWS");
      }
      return arnResolver.resolve(ref);
    }
    Path file = Path.of(ref.startsWith("file:") ? ref.substring(5) : ref);
    try {
      return stripTrailingNewline(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("secret reference " + ref + ": cannot read file", e);
    }
  }

  private static byte[] stripTrailingNewline(byte[] bytes) {
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
      end--;
    }
    return end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end);
  }
}
