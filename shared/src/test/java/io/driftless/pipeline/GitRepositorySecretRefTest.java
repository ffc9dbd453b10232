package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Condition;
import io.driftless.model.Yaml;
import io.driftless.record.KustomizationRecord;
import io.driftless.testing.GitHttpServer;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.LogLines;
import io.driftless.testing.TestCluster;
import io.driftless.testing.TestStores;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A GitRepository found in Git whose {@code spec.secretRef} names a Secret in its namespace is fetched with
 * it, as source-controller does: basic auth ({@code username}, {@code password}) or a {@code bearerToken},
 * read from the root's cluster. A missing Secret, or one with neither, fails the Kustomization using it in
 * one line naming the GitRepository, the field and the Secret; the token appears in no status, event or log.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class GitRepositorySecretRefTest {
  private static final String TOKEN = "private-repo-token-6b2f0e";
  @Parameter TestCluster cluster;
  @TempDir Path tmp;

  @Test
  void aPrivateRepositoryIsFetchedWithTheSecretItsGitRepositoryNames() throws Exception {
    try (GitRemote root = GitRemote.create(tmp.resolve("root"), "main");
        GitRemote apps = GitRemote.create(tmp.resolve("apps"), "main");
        GitHttpServer server = GitHttpServer.start(tmp.resolve("apps"), TOKEN);
        LocalFleet fleet = LocalFleet.start(tmp, cluster);
        LogLines logs = LogLines.capture()) {
      apps.write("deploy/app.yaml", configMap("default", "private-app", "v1")).commit("app");
      root.write("clusters/demo/apps.yaml", privateSource(server.url("remote.git"))).commit("apps from a private repository");
      KubernetesClient kube = fleet.kube();
      kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flux-system").endMetadata().build())
          .serverSideApply();
      fleet.bootstrap(root, null);

      assertThat(fleet.engine().reconcile(ManualReconcile.all()).allReady()).isFalse();
      assertThat(readyMessage(fleet)).doesNotContain("\n")
          .contains("GitRepository/flux-system/apps: spec.secretRef: Secret/flux-system/apps-auth not found");

      secret(kube, Map.of("username", "git", "password", TOKEN));
      assertThat(fleet.engine().reconcile(ManualReconcile.all()).allReady()).as("basic auth").isTrue();
      assertThat(kube.configMaps().inNamespace("default").withName("private-app").get()).isNotNull();

      apps.write("deploy/app.yaml", configMap("default", "private-app", "v2")).commit("v2");
      secret(kube, Map.of("bearerToken", TOKEN));
      assertThat(fleet.engine().reconcile(ManualReconcile.all()).allReady()).as("bearer token").isTrue();
      assertThat(kube.configMaps().inNamespace("default").withName("private-app").get().getData())
          .containsEntry("value", "v2");

      secret(kube, Map.of("token", TOKEN));
      apps.write("deploy/app.yaml", configMap("default", "private-app", "v3")).commit("v3");
      assertThat(fleet.engine().reconcile(ManualReconcile.all()).allReady()).isFalse();
      assertThat(readyMessage(fleet)).contains("spec.secretRef: Secret/flux-system/apps-auth has neither username and"
          + " password nor bearerToken (keys present: token)");

      String visible = String.join("\n",
          Yaml.json().writeValueAsString(fleet.store().listKustomizations()),
          Yaml.json().writeValueAsString(fleet.store().listSources()),
          String.valueOf(TestStores.allEvents(fleet.store())),
          logs.text());
      assertThat(visible).doesNotContain(TOKEN);
    }
  }

  private static String readyMessage(LocalFleet fleet) {
    Condition ready = fleet.store().getKustomization("demo", "flux-system/apps")
        .map(KustomizationRecord::status).orElseThrow().condition(Condition.READY).orElseThrow();
    return ready.message();
  }

  /** The Secret {@code flux-system/apps-auth} holding exactly {@code data}. */
  private static void secret(KubernetesClient kube, Map<String, String> data) {
    kube.secrets().inNamespace("flux-system").withName("apps-auth").delete();
    kube.secrets().inNamespace("flux-system").resource(new SecretBuilder()
        .withNewMetadata().withName("apps-auth").withNamespace("flux-system").endMetadata()
        .withStringData(data).build()).create();
  }

  private static String privateSource(String url) {
    return """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata:
          name: apps
          namespace: flux-system
        spec:
          interval: 1m
          url: %s
          ref: {branch: main}
          secretRef: {name: apps-auth}
        ---
        """.formatted(url)
        + kustomization("apps", "deploy", "").replace("name: flux-system\n", "name: apps\n");
  }
}
