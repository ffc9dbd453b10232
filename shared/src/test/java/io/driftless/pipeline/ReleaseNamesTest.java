package io.driftless.pipeline;

import io.driftless.testing.TestHelmReleases;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.helm.HelmRelease;
import org.junit.jupiter.api.Test;

/** helm-controller's release identity: name, 53-character rule, target and storage namespaces. */
class ReleaseNamesTest {

  private static HelmRelease hr(String extraSpec) {
    return TestHelmReleases.parse("nice-object-name", extraSpec);
  }

  @Test
  void theNameIsTheObjectsPrefixedByTheTargetNamespace() {
    assertThat(ReleaseNames.releaseName(hr(""))).isEqualTo("nice-object-name");
    assertThat(ReleaseNames.releaseName(hr("  targetNamespace: web\n"))).isEqualTo("web-nice-object-name");
    assertThat(ReleaseNames.releaseName(hr("  releaseName: mine\n  targetNamespace: web\n"))).isEqualTo("mine");
  }

  /** helm-controller's ShortenName: the first 40 characters, a hyphen, 12 hex of the full name's SHA-256. */
  @Test
  void aNamePast53CharactersIsShortenedAsHelmControllerDoes() {
    assertThat(ReleaseNames.releaseName(hr("  targetNamespace: a-very-lengthy-target-namespace-with-a\n")))
        .isEqualTo("a-very-lengthy-target-namespace-with-a-n-97af5d7f41f3")
        .hasSize(ReleaseNames.MAX_LENGTH);
  }

  @Test
  void objectsGoToTheTargetNamespaceAndReleasesStayInTheObjectsNamespace() {
    HelmRelease targeted = hr("  targetNamespace: web\n");
    assertThat(ReleaseNames.targetNamespace(targeted)).isEqualTo("web");
    assertThat(ReleaseNames.storageNamespace(targeted)).isEqualTo("apps");
    assertThat(ReleaseNames.storageNamespace(hr("  storageNamespace: helm\n"))).isEqualTo("helm");
    assertThat(ReleaseNames.targetNamespace(hr(""))).isEqualTo("apps");
  }
}
