package io.driftless.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real SSH Git server for tests: Apache MINA sshd on 127.0.0.1 with an ed25519 host key of its
 * own, public-key login for one authorized key, and {@code git-upload-pack '<repo>'} served by
 * JGit's {@link UploadPack} from bare repositories under a directory; like GitHub, it lets clients
 * ask for any reachable commit. Nothing else runs.
 */
public final class GitSshServer implements AutoCloseable {
  private final SshServer server;
  private final KeyPair hostKey;

  private GitSshServer(SshServer server, KeyPair hostKey) {
    this.server = server;
    this.hostKey = hostKey;
  }

  /** Starts serving repositories under {@code projectRoot} to clients holding {@code authorized}. */
  public static GitSshServer start(Path projectRoot, PublicKey authorized) throws IOException {
    KeyPair hostKey = newHostKey();
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(authorized, key));
    server.setCommandFactory(uploadPack(projectRoot));
    server.start();
    return new GitSshServer(server, hostKey);
  }

  public String url(String repo) {
    return "ssh://git@127.0.0.1:" + server.getPort() + "/" + repo;
  }

  /** The known_hosts line that trusts this server's host key. */
  public String knownHostsLine() {
    return "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic());
  }

  /** The same line with the host name hashed, as {@code ssh-keygen -H} writes it ({@code HashKnownHosts}). */
  public String hashedKnownHostsLine(Path scratchFile) {
    try {
      Files.writeString(scratchFile, knownHostsLine() + "\n");
      run("ssh-keygen", "-q", "-H", "-f", scratchFile.toString());
      return Files.readString(scratchFile).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client key pair written by {@code ssh-keygen} in OpenSSH format ({@code type} ed25519 or rsa). */
  public static Path generateKey(Path file, String type, String passphrase) {
    run("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "driftless-test", "-f", file.toString());
    return file;
  }

  private static void run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The public half of a key written by {@link #generateKey}. */
  public static PublicKey publicKeyOf(Path privateKeyFile) {
    try {
      String line = Files.readString(Path.of(privateKeyFile + ".pub")).strip();
      return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair newHostKey() throws IOException {
    Path dir = Files.createTempDirectory("git-ssh-server-");
    try {
      Path file = generateKey(dir.resolve("host_ed25519"), "ed25519", "");
      try (InputStream in = Files.newInputStream(file)) {
        return SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("host key"), in, null)
            .iterator()
            .next();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }

  private static CommandFactory uploadPack(Path projectRoot) {
    return (channel, command) -> {
      List<String> words = CommandFactory.split(command);
      if (words.size() != 2 || !words.get(0).equals("git-upload-pack")) {
        throw new IOException("unsupported command: " + command);
      }
      Path repo = projectRoot.resolve(words.get(1).replaceFirst("^/+", "")).normalize();
      if (!repo.startsWith(projectRoot)) {
        throw new IOException("outside the served directory: " + command);
      }
      return new UploadPackCommand(repo);
    };
  }

  /** One {@code git-upload-pack} run on its own thread, as sshd expects of a command. */
  private static final class UploadPackCommand implements Command {
    private final Path repo;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    UploadPackCommand(Path repo) {
      this.repo = repo;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
      this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      Thread worker = new Thread(this::serve, "git-upload-pack");
      worker.setDaemon(true);
      worker.start();
    }

    private void serve() {
      try (Repository repository = new FileRepositoryBuilder().setGitDir(repo.toFile()).setMustExist(true).build()) {
        UploadPack uploadPack = new UploadPack(repository);
        uploadPack.setRequestPolicy(UploadPack.RequestPolicy.REACHABLE_COMMIT);
        uploadPack.upload(in, out, err);
        out.flush();
        exit.onExit(0);
      } catch (IOException | RuntimeException e) {
        exit.onExit(1, String.valueOf(e.getMessage()));
      }
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }
}
