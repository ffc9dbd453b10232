package io.driftless.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.GitRepository;
import io.driftless.model.LocalSecretResolver;
import io.driftless.testing.GitRemote;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each source has its own cache directory, named so that nobody can derive it from the URL and ref
 * (which {@code GET /api/fleet} shows): a checkout fetched for one source, root or credential is
 * never served to another.
 */
class CacheDirsTest {
  private static final GitRepository.Ref MAIN = new GitRepository.Ref("main", null, null, null, null);
  @TempDir Path tmp;

  private JGitSourceFetcher fetcher(Path cache) {
    return new JGitSourceFetcher(cache, new LocalSecretResolver(Map.of(), null), Duration.ofSeconds(30));
  }

  private static GitSource source(String root, String key, String url, String credentialRef) {
    return new GitSource(root, key, url, MAIN, credentialRef, GitSource.Origin.REGISTERED);
  }

  @Test
  void aCheckoutIsNeverServedToAnotherSourceRootOrCredential() throws Exception {
    try (GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main")) {
      remote.write("a.yaml", "a: 1\n").commit("first");
      JGitSourceFetcher fetcher = fetcher(tmp.resolve("cache"));
      String prodToken = Files.writeString(tmp.resolve("prod-token"), "prod").toString();
      String otherToken = Files.writeString(tmp.resolve("other-token"), "other").toString();
      GitSource owner = source("prod", "flux-system/flux-system", remote.url(), prodToken);
      SourceSnapshot fetched = fetcher.fetch(owner);

      assertThat(fetcher.cached(owner, fetched.revision())).map(SourceSnapshot::root).contains(fetched.root());
      for (GitSource other : new GitSource[] {
          source("prod", "flux-system/flux-system", remote.url(), null),
          source("prod", "flux-system/flux-system", remote.url(), otherToken),
          source("prod", "flux-system/copy", remote.url(), prodToken),
          source("staging", "flux-system/flux-system", remote.url(), prodToken)}) {
        assertThat(fetcher.cached(other, fetched.revision())).as(other.toString()).isEmpty();
        assertThat(fetcher.fetch(other).root()).as(other.toString()).isNotEqualTo(fetched.root());
      }
    }
  }

  @Test
  void theDirectoryNameIsKeyedPerInstallationAndKeptAcrossRuns() throws Exception {
    try (GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main")) {
      remote.write("a.yaml", "a: 1\n").commit("first");
      GitSource root = source("demo", "flux-system/flux-system", remote.url(), null);

      Path here = fetcher(tmp.resolve("cache")).fetch(root).root();
      SourceSnapshot nextRun = fetcher(tmp.resolve("cache")).fetch(root);
      Path elsewhere = fetcher(tmp.resolve("other-cache")).fetch(root).root();

      assertThat(nextRun.root()).as("a later process over the same cache reuses it").isEqualTo(here);
      assertThat(nextRun.fetched()).isFalse();
      assertThat(elsewhere.getFileName()).as("another installation's key names it differently")
          .isNotEqualTo(here.getFileName());
      String fromUrl = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest((remote.url() + "\n" + MAIN).getBytes(StandardCharsets.UTF_8)));
      assertThat(fromUrl).doesNotContain(here.getFileName().toString());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("cache/.key"))))
          .isEqualTo("rw-------");
    }
  }
}
