package io.driftless.notify;

import static io.driftless.event.Event.Severity.INFO;
import static io.driftless.event.Event.Severity.TRACE;
import static io.driftless.notify.TestEvents.CLUSTER;
import static io.driftless.notify.TestEvents.SHA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code driftless bootstrap --commit-status github}: statuses for every Kustomization and HelmRelease, token by reference. */
class RegisteredCommitStatusTest {
  private static final String TOKEN = "ghp_registeredByReference";

  @Test
  void aRegisteredProviderPostsForEveryNamespaceWithTheReferencedToken() throws Exception {
    try (StateStore store = TestStores.inMemory(); FakeForge github = new FakeForge("Authorization", "Bearer " + TOKEN)) {
      RootRecord root = new RootRecord("fleet", github.url("/org/fleet.git"), "main", "clusters/dev", CLUSTER, null, null);
      RegisteredCommitStatus.register(store, root, "github", "/run/secrets/github-token");
      ProviderSecrets secrets = new ProviderSecrets() {
        @Override
        public Map<String, byte[]> read(String cluster, String namespace, String name) {
          throw new IllegalArgumentException("no Secret is read for a registered Provider");
        }

        @Override
        public byte[] reference(String ref) {
          assertThat(ref).isEqualTo("/run/secrets/github-token");
          return (TOKEN + "\n").getBytes(StandardCharsets.UTF_8);
        }
      };
      AlertRouter router = new AlertRouter(store, secrets, new TestEvents.MovableClock(), AlertRouter.Options.defaults().withAddresses(AddressPolicy.of(true)));

      router.emit(TestEvents.kustomization("flux-system", "apps", TRACE, "Progressing", "Reconciliation in progress"));
      router.emit(TestEvents.helmRelease("podinfo", "podinfo", INFO, "InstallSucceeded", "Helm install succeeded"));

      assertThat(github.posted()).extracting(FakeForge.Status::sha, FakeForge.Status::state)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(SHA, "pending"), org.assertj.core.groups.Tuple.tuple(SHA, "success"));
      assertThat(github.posted().get(1).context()).startsWith("helmrelease/podinfo/");
    }
  }

  @Test
  void gitMayNotAskForATokenReferenceOrEveryNamespace() {
    KubeObject provider = new KubeObject(Yaml.readDocuments("p.yaml", """
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Provider
        metadata: {name: p, namespace: flux-system, annotations: {driftless.io/token-ref: /etc/shadow}}
        spec: {type: generic, address: "https://attacker.example"}
        """).get(0), "p.yaml");
    KubeObject alert = new KubeObject(Yaml.readDocuments("a.yaml", """
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Alert
        metadata: {name: a, namespace: flux-system}
        spec: {providerRef: {name: p}, eventSources: [{kind: Kustomization, name: "*", namespace: "*"}]}
        """).get(0), "a.yaml");

    assertThatThrownBy(() -> NotificationObjects.parse(provider))
        .hasMessage("p.yaml: Provider/flux-system/p: metadata.annotations.driftless.io/token-ref is only for Providers "
            + "registered with driftless bootstrap");
    assertThatThrownBy(() -> NotificationObjects.parse(alert))
        .hasMessageStartingWith("a.yaml: Alert/flux-system/a: spec.eventSources[0].namespace '*' is not a namespace");
  }
}
