package io.driftless.source;

import io.driftless.model.SecretResolver;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Turns a credential reference into a JGit credentials provider for HTTPS. The referenced secret is
 * either a token alone, or {@code username:token}. The token is held only in the provider.
 */
final class GitCredentials {
  private GitCredentials() {}

  static CredentialsProvider forRef(String credentialRef, SecretResolver secrets) {
    if (credentialRef == null || credentialRef.isBlank()) {
      return null;
    }
    String value = new String(secrets.resolve(credentialRef), StandardCharsets.UTF_8).strip();
    int colon = value.indexOf(':');
    if (colon > 0) {
      return new UsernamePasswordCredentialsProvider(value.substring(0, colon), value.substring(colon + 1));
    }
    return new UsernamePasswordCredentialsProvider("git", value);
  }
}
