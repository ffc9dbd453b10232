package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.event.Event;
import io.driftless.model.Condition;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.LogLines;
import io.driftless.testing.TestCluster;
import io.driftless.testing.TestStores;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 19 hole 3, as the attacker would do it: whoever can write a Secret writes a kubeconfig whose
 * fields point at files on Driftless's disk (the operator's token, certificate and key; here canary
 * files), turn TLS verification off, route through a proxy or run a command, and names it from a
 * Kustomization's or HelmRelease's {@code spec.kubeConfig.secretRef}, the server being the registered
 * cluster itself. Each is refused in one line naming the object, the Secret and its key, and the field;
 * nothing is applied; the canary is in no cluster object, status, event, log line or table item. A
 * kubeconfig that is not YAML, its bad line holding a token, is reported by line and column only.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class KubeconfigSecretAttackTest {
  private static final String CANARY = "canary-" + UUID.randomUUID();
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private Path operator;
  private String operatorToken = CANARY;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private LogLines logs;

  @BeforeEach
  void setUp() throws Exception {
    logs = LogLines.capture();
    operator = Files.createDirectories(tmp.resolve("operator"));
    for (String file : List.of("token", "client.crt", "client.key", "ca.crt")) {
      Files.writeString(operator.resolve(file), CANARY + "\n");
    }
  }

  @AfterEach
  void tearDown() {
    logs.close();
  }

  /**
   * On the real API server, the token file holds the operator's own token (system:masters), as a
   * service account's token file would on a pod: read, it would apply as the operator.
   */
  private KubernetesClient operatorsTokenOnDisk(KubernetesClient kube) throws Exception {
    if (cluster == TestCluster.REAL) {
      operatorToken = kube.getConfiguration().getAutoOAuthToken();
      assertThat(operatorToken).as("the operator's token").isNotBlank();
      Files.writeString(operator.resolve("token"), operatorToken + "\n");
    }
    return kube;
  }

  /** The attacker's kubeconfigs, by Secret key: each one field beyond inline data, the server the registered cluster. */
  private Map<String, String> attacks(String server) {
    Map<String, String> kubeconfigs = new LinkedHashMap<>();
    kubeconfigs.put("token-file", kubeconfig(server, "", "tokenFile: " + operator.resolve("token")));
    kubeconfigs.put("client-certificate", kubeconfig(server, "",
        "client-certificate: " + operator.resolve("client.crt") + "\nclient-key-data: " + base64(CANARY)));
    kubeconfigs.put("client-key", kubeconfig(server, "",
        "client-certificate-data: " + base64(CANARY) + "\nclient-key: " + operator.resolve("client.key")));
    kubeconfigs.put("certificate-authority", kubeconfig(server, "certificate-authority: " + operator.resolve("ca.crt"), ""));
    kubeconfigs.put("insecure-skip-tls-verify", kubeconfig(server, "insecure-skip-tls-verify: true", ""));
    kubeconfigs.put("proxy-url", kubeconfig(server, "proxy-url: http://127.0.0.1:9", ""));
    kubeconfigs.put("exec", kubeconfig(server, "",
        "exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: cat, args: [" + operator.resolve("token") + "]}"));
    kubeconfigs.put("auth-provider", kubeconfig(server, "", "auth-provider: {name: gcp, config: {cmd-path: cat}}"));
    return kubeconfigs;
  }

  private static String kubeconfig(String server, String clusterField, String userField) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: target
          cluster:
            server: %s
            %s
        users:
        - name: tenant
          user:
            %s
        contexts:
        - name: target
          context: {cluster: target, user: tenant}
        current-context: target
        """.formatted(server, clusterField, userField.replace("\n", "\n    "));
  }

  /** A kubeconfig that is not YAML: its bad line holds a token. */
  private static String malformed(String server) {
    return kubeconfig(server, "", "token: " + CANARY + ": [");
  }

  @Test
  void aKustomizationNamingAnAttackersKubeconfigIsRefusedAndAppliesNothing() throws Exception {
    GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main");
    try (LocalFleet fleet = LocalFleet.start(tmp, cluster).bootstrap(remote, null)) {
      fleet.engine().addEventSink(events::add);
      KubernetesClient kube = operatorsTokenOnDisk(fleet.kube());
      kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flux-system").endMetadata().build())
          .create();
      Map<String, String> kubeconfigs = attacks(kube.getMasterUrl().toString());
      kubeconfigs.put("malformed", malformed(kube.getMasterUrl().toString()));
      writeSecret(kube, "flux-system", kubeconfigs);
      kubeconfigs.keySet().forEach(key -> remote
          .write("clusters/demo/" + key + ".yaml", kustomization("steal-" + key, "steal/" + key,
              "  kubeConfig:\n    secretRef: {name: remote, key: " + key + "}\n"))
          .write("steal/" + key + "/cm.yaml", configMap("default", "stolen-" + key, "applied")));
      remote.commit("remote clusters");

      fleet.engine().reconcile(ManualReconcile.all());

      for (String key : kubeconfigs.keySet()) {
        KustomizationRecord rec = fleet.store().getKustomization("demo", "flux-system/steal-" + key).orElseThrow();
        Condition ready = rec.status().condition(Condition.READY).orElseThrow();
        String prefix = "Kustomization/flux-system/steal-" + key
            + ": spec.kubeConfig.secretRef: Secret/flux-system/remote key " + key + ": ";
        assertThat(ready.status()).as(key).isEqualTo(Condition.FALSE);
        assertThat(ready.message()).as(key).startsWith(prefix).doesNotContain("\n");
        assertThat(ready.message().substring(prefix.length())).as(key).startsWith(expectedRefusal(key));
        assertThat(kube.configMaps().inNamespace("default").withName("stolen-" + key).get()).as(key).isNull();
      }
      assertCanaryNowhere(fleet);
    } finally {
      remote.close();
    }
  }

  @Test
  void aHelmReleaseNamingAnAttackersKubeconfigIsRefusedAndInstallsNothing() throws Exception {
    try (HelmReleaseFixture fixture = new HelmReleaseFixture(tmp, cluster)) {
      fixture.fleet().engine().addEventSink(events::add);
      KubernetesClient kube = operatorsTokenOnDisk(fixture.kube());
      kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("web").endMetadata().build()).create();
      Map<String, String> kubeconfigs = attacks(kube.getMasterUrl().toString());
      kubeconfigs.put("malformed", malformed(kube.getMasterUrl().toString()));
      writeSecret(kube, "web", kubeconfigs);

      for (String key : List.of("token-file", "client-key", "insecure-skip-tls-verify", "malformed")) {
        HelmReleaseStatus status = fixture.reconcile("  kubeConfig: {secretRef: {name: remote, key: " + key + "}}\n");

        Condition ready = status.condition(Condition.READY).orElseThrow();
        String prefix = "HelmRelease/web/web: spec.kubeConfig.secretRef: Secret/web/remote key " + key + ": ";
        assertThat(ready.status()).as(key).isEqualTo(Condition.FALSE);
        assertThat(ready.message()).as(key).startsWith(prefix).doesNotContain("\n");
        assertThat(ready.message().substring(prefix.length())).as(key).startsWith(expectedRefusal(key));
        assertThat(kube.apps().deployments().inNamespace("web").withName("web-web").get()).as(key).isNull();
        assertThat(HelmReleaseFixture.history(kube)).as(key).isEmpty();
      }
      assertCanaryNowhere(fixture.fleet());
    }
  }

  private static String expectedRefusal(String key) {
    return switch (key) {
      case "token-file" -> "users[0].user.tokenFile names a file on Driftless's disk";
      case "client-certificate" -> "users[0].user.client-certificate names a file on Driftless's disk";
      case "client-key" -> "users[0].user.client-key names a file on Driftless's disk";
      case "certificate-authority" -> "clusters[0].cluster.certificate-authority names a file on Driftless's disk";
      case "insecure-skip-tls-verify" -> "clusters[0].cluster.insecure-skip-tls-verify turns TLS verification off";
      case "proxy-url" -> "clusters[0].cluster.proxy-url routes the connection through a proxy";
      case "exec" -> "users[0].user.exec runs a command";
      case "auth-provider" -> "users[0].user.auth-provider runs a credential plugin";
      case "malformed" -> "not valid YAML at line 11, column ";
      default -> throw new IllegalArgumentException(key);
    };
  }

  private static void writeSecret(KubernetesClient kube, String namespace, Map<String, String> kubeconfigs) {
    Map<String, String> data = new LinkedHashMap<>();
    kubeconfigs.forEach((key, yaml) -> data.put(key, base64(yaml)));
    kube.secrets().inNamespace(namespace).resource(new SecretBuilder()
        .withNewMetadata().withName("remote").endMetadata().withData(data).build()).create();
  }

  /** The canary in no ConfigMap or Secret on the cluster but the attacker's, no status or manifest in the table, no event, no log line. */
  private void assertCanaryNowhere(LocalFleet fleet) throws Exception {
    KubernetesClient kube = fleet.kube();
    StringBuilder seen = new StringBuilder();
    kube.configMaps().inAnyNamespace().list().getItems().forEach(c -> seen.append(c.getData()));
    kube.secrets().inAnyNamespace().list().getItems().stream()
        .filter(secret -> !secret.getMetadata().getName().equals("remote"))
        .forEach(secret -> seen.append(secret.getData()));
    for (KustomizationRecord k : fleet.store().listKustomizations()) {
      seen.append(Yaml.json().writeValueAsString(k.status()));
    }
    for (HelmRecord h : fleet.store().listHelmObjects()) {
      seen.append(Yaml.json().writeValueAsString(h.status()));
    }
    TestStores.allEvents(fleet.store()).forEach(e -> seen.append(e.message()).append(e.metadata()));
    events.forEach(e -> seen.append(e.message()).append(e.metadata()));
    seen.append(logs.text());
    assertThat(seen.toString()).contains("spec.kubeConfig.secretRef").doesNotContain(CANARY).doesNotContain(operatorToken);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
