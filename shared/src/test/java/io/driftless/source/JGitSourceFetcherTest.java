package io.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.GitRepository;
import io.driftless.model.LocalSecretResolver;
import io.driftless.testing.GitRemote;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JGitSourceFetcherTest {
  @TempDir Path tmp;

  private JGitSourceFetcher fetcher() {
    return new JGitSourceFetcher(
        tmp.resolve("cache"), new LocalSecretResolver(Map.of(), null), Duration.ofSeconds(30));
  }

  private static GitSource main(GitRemote remote) {
    return new GitSource(
        "demo", "flux-system/demo", remote.url(), new GitRepository.Ref("main", null, null, null, null), null, GitSource.Origin.REGISTERED);
  }

  @Test
  void fetchesTheBranchAndNamesTheRevisionTheFluxWay() throws Exception {
    try (GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main")) {
      String commit = remote.write("apps/cm.yaml", "kind: ConfigMap\n").commit("first");

      SourceSnapshot snap = fetcher().fetch(main(remote));

      assertThat(snap.revision().toString()).isEqualTo("main@sha1:" + commit);
      assertThat(snap.fetched()).isTrue();
      assertThat(Files.readString(snap.root().resolve("apps/cm.yaml"))).isEqualTo("kind: ConfigMap\n");
    }
  }

  @Test
  void aSourcesOwnTimeoutBoundsTheFetchInsteadOfTheFetchersOwn() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      JGitSourceFetcher patient = new JGitSourceFetcher(
          tmp.resolve("cache"), new LocalSecretResolver(Map.of(), null), Duration.ofHours(1));
      GitSource source = new GitSource("demo", "flux-system/silent", "http://127.0.0.1:" + silent.getLocalPort() + "/repo.git",
          new GitRepository.Ref("main", null, null, null, null), null, GitSource.Origin.REGISTERED, Duration.ofSeconds(1));

      assertThatThrownBy(() -> patient.fetch(source))
          .hasMessageContaining("flux-system/silent")
          .hasMessageContaining("time out");
    }
  }

  @Test
  void doesNotFetchWhenTheRemoteHasNotMoved() {
    try (GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main")) {
      remote.write("a.yaml", "a: 1\n").commit("first");
      JGitSourceFetcher fetcher = fetcher();
      fetcher.fetch(main(remote));

      SourceSnapshot again = fetcher.fetch(main(remote));

      assertThat(again.fetched()).isFalse();
    }
  }

  @Test
  void fetchesIncrementallyWhenTheRemoteMoved() throws Exception {
    try (GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main")) {
      remote.write("a.yaml", "a: 1\n").write("b.yaml", "b: 1\n").commit("first");
      JGitSourceFetcher fetcher = fetcher();
      fetcher.fetch(main(remote));
      String second = remote.write("a.yaml", "a: 2\n").delete("b.yaml").commit("second");

      SourceSnapshot snap = fetcher.fetch(main(remote));

      assertThat(snap.fetched()).isTrue();
      assertThat(snap.revision().commit()).isEqualTo(second);
      assertThat(Files.readString(snap.root().resolve("a.yaml"))).isEqualTo("a: 2\n");
      assertThat(snap.root().resolve("b.yaml")).doesNotExist();
    }
  }

  @Test
  void aMissingBranchIsAnErrorNamingTheSource() {
    try (GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main")) {
      remote.write("a.yaml", "a: 1\n").commit("first");
      GitSource other =
          new GitSource("demo", "flux-system/demo", remote.url(), new GitRepository.Ref("dev", null, null, null, null), null, GitSource.Origin.REGISTERED);

      assertThatThrownBy(() -> fetcher().fetch(other))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("flux-system/demo")
          .hasMessageContaining("refs/heads/dev not found");
    }
  }

  @Test
  void tagsResolveToTheirCommit() throws Exception {
    try (GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main")) {
      String commit = remote.write("a.yaml", "a: 1\n").commit("first");
      try (var git = org.eclipse.jgit.api.Git.open(remote.workTree().toFile())) {
        git.tag().setName("v1.0.0").setAnnotated(true).setMessage("release").call();
        git.push().setPushTags().call();
      }
      GitSource tagged =
          new GitSource("demo", "flux-system/demo", remote.url(), new GitRepository.Ref(null, "v1.0.0", null, null, null), null, GitSource.Origin.REGISTERED);

      SourceSnapshot snap = fetcher().fetch(tagged);

      assertThat(snap.revision().toString()).isEqualTo("v1.0.0@sha1:" + commit);
    }
  }

  @Test
  void fetchesOverHttpWithAToken() throws Exception {
    try (GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main");
        io.driftless.testing.GitHttpServer server =
            io.driftless.testing.GitHttpServer.start(tmp.resolve("repo"), "s3cr3t-token")) {
      String commit = remote.write("a.yaml", "a: 1\n").commit("first");
      Path tokenFile = Files.writeString(tmp.resolve("token"), "s3cr3t-token\n");
      GitSource https =
          new GitSource("demo", "flux-system/demo", server.url("remote.git"),
              new GitRepository.Ref("main", null, null, null, null), tokenFile.toString(), GitSource.Origin.REGISTERED);

      SourceSnapshot snap = fetcher().fetch(https);

      assertThat(snap.revision().commit()).isEqualTo(commit);
      assertThat(Files.readString(snap.root().resolve("a.yaml"))).isEqualTo("a: 1\n");
    }
  }

  @Test
  void aWrongTokenFailsWithoutShowingTheToken() throws Exception {
    try (GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main");
        io.driftless.testing.GitHttpServer server =
            io.driftless.testing.GitHttpServer.start(tmp.resolve("repo"), "right-token")) {
      remote.write("a.yaml", "a: 1\n").commit("first");
      Path tokenFile = Files.writeString(tmp.resolve("token"), "wrong-token-value");
      GitSource https =
          new GitSource("demo", "flux-system/demo", server.url("remote.git"),
              new GitRepository.Ref("main", null, null, null, null), tokenFile.toString(), GitSource.Origin.REGISTERED);

      assertThatThrownBy(() -> fetcher().fetch(https))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("flux-system/demo")
          .hasMessageNotContaining("wrong-token-value");
    }
  }
}
