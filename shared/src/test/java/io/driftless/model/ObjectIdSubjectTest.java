package io.driftless.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Errors, logs and records name an object one way: {@code Kind/namespace/name}, {@code Kind/name} cluster-scoped. */
class ObjectIdSubjectTest {
  @ParameterizedTest
  @CsvSource({
      "Kustomization, flux-system, apps, Kustomization/flux-system/apps",
      "GitRepository, flux-system, flux-system, GitRepository/flux-system/flux-system",
      "Secret, apps, db, Secret/apps/db",
      "Namespace, '', apps, Namespace/apps",
      "ClusterRole, , admin, ClusterRole/admin"})
  void namesTheObject(String kind, String namespace, String name, String subject) {
    assertThat(ObjectId.subject(kind, namespace, name)).isEqualTo(subject);
    assertThat(new ObjectId("", kind, namespace, name).subject()).isEqualTo(subject);
  }

  @ParameterizedTest
  @CsvSource({"Kustomization, flux-system/apps, Kustomization/flux-system/apps", "HelmRelease, web/web, HelmRelease/web/web"})
  void namesTheObjectFromItsKey(String kind, String key, String subject) {
    assertThat(ObjectId.subject(kind, key)).isEqualTo(subject);
  }
}
