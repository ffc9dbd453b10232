package io.driftless.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * SSH for one fetch: a JGit Apache MINA session factory of its own, with the source's identity held
 * in memory, host keys checked only against the source's {@code known_hosts}, and home and
 * {@code .ssh} directories in an empty temp dir, so no {@code ~/.ssh} file (keys, config,
 * known_hosts) is read and nothing is shared between sources. Close it after the fetch.
 */
final class SshAccess implements GitAccess {
  private final Path home;
  private final KnownHostsDatabase hostKeys;
  private final SshdSessionFactory sessions;

  private SshAccess(Path home, KnownHostsDatabase hostKeys, SshdSessionFactory sessions) {
    this.home = home;
    this.hostKeys = hostKeys;
    this.sessions = sessions;
  }

  static SshAccess open(String source, SshCredentials credentials) {
    KnownHostsDatabase hostKeys = KnownHostsDatabase.parse(source, credentials.knownHosts());
    try {
      Path home = Files.createTempDirectory("driftless-ssh-");
      Path sshDir = Files.createDirectories(home.resolve(".ssh"));
      SshdSessionFactory sessions =
          new SshdSessionFactoryBuilder()
              .setHomeDirectory(home.toFile())
              .setSshDirectory(sshDir.toFile())
              .setConfigStoreFactory((h, configFile, localUser) -> null)
              .setDefaultIdentities(dir -> List.of())
              .setDefaultKnownHostsFiles(dir -> List.of())
              .setDefaultKeysProvider(dir -> credentials.identities())
              .setServerKeyDatabase((h, s) -> hostKeys)
              .setPreferredAuthentications("publickey")
              .build(null);
      return new SshAccess(home, hostKeys, sessions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void configure(TransportCommand<?, ?> command) {
    command.setTransportConfigCallback(
        transport -> {
          if (transport instanceof SshTransport ssh) {
            ssh.setSshSessionFactory(sessions);
          }
        });
  }

  @Override
  public String explain() {
    return hostKeys.refusal();
  }

  @Override
  public void close() {
    sessions.close();
    try (Stream<Path> paths = Files.walk(home)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // an empty temp dir left behind is harmless
    }
  }
}
