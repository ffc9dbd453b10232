package io.driftless.source;

import io.driftless.model.SecretResolver;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * HTTP(S) credentials: from a credential reference, or from a found GitRepository's Secret
 * ({@link #forSecret}). Turns a credential reference into a JGit credentials provider. The referenced secret is
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

  /**
   * HTTP(S) access from a found GitRepository's Secret, as source-controller reads it: {@code username}
   * and {@code password} for basic auth, or {@code bearerToken} sent as {@code Authorization: Bearer};
   * a Secret with neither is refused naming the keys it would need.
   */
  static GitAccess forSecret(String source, GitSecret secret) {
    for (String tls : new String[] {"ca.crt", "tls.crt", "tls.key"}) {
      if (secret.data().containsKey(tls)) {
        throw new SourceException("GitRepository " + source + ": spec.secretRef: Secret " + secret.name() + " holds "
            + tls + ": a custom certificate authority or client certificate is not supported by Driftless yet");
      }
    }
    String username = secret.text(GitSecret.USERNAME);
    String password = secret.text(GitSecret.PASSWORD);
    String bearer = secret.text(GitSecret.BEARER_TOKEN);
    if (username != null && password != null) {
      CredentialsProvider basic = new UsernamePasswordCredentialsProvider(username, password);
      return command -> command.setCredentialsProvider(basic);
    }
    if (bearer != null) {
      Map<String, String> header = Map.of("Authorization", "Bearer " + bearer.strip());
      return command -> command.setTransportConfigCallback(transport -> {
        if (transport instanceof TransportHttp http) {
          http.setAdditionalHeaders(header);
        }
      });
    }
    throw new SourceException("GitRepository " + source + ": spec.secretRef: Secret " + secret.name()
        + " has neither " + GitSecret.USERNAME + " and " + GitSecret.PASSWORD + " nor " + GitSecret.BEARER_TOKEN
        + " (keys present: " + String.join(", ", new TreeSet<>(secret.data().keySet())) + ")");
  }
}
