package io.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.GitRepository;
import io.driftless.model.LocalSecretResolver;
import io.driftless.model.Yaml;
import io.driftless.testing.FakeSecretsManager;
import io.driftless.testing.GitRemote;
import io.driftless.testing.GitSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JGitSourceFetcherSshTest {
  private static final GitRepository.Ref MAIN = new GitRepository.Ref("main", null, null, null, null);
  @TempDir Path tmp;
  private GitRemote remote;
  private Path clientKey;
  private GitSshServer server;

  @BeforeEach
  void startServer() throws IOException {
    remote = GitRemote.create(tmp.resolve("repo"), "main");
    clientKey = GitSshServer.generateKey(tmp.resolve("id_ed25519"), "ed25519", "");
    server = GitSshServer.start(tmp.resolve("repo"), GitSshServer.publicKeyOf(clientKey));
  }

  @AfterEach
  void stopServer() throws IOException {
    server.close();
    remote.close();
  }

  private JGitSourceFetcher fetcher() {
    return new JGitSourceFetcher(
        tmp.resolve("cache"), new LocalSecretResolver(Map.of(), null), Duration.ofSeconds(30));
  }

  private String secret(Path key, String knownHosts, String password) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("identity", Files.readString(key));
    fields.put("known_hosts", knownHosts);
    if (password != null) {
      fields.put("password", password);
    }
    Path file = tmp.resolve("ssh-secret-" + key.getFileName() + ".yaml");
    Files.writeString(file, Yaml.write(fields));
    return file.toString();
  }

  private GitSource ssh(GitRepository.Ref ref, String credentialRef) {
    return new GitSource("demo", "flux-system/demo", server.url("remote.git"), ref, credentialRef, GitSource.Origin.REGISTERED);
  }

  @Test
  void fetchesOverSshWithAnEd25519Key() throws Exception {
    String commit = remote.write("apps/cm.yaml", "kind: ConfigMap\n").commit("first");

    SourceSnapshot snap = fetcher().fetch(ssh(MAIN, secret(clientKey, server.knownHostsLine(), null)));

    assertThat(snap.revision().toString()).isEqualTo("main@sha1:" + commit);
    assertThat(Files.readString(snap.root().resolve("apps/cm.yaml"))).isEqualTo("kind: ConfigMap\n");
  }

  @Test
  void fetchesWithAPassphraseProtectedRsaKey() throws Exception {
    Path rsa = GitSshServer.generateKey(tmp.resolve("id_rsa"), "rsa", "correct horse");
    server.close();
    server = GitSshServer.start(tmp.resolve("repo"), GitSshServer.publicKeyOf(rsa));
    String commit = remote.write("a.yaml", "a: 1\n").commit("first");

    SourceSnapshot snap = fetcher().fetch(ssh(MAIN, secret(rsa, server.knownHostsLine(), "correct horse")));

    assertThat(snap.revision().commit()).isEqualTo(commit);
  }

  @Test
  void hashedKnownHostsEntriesAreMatched() throws Exception {
    String commit = remote.write("a.yaml", "a: 1\n").commit("first");
    String hashed = server.hashedKnownHostsLine(tmp.resolve("known_hosts"));

    SourceSnapshot snap = fetcher().fetch(ssh(MAIN, secret(clientKey, hashed, null)));

    assertThat(hashed).startsWith("|1|");
    assertThat(snap.revision().commit()).isEqualTo(commit);
  }

  @Test
  void aRevokedHostKeyIsRefusedEvenWhenAlsoListed() throws Exception {
    remote.write("a.yaml", "a: 1\n").commit("first");
    String line = server.knownHostsLine();
    String knownHosts = line + "\n@revoked " + line + "\n";

    assertThatThrownBy(() -> fetcher().fetch(ssh(MAIN, secret(clientKey, knownHosts, null))))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("is marked @revoked in known_hosts");
  }

  @Test
  void theSshSecretCanBeAJsonSecretInSecretsManager() throws Exception {
    String commit = remote.write("a.yaml", "a: 1\n").commit("first");
    String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:git-ssh-AbCdEf";
    String secretJson =
        Yaml.json().writeValueAsString(
            Map.of("identity", Files.readString(clientKey), "known_hosts", server.knownHostsLine()));
    try (FakeSecretsManager aws = FakeSecretsManager.start()) {
      aws.answer(arn, Yaml.json().writeValueAsString(Map.of("ARN", arn, "SecretString", secretJson)));
      LocalSecretResolver secrets =
          LocalSecretResolver.withAws(
              Map.of(
                  "AWS_ENDPOINT_URL", aws.endpoint().toString(),
                  "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                  "AWS_SECRET_ACCESS_KEY", "example"));
      JGitSourceFetcher fetcher = new JGitSourceFetcher(tmp.resolve("cache"), secrets, Duration.ofSeconds(30));

      SourceSnapshot snap = fetcher.fetch(ssh(MAIN, arn));

      assertThat(snap.revision().commit()).isEqualTo(commit);
    }
  }

  @Test
  void tagsPinnedCommitsAndUnchangedRemotesBehaveAsOverFile() throws Exception {
    String first = remote.write("a.yaml", "a: 1\n").commit("first");
    try (var git = org.eclipse.jgit.api.Git.open(remote.workTree().toFile())) {
      git.tag().setName("v1.0.0").setAnnotated(true).setMessage("release").call();
      git.push().setPushTags().call();
    }
    String second = remote.write("a.yaml", "a: 2\n").commit("second");
    String credentials = secret(clientKey, server.knownHostsLine(), null);
    JGitSourceFetcher fetcher = fetcher();

    SourceSnapshot tag = fetcher.fetch(ssh(new GitRepository.Ref(null, "v1.0.0", null, null, null), credentials));
    SourceSnapshot pinned = fetcher.fetch(ssh(new GitRepository.Ref(null, null, null, null, first), credentials));
    SourceSnapshot branch = fetcher.fetch(ssh(MAIN, credentials));
    SourceSnapshot again = fetcher.fetch(ssh(MAIN, credentials));

    assertThat(tag.revision().toString()).isEqualTo("v1.0.0@sha1:" + first);
    assertThat(pinned.revision().commit()).isEqualTo(first);
    assertThat(Files.readString(pinned.root().resolve("a.yaml"))).isEqualTo("a: 1\n");
    assertThat(branch.revision().commit()).isEqualTo(second);
    assertThat(again.fetched()).isFalse();
  }

  @Test
  void aKeyTheServerDoesNotAuthorizeIsRefused() throws Exception {
    remote.write("a.yaml", "a: 1\n").commit("first");
    Path stranger = GitSshServer.generateKey(tmp.resolve("id_stranger"), "ed25519", "");

    assertThatThrownBy(() -> fetcher().fetch(ssh(MAIN, secret(stranger, server.knownHostsLine(), null))))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("GitRepository/flux-system/demo")
        .hasMessageContaining("127.0.0.1")
        .hasMessageNotContaining("PRIVATE KEY");
  }

  @Test
  void aHostKeyThatDoesNotMatchKnownHostsIsRefused() throws Exception {
    remote.write("a.yaml", "a: 1\n").commit("first");
    String otherHostKey;
    try (GitSshServer impostor = GitSshServer.start(tmp.resolve("repo"), GitSshServer.publicKeyOf(clientKey))) {
      otherHostKey = impostor.knownHostsLine().replaceFirst("^\\S+", "[127.0.0.1]:" + port());
    }

    assertThatThrownBy(() -> fetcher().fetch(ssh(MAIN, secret(clientKey, otherHostKey, null))))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("GitRepository/flux-system/demo")
        .hasMessageContaining("the host key of [127.0.0.1]:" + port() + " does not match known_hosts")
        .hasMessageNotContaining("PRIVATE KEY");
  }

  @Test
  void aHostMissingFromKnownHostsIsRefused() throws Exception {
    remote.write("a.yaml", "a: 1\n").commit("first");
    String elsewhere = server.knownHostsLine().replaceFirst("^\\S+", "git.example.com");

    assertThatThrownBy(() -> fetcher().fetch(ssh(MAIN, secret(clientKey, elsewhere, null))))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("GitRepository/flux-system/demo")
        .hasMessageContaining("[127.0.0.1]:" + port() + " has no entry in known_hosts");
  }

  @Test
  void aWrongPassphraseIsAnErrorThatShowsNeitherKeyNorPassphrase() throws Exception {
    Path rsa = GitSshServer.generateKey(tmp.resolve("id_rsa"), "rsa", "correct horse");

    assertThatThrownBy(() -> fetcher().fetch(ssh(MAIN, secret(rsa, server.knownHostsLine(), "battery staple"))))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("GitRepository/flux-system/demo")
        .hasMessageContaining("identity is not a usable OpenSSH private key")
        .hasMessageNotContaining("battery staple")
        .hasMessageNotContaining("PRIVATE KEY");
  }

  @Test
  void sshSourcesNeedKnownHosts() throws Exception {
    Path file = Files.writeString(tmp.resolve("no-hosts.yaml"), Yaml.write(Map.of("identity", Files.readString(clientKey))));

    assertThatThrownBy(() -> fetcher().fetch(ssh(MAIN, file.toString())))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("credentialRef " + file + ": the secret has no known_hosts");
  }

  @Test
  void theScpFormIsRefusedAsInFlux() {
    GitSource scp = new GitSource("demo", "flux-system/demo", "git@github.com:org/repo.git", MAIN, null, GitSource.Origin.REGISTERED);

    assertThatThrownBy(() -> fetcher().fetch(scp))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("scp-like URL form is not supported");
  }

  private int port() {
    return Integer.parseInt(server.url("x").replaceAll(".*:(\\d+)/x$", "$1"));
  }
}
