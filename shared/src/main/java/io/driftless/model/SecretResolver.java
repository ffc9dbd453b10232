package io.driftless.model;

/**
 * Turns a secret reference into its bytes. References, never the secret, are what Driftless stores:
 * a file path ({@code /path} or {@code file:/path}), an environment variable ({@code env:NAME}), or
 * on AWS a Secrets Manager ARN ({@code arn:aws:secretsmanager:…}).
 */
public interface SecretResolver {

  /** The secret's bytes; throws {@link IllegalArgumentException} naming the reference (not the value). */
  byte[] resolve(String ref);
}
