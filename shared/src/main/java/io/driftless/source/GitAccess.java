package io.driftless.source;

import io.driftless.model.SecretResolver;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * How one fetch reaches its remote: nothing for {@code file://}, a token for {@code http(s)://}, a
 * key pair and known hosts for {@code ssh://}. Applied to each JGit transport command, closed after.
 */
interface GitAccess extends AutoCloseable {

  static GitAccess forSource(GitSource source, SecretResolver secrets) {
    String url = source.url();
    if (url.startsWith("ssh://")) {
      return SshAccess.open(source.key(), source.secret() != null
          ? SshCredentials.forSecret(source.key(), source.secret())
          : SshCredentials.forRef(source.key(), source.credentialRef(), secrets));
    }
    if (!url.contains("://") && url.matches("^[^/]+@[^/]+:.*")) {
      throw new SourceException(
          "GitRepository " + source.key() + ": the scp-like URL form is not supported, write it as"
              + " ssh://user@host/path (as Flux requires)");
    }
    if (source.secret() != null) {
      return GitCredentials.forSecret(source.key(), source.secret());
    }
    CredentialsProvider credentials = GitCredentials.forRef(source.credentialRef(), secrets);
    return command -> command.setCredentialsProvider(credentials);
  }

  void configure(TransportCommand<?, ?> command);

  /** Why the transport refused the remote (such as an unknown host key), or null. */
  default String explain() {
    return null;
  }

  @Override
  default void close() {}
}
