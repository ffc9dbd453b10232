package io.driftless.sandbox;

import static io.driftless.sandbox.SandboxServerSideApplyTest.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubectl, a client we did not write, reads the sandbox as it would a cluster. */
class KubectlAgainstSandboxTest {
  private static SandboxApiServer server;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    server = SandboxApiServer.start(0);
    KubernetesClient client = server.client();
    for (String yaml : List.of(
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: x}\ndata: {mode: fast}\n",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: x}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: 'nginx:1'}]}
        """)) {
      client.resource(load(yaml)).fieldManager("driftless").forceConflicts().serverSideApply();
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void getNamespacesAndDeploymentsInAllNamespaces() throws Exception {
    String out = kubectl("get", "ns,deploy", "-A");

    assertThat(out).contains("namespace/x").containsPattern("x\\s+deployment.apps/web");
  }

  @Test
  void getConfigMapAsYaml() throws Exception {
    String out = kubectl("get", "cm", "-n", "x", "-o", "yaml");

    assertThat(out).contains("kind: ConfigMap").contains("name: settings").contains("mode: fast");
  }

  @Test
  void managedFieldsShowTheFieldManager() throws Exception {
    String out = kubectl("get", "cm", "settings", "-n", "x", "-o", "yaml", "--show-managed-fields");

    assertThat(out).contains("manager: driftless").contains("operation: Apply").contains("f:mode: {}");
  }

  @Test
  void getOneObjectByShortName() throws Exception {
    assertThat(kubectl("get", "deploy", "web", "-n", "x")).contains("web");
  }

  @Test
  void kubectlServerSideApplyAndPatchChangeObjects() throws Exception {
    Path file = Files.writeString(dir.resolve("cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: by-kubectl, namespace: x}\ndata: {a: '1'}\n");

    assertThat(kubectl("apply", "--server-side", "-f", file.toString())).contains("configmap/by-kubectl serverside-applied");
    assertThat(kubectl("patch", "cm", "by-kubectl", "-n", "x", "-p", "{\"data\":{\"b\":\"2\"}}")).contains("patched");

    var cm = server.client().configMaps().inNamespace("x").withName("by-kubectl").get();
    assertThat(cm.getData()).containsEntry("a", "1").containsEntry("b", "2");
    assertThat(cm.getMetadata().getManagedFields()).anySatisfy(m -> assertThat(m.getManager()).isEqualTo("kubectl"));
  }

  private static String kubectl(String... args) throws IOException, InterruptedException {
    Path kubectl = java.util.stream.Stream.concat(
            java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)),
            java.util.stream.Stream.of("/usr/bin"))
        .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable)
        .findFirst().orElse(null);
    assumeTrue(kubectl != null, "kubectl is not installed");
    Path kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"));
    List<String> cmd = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", dir.resolve("cache").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
