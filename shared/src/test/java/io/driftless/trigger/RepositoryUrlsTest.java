package io.driftless.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The URL forms a Git host lists for one repository all select the same registered source. */
class RepositoryUrlsTest {

  @Test
  void httpsSshScpAndDotGitFormsOfOneRepositoryMatch() {
    String registered = "https://github.com/acme/fleet";
    assertThat(RepositoryUrls.sameRepository(registered, "https://github.com/acme/fleet.git")).isTrue();
    assertThat(RepositoryUrls.sameRepository(registered, "http://GitHub.com/acme/fleet/")).isTrue();
    assertThat(RepositoryUrls.sameRepository(registered, "ssh://git@github.com/acme/fleet.git")).isTrue();
    assertThat(RepositoryUrls.sameRepository(registered, "ssh://git@github.com:22/acme/fleet.git")).isTrue();
    assertThat(RepositoryUrls.sameRepository(registered, "git@github.com:acme/fleet.git")).isTrue();
    assertThat(RepositoryUrls.sameRepository(registered, "git://github.com/acme/fleet.git")).isTrue();
    assertThat(RepositoryUrls.sameRepository(registered, "https://token@github.com/acme/fleet.git")).isTrue();
  }

  @Test
  void otherRepositoriesHostsAndBlanksDoNotMatch() {
    String registered = "https://github.com/acme/fleet.git";
    assertThat(RepositoryUrls.sameRepository(registered, "https://github.com/acme/fleet-apps.git")).isFalse();
    assertThat(RepositoryUrls.sameRepository(registered, "https://gitlab.com/acme/fleet.git")).isFalse();
    assertThat(RepositoryUrls.sameRepository(registered, "https://github.com/other/fleet")).isFalse();
    assertThat(RepositoryUrls.sameRepository(registered, "")).isFalse();
    assertThat(RepositoryUrls.sameRepository(null, null)).isFalse();
  }

  @Test
  void localRepositoriesMatchAsFileUrlOrPath() {
    assertThat(RepositoryUrls.normalize("file:///tmp/demo/fleet.git")).isEqualTo("file:/tmp/demo/fleet");
    assertThat(RepositoryUrls.sameRepository("file:///tmp/demo/fleet.git", "/tmp/demo/fleet/")).isTrue();
    assertThat(RepositoryUrls.normalize("git@gitea.local:acme/fleet.git")).isEqualTo("gitea.local/acme/fleet");
  }
}
