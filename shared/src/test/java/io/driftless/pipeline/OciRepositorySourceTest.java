package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftless.model.Condition;
import io.driftless.model.KustomizationStatus;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.source.HttpFetch;
import io.driftless.source.oci.ArtifactPush;
import io.driftless.source.oci.RegistryClient;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.RealRegistry;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.driftless.testing.CosignSign;
import java.security.KeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "Gitless GitOps": a Kustomization whose sourceRef is an OCIRepository, the artifact pushed to a real
 * registry in Flux's format by {@link ArtifactPush} ({@code driftless push artifact}). Its files are
 * applied with the revision {@code <tag>@sha256:<digest>}; a new artifact under the same tag is found
 * by the OCIRepository's own fetch on its interval and applied at once, what left it pruned. With
 * {@code spec.verify} and a cosign public key, only an artifact signed by that key is used.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class OciRepositorySourceTest {
  static final String KS = "flux-system/app";
  static final String SOURCE = "OCIRepository/flux-system/app";
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  RealRegistry registry;
  RegistryClient client;
  GitRemote root;
  LocalFleet fleet;

  @BeforeEach
  void setUp() throws Exception {
    Optional<RealRegistry> started = RealRegistry.start(tmp.resolve("registry"), null, null);
    assumeTrue(started.isPresent(), "docker-registry is not installed");
    registry = started.get();
    client = new RegistryClient(registry.host(), true, null, null, new HttpFetch(null, Duration.ofSeconds(30)));
    root = GitRemote.create(tmp.resolve("root"), "main");
    fleet = LocalFleet.start(tmp, cluster);
    fleet.kube().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flux-system").endMetadata()
        .build()).serverSideApply();
  }

  /** The OCIRepository app (tag stable; {@code extraSpec}: more spec lines indented by two) and the Kustomization app on it. */
  private void source(String extraSpec) {
    root.write("clusters/demo/app.yaml", """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: OCIRepository
        metadata: {name: app, namespace: flux-system}
        spec:
          interval: 5m
          url: oci://%s/manifests/app
          insecure: true
          ref: {tag: stable}
        %s---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: app, namespace: flux-system}
        spec:
          interval: 1h
          path: ./deploy
          prune: true
          sourceRef: {kind: OCIRepository, name: app}
        """.formatted(registry.host(), extraSpec)).commit("app from an OCI artifact");
    fleet.bootstrap(root, null);
  }

  @AfterEach
  void tearDown() {
    if (fleet != null) {
      fleet.close();
    }
    if (root != null) {
      root.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void anArtifactIsAppliedAndItsNextDigestUnderTheSameTagAppliedAndPruned() throws Exception {
    String first = push(Map.of("oci-a", "one", "oci-b", "one"));
    source("");

    assertThat(fleet.engine().reconcile(ManualReconcile.all()).allReady()).as(readyMessage()).isTrue();
    assertThat(values()).containsEntry("oci-a", "one").containsEntry("oci-b", "one");
    assertThat(status().getLastAppliedRevision()).isEqualTo("stable@" + first);

    String second = push(Map.of("oci-a", "two", "oci-c", "two"));
    fleet.engine().tick(Instant.now().plus(Duration.ofMinutes(6)));
    fleet.engine().drainPending();
    fleet.engine().awaitIdle();

    assertThat(values()).containsEntry("oci-a", "two").containsEntry("oci-c", "two").doesNotContainKey("oci-b");
    assertThat(status().getLastAppliedRevision()).isEqualTo("stable@" + second);
    Condition sourceReady = fleet.store().getHelmObject("demo", SOURCE).map(HelmRecord::status).orElseThrow()
        .condition(Condition.READY).orElseThrow();
    assertThat(sourceReady.message()).isEqualTo("stored artifact: revision 'stable@" + second + "'");
  }

  @Test
  void aSignedArtifactIsAppliedAndAnUnsignedOrWronglySignedOneRefusedWithNothingAppliedOrPruned() throws Exception {
    KeyPair trusted = CosignSign.keyPair();
    fleet.kube().secrets().inNamespace("flux-system").resource(new SecretBuilder().withNewMetadata()
        .withName("cosign-pub").endMetadata().withStringData(Map.of("cosign.pub", CosignSign.pem(trusted.getPublic())))
        .build()).serverSideApply();
    String signed = push(Map.of("oci-a", "one", "oci-b", "one"));
    CosignSign.sign(client, registry.host(), "manifests/app", signed, trusted.getPrivate());
    source("  verify: {provider: cosign, secretRef: {name: cosign-pub}}\n");

    assertThat(fleet.engine().reconcile(ManualReconcile.all()).allReady()).as(readyMessage()).isTrue();
    assertThat(values()).containsEntry("oci-a", "one").containsEntry("oci-b", "one");
    assertThat(sourceCondition("SourceVerified").status()).isEqualTo(Condition.TRUE);

    String wronglySigned = push(Map.of("oci-a", "two"));
    CosignSign.sign(client, registry.host(), "manifests/app", wronglySigned, CosignSign.keyPair().getPrivate());
    fleet.engine().tick(Instant.now().plus(Duration.ofMinutes(6)));
    fleet.engine().drainPending();
    fleet.engine().awaitIdle();

    Condition verified = sourceCondition("SourceVerified");
    assertThat(verified.status()).isEqualTo(Condition.FALSE);
    assertThat(verified.reason()).isEqualTo("VerificationError");
    assertThat(verified.message()).contains(SOURCE + ": failed to verify the signature using provider 'cosign':"
        + " no matching signatures were found for " + wronglySigned);
    assertThat(sourceCondition(Condition.READY).status()).isEqualTo(Condition.FALSE);
    assertThat(fleet.engine().reconcile(ManualReconcile.all()).allReady()).isFalse();
    assertThat(status().condition(Condition.READY).orElseThrow().message()).contains("no matching signatures");
    assertThat(values()).as("nothing applied, nothing pruned").containsEntry("oci-a", "one").containsEntry("oci-b", "one");
    assertThat(status().getLastAppliedRevision()).isEqualTo("stable@" + signed);

    String unsigned = push(Map.of("oci-a", "three"));
    assertThat(fleet.engine().reconcile(ManualReconcile.all()).allReady()).isFalse();
    assertThat(status().condition(Condition.READY).orElseThrow().message())
        .contains("no signature found for " + unsigned);
    assertThat(values()).containsEntry("oci-a", "one").containsEntry("oci-b", "one");
  }

  @Test
  void anArtifactGeneratorComposesAnArtifactFromAnOciRepository() throws Exception {
    String pushed = push(Map.of("oci-gen", "one"));
    root.write("clusters/demo/app.yaml", """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: OCIRepository
        metadata: {name: app, namespace: flux-system}
        spec: {interval: 5m, url: "oci://%s/manifests/app", insecure: true, ref: {tag: stable}}
        ---
        apiVersion: source.extensions.fluxcd.io/v1beta1
        kind: ArtifactGenerator
        metadata: {name: composed, namespace: flux-system}
        spec:
          sources:
            - {alias: oci, kind: OCIRepository, name: app}
          artifacts:
            - name: site
              revision: "@oci"
              copy:
                - {from: "@oci/deploy/**", to: "@artifact/"}
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: site, namespace: flux-system}
        spec:
          interval: 1h
          path: ./
          prune: true
          sourceRef: {kind: ExternalArtifact, name: site}
        """.formatted(registry.host())).commit("a generated artifact from an OCI artifact");
    fleet.bootstrap(root, null);

    assertThat(fleet.engine().reconcile(ManualReconcile.all()).allReady()).as(readyMessage()).isTrue();
    assertThat(values()).containsEntry("oci-gen", "one");
    assertThat(fleet.store().getKustomization("demo", "flux-system/site").map(KustomizationRecord::status).orElseThrow()
        .getLastAppliedRevision()).isEqualTo("stable@" + pushed);
  }

  private Condition sourceCondition(String type) {
    return fleet.store().getHelmObject("demo", SOURCE).map(HelmRecord::status).orElseThrow().condition(type).orElseThrow();
  }

  /** Pushes ConfigMaps in namespace default (name to value) under deploy/ as the tag stable. */
  private String push(Map<String, String> configMaps) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "artifact");
    Files.createDirectories(dir.resolve("deploy"));
    StringBuilder all = new StringBuilder();
    configMaps.forEach((name, value) -> all.append("---\n").append(configMap("default", name, value)));
    Files.writeString(dir.resolve("deploy/config.yaml"), all.toString());
    Files.writeString(dir.resolve("README.md"), "not under deploy/: not applied\n");
    return ArtifactPush.push(client, "manifests/app", "stable", dir, "https://git.example/app.git",
        "main@sha1:0123456789abcdef0123456789abcdef01234567", Instant.now().toString());
  }

  private Map<String, String> values() {
    Map<String, String> out = new java.util.TreeMap<>();
    for (ConfigMap cm : fleet.kube().configMaps().inNamespace("default").list().getItems()) {
      if (cm.getMetadata().getName().startsWith("oci-")) {
        out.put(cm.getMetadata().getName(), cm.getData().get("value"));
      }
    }
    return out;
  }

  private KustomizationStatus status() {
    return fleet.store().getKustomization("demo", KS).map(KustomizationRecord::status).orElseThrow();
  }

  private String readyMessage() {
    return fleet.store().listKustomizations().stream()
        .map(k -> k.key() + ": " + (k.status() == null ? "-" : k.status().condition(Condition.READY)
            .map(Condition::message).orElse("-")))
        .reduce("", (a, b) -> a + "\n" + b);
  }
}
