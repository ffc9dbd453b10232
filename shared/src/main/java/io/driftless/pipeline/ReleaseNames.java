package io.driftless.pipeline;

import io.driftless.model.helm.HelmRelease;
import io.driftless.source.Digests;
import java.nio.charset.StandardCharsets;

/**
 * helm-controller's release identity (helm.md §1.3): the release name ({@code spec.releaseName}, else
 * {@code [<targetNamespace>-]<name>}, shortened past 53 characters to its first 40 + {@code -} + 12
 * hex of its SHA-256), the namespace the objects go to and the namespace the release Secrets live in.
 */
final class ReleaseNames {
  static final int MAX_LENGTH = 53;

  private ReleaseNames() {}

  static String releaseName(HelmRelease hr) {
    String name = blank(hr.spec().releaseName())
        ? (blank(hr.spec().targetNamespace()) ? "" : hr.spec().targetNamespace() + "-") + hr.name()
        : hr.spec().releaseName();
    return shorten(name);
  }

  static String shorten(String name) {
    if (name.length() <= MAX_LENGTH) {
      return name;
    }
    String hex = Digests.sha256(name.getBytes(StandardCharsets.UTF_8)).substring("sha256:".length());
    return name.substring(0, 40) + "-" + hex.substring(0, 12);
  }

  static String targetNamespace(HelmRelease hr) {
    return blank(hr.spec().targetNamespace()) ? hr.namespace() : hr.spec().targetNamespace();
  }

  static String storageNamespace(HelmRelease hr) {
    return blank(hr.spec().storageNamespace()) ? hr.namespace() : hr.spec().storageNamespace();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
