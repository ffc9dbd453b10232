package io.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.GitRepository;
import io.driftless.model.LocalSecretResolver;
import io.driftless.model.Revision;
import io.driftless.testing.GitRemote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A GitRepository found in Git names only remote URLs, as in Flux: every way JGit reads the
 * function's own disk is refused before anything on disk is touched; the operator's root still fetches
 * over {@code file://}.
 */
class RemoteUrlsTest {
  private static final String CANARY = "canary-7f3e1b-local-repository";
  private static final GitRepository.Ref MAIN = new GitRepository.Ref("main", null, null, null, null);
  @TempDir Path tmp;

  private JGitSourceFetcher fetcher() {
    return new JGitSourceFetcher(tmp.resolve("cache"), new LocalSecretResolver(Map.of(), null), Duration.ofSeconds(30));
  }

  private static GitSource found(String url) {
    return new GitSource("tenant", "flux-system/loot", url, MAIN, null, GitSource.Origin.FOUND_IN_GIT);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "file://{repo}", "file:{repo}", "{repo}", "{repo}/", "../repo/remote.git", "./remote.git", "remote.git",
      "git+file://{repo}", "file+git://{repo}", "{bundle}", "file://{bundle}", "FILE://{repo}", "HTTPS://host/r.git",
      "https:///{repo}", "https://{repo}", "http:{repo}", "ssh:{repo}", "ssh:///{repo}", " https://host/r.git",
      "https://host/r.git\nfile://{repo}", "git@host:org/repo.git", "localhost:{repo}", "git://host/repo.git",
      "sftp://host/{repo}", "amazon-s3://.jgit@bucket/repo.git", "ext::sh -c cat% {repo}", "fd::3", ""})
  void aLocalOrUnsupportedUrlFoundInGitIsRefusedWithoutTouchingDisk(String template) throws Exception {
    try (GitRemote local = GitRemote.create(tmp.resolve("repo"), "main")) {
      local.write("secret.yaml", CANARY + "\n").commit("a repository on the function's disk");
      Path bundle = tmp.resolve("repo.bundle");
      Files.writeString(bundle, "# v2 git bundle\n");
      String repo = tmp.resolve("repo/remote.git").toString();
      String url = template.replace("{repo}", repo).replace("{bundle}", bundle.toString());

      JGitSourceFetcher fetcher = fetcher();

      for (ThrowingCallable use : List.<ThrowingCallable>of(
          () -> fetcher.fetch(found(url)),
          () -> fetcher.cached(found(url), new Revision("main", "0".repeat(40))),
          () -> fetcher.changedPaths(found(url), "0".repeat(40), "1".repeat(40)))) {
        assertThatThrownBy(use)
            .isInstanceOf(SourceException.class)
            .hasMessage("GitRepository/flux-system/loot: spec.url must be an https://, http:// or ssh:// URL with"
                + " a host; local URLs (file://, paths, bundles) are only for roots registered with driftless"
                + " bootstrap")
            .hasNoCause();
      }
      assertThat(tmp.resolve("cache")).as("nothing written to the cache").doesNotExist();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://github.com/org/repo.git", "http://git.example:8080/repo", "ssh://git@github.com/org/repo.git",
      "https://user@git.example/repo.git", "ssh://git@[2001:db8::1]:2222/repo.git"})
  void remoteUrlsAreAllowed(String url) {
    assertThat(RemoteUrls.isRemote(url)).isTrue();
  }

  @Test
  void theRootTheOperatorRegisteredStillFetchesOverFile() {
    try (GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main")) {
      String commit = remote.write("a.yaml", "a: 1\n").commit("first");
      GitSource root = new GitSource("demo", "flux-system/flux-system", remote.url(), MAIN, null,
          GitSource.Origin.REGISTERED);

      assertThat(fetcher().fetch(root).revision().commit()).isEqualTo(commit);
    }
  }

  @Test
  void submodulesAreNeverFetchedSoTheirLocalUrlsReadNothing() throws Exception {
    try (GitRemote local = GitRemote.create(tmp.resolve("local"), "main");
        GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main")) {
      local.write("secret.yaml", CANARY + "\n").commit("a repository on the function's disk");
      remote.write("a.yaml", "a: 1\n");
      try (Git work = Git.open(remote.workTree().toFile())) {
        work.submoduleAdd().setURI(local.url()).setPath("by-url").call().close();
        work.submoduleAdd().setURI("../../local/remote.git").setPath("relative").call().close();
      }
      remote.commit("submodules pointing at the function's disk");
      GitSource root = new GitSource("demo", "flux-system/flux-system", remote.url(), MAIN, null,
          GitSource.Origin.REGISTERED);

      Path checkout = fetcher().fetch(root).root();

      try (Stream<Path> files = Files.walk(checkout)) {
        assertThat(files.filter(Files::isRegularFile).filter(f -> !f.startsWith(checkout.resolve(".git"))))
            .map(checkout::relativize).map(Path::toString)
            .containsExactlyInAnyOrder("a.yaml", ".gitmodules");
      }
    }
  }
}
