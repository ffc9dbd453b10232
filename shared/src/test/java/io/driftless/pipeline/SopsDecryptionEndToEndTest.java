package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.render.decrypt.TestVectors;
import io.driftless.render.decrypt.sops.SopsTestEncryptor;
import io.driftless.model.Condition;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.Yaml;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.StateStore;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.LogLines;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A Flux user's SOPS setup moves over unchanged: the Kustomization names {@code sops-age} in
 * {@code spec.decryption}, the Secret holding the age key lives in the cluster, and the encrypted
 * Secret in Git reaches the cluster decrypted. A wrong key applies nothing, and the plaintext never
 * lands in the table, the logs or the temp directories.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class SopsDecryptionEndToEndTest {
  @Parameter TestCluster cluster;
  private static final String PLAINTEXT = "drift-less-plaintext-7f3a9c";
  private static final String RECIPIENT = "age1mhtqtnq547ckh46xad9v920gprd9289t5pyv9zsjekv92eww8esqn85mjg";
  @TempDir Path tmp;
  private GitRemote remote;
  private LocalFleet fleet;
  private StateStore store;
  private Engine engine;
  private KubernetesClient kube;
  private LogLines logs;

  @BeforeEach
  void setUp() throws Exception {
    logs = LogLines.capture();
    remote = GitRemote.create(tmp.resolve("repo"), "main")
        .write("clusters/demo/secrets.yaml", """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: secrets
              namespace: flux-system
            spec:
              interval: 10m
              path: ./secrets
              prune: true
              sourceRef:
                kind: GitRepository
                name: flux-system
              decryption:
                provider: sops
                secretRef:
                  name: sops-age
            """)
        .write("secrets/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n")
        .write("secrets/db.yaml", encryptedSecret());
    fleet = LocalFleet.start(tmp, cluster).bootstrap(remote, null);
    kube = fleet.kube();
    store = fleet.store();
    engine = fleet.engine();
  }

  @AfterEach
  void tearDown() {
    logs.close();
    fleet.close();
    remote.close();
  }

  private static String encryptedSecret() {
    Map<String, Object> secret = new LinkedHashMap<>();
    secret.put("apiVersion", "v1");
    secret.put("kind", "Secret");
    secret.put("metadata", Map.of("name", "db", "namespace", "team"));
    secret.put("stringData", Map.of("password", PLAINTEXT));
    return Yaml.write(new SopsTestEncryptor(RECIPIENT).option("encrypted_regex", "^(data|stringData)$").encrypt(secret));
  }

  private void sopsAgeSecret(String keyFile) throws IOException {
    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flux-system").endMetadata().build()).create();
    byte[] key = Files.readAllBytes(TestVectors.age().resolve("generated/" + keyFile));
    kube.secrets().inNamespace("flux-system").resource(new SecretBuilder()
        .withNewMetadata().withName("sops-age").endMetadata()
        .addToData("age.agekey", Base64.getEncoder().encodeToString(key)).build()).create();
  }

  private KustomizationStatus secrets() {
    return store.getKustomization("demo", "flux-system/secrets").map(KustomizationRecord::status).orElseThrow();
  }

  @Test
  void anEncryptedSecretReachesTheClusterDecrypted() throws Exception {
    sopsAgeSecret("key1.txt");
    remote.commit("encrypted secret");

    engine.reconcile(ManualReconcile.all());

    assertThat(secrets().isReady()).isTrue();
    var live = kube.secrets().inNamespace("team").withName("db").get();
    assertThat(live).isNotNull();
    assertThat(valueOf(live, "password")).isEqualTo(PLAINTEXT);
    assertThat(live.getAdditionalProperties()).doesNotContainKey("sops");
    assertNoPlaintextOutsideTheCluster();
  }

  @Test
  void aWrongKeyAppliesNothingAndSaysWhichRecipientsItTried() throws Exception {
    sopsAgeSecret("key2.txt");
    remote.commit("encrypted secret");

    engine.reconcile(ManualReconcile.all());

    Condition ready = secrets().condition(Condition.READY).orElseThrow();
    assertThat(ready.reason()).isEqualTo("BuildFailed");
    assertThat(ready.message()).contains("secrets/db.yaml").contains(RECIPIENT);
    assertThat(kube.namespaces().withName("team").get()).isNull();
    assertThat(kube.secrets().inNamespace("team").withName("db").get()).isNull();
    assertNoPlaintextOutsideTheCluster();
  }

  private static String valueOf(io.fabric8.kubernetes.api.model.Secret s, String key) {
    if (s.getData() != null && s.getData().containsKey(key)) {
      return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
    }
    return s.getStringData().get(key);
  }

  private void assertNoPlaintextOutsideTheCluster() throws IOException {
    StringBuilder table = new StringBuilder();
    for (KustomizationRecord k : store.listKustomizations()) {
      table.append(k.manifest()).append(Yaml.json().writeValueAsString(k.status()));
    }
    store.listSources().forEach(s -> table.append(s));
    store.listRoots().forEach(r -> table.append(r));
    assertThat(table.toString()).doesNotContain(PLAINTEXT);
    assertThat(logs.text()).doesNotContain(PLAINTEXT);
    try (Stream<Path> files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(PLAINTEXT);
      }
    }
  }


  @Test
  void anEncryptedEnvFileFeedsASecretGenerator() throws Exception {
    Path vectors = TestVectors.sops().resolve("fluxcd__kustomize-controller/internal/controller/testdata/sops");
    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flux-system").endMetadata().build()).create();
    kube.secrets().inNamespace("flux-system").resource(new SecretBuilder()
        .withNewMetadata().withName("sops-age").endMetadata()
        .addToData("identity.agekey", Base64.getEncoder().encodeToString(Files.readAllBytes(vectors.resolve("keys/age.txt"))))
        .build()).create();
    remote.delete("secrets/db.yaml")
        .write("secrets/app.env", Files.readString(vectors.resolve("envs/env.env")))
        .write("secrets/kustomization.yaml", """
            resources:
              - namespace.yaml
            secretGenerator:
              - name: app
                namespace: team
                envs:
                  - app.env
            """)
        .commit("generator from an encrypted env file");

    engine.reconcile(ManualReconcile.all());

    assertThat(secrets().isReady()).as(String.valueOf(secrets().condition(Condition.READY))).isTrue();
    var generated = kube.secrets().inNamespace("team").list().getItems().stream()
        .filter(s -> s.getMetadata().getName().startsWith("app-")).findFirst().orElseThrow();
    assertThat(valueOf(generated, "key")).isEqualTo("value");
    assertThat(generated.getData()).doesNotContainKey("sops_mac");
  }
}
