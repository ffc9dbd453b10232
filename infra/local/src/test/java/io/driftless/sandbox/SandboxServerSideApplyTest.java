package io.driftless.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxServerSideApplyTest {
  private SandboxApiServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = SandboxApiServer.start(0);
    client = server.client();
    apply("me", "apiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void applyCreatesTheObjectAndRecordsTheManagersFields() {
    GenericKubernetesResource cm = apply("driftless", configMap("a: '1'", "app: web"));

    assertThat(cm.getMetadata().getUid()).isNotBlank();
    assertThat(cm.getMetadata().getResourceVersion()).isNotBlank();
    ManagedFieldsEntry entry = cm.getMetadata().getManagedFields().get(0);
    assertThat(entry.getManager()).isEqualTo("driftless");
    assertThat(entry.getOperation()).isEqualTo("Apply");
    assertThat(Serialization.asJson(entry.getFieldsV1()))
        .isEqualTo("{\"f:data\":{\"f:a\":{}},\"f:metadata\":{\"f:labels\":{\"f:app\":{}}}}");
  }

  @Test
  void reapplyingTheSameConfigDoesNotBumpTheResourceVersion() {
    String first = apply("driftless", configMap("a: '1'", "app: web")).getMetadata().getResourceVersion();
    String second = apply("driftless", configMap("a: '1'", "app: web")).getMetadata().getResourceVersion();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void fieldsAManagerStopsApplyingAreRemoved() {
    apply("driftless", configMap("a: '1'\n  b: '2'", "app: web"));
    GenericKubernetesResource cm = apply("driftless", configMap("a: '1'", "app: web"));

    assertThat(data(cm)).containsEntry("a", "1").doesNotContainKey("b");
  }

  @Test
  void fieldsAnotherManagerAlsoAppliesAreKept() {
    apply("driftless", configMap("a: '1'\n  b: '2'", "app: web"));
    apply("other", configMap("b: '2'", "app: web"));
    GenericKubernetesResource cm = apply("driftless", configMap("a: '1'", "app: web"));

    assertThat(data(cm)).containsEntry("b", "2");
  }

  @Test
  void changingAFieldOwnedByAnotherManagerConflictsWithoutForce() {
    apply("driftless", configMap("a: '1'", "app: web"));

    assertThatThrownBy(() -> client.resource(load(configMap("a: '2'", "app: web"))).fieldManager("kubectl").serverSideApply())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getMessage()).contains("conflict with \"driftless\": .data.a");
        });
  }

  @Test
  void forceTakesTheFieldOver() {
    apply("driftless", configMap("a: '1'", "app: web"));

    GenericKubernetesResource cm = client.resource(load(configMap("a: '2'", "app: web")))
        .fieldManager("kubectl").forceConflicts().serverSideApply();

    assertThat(data(cm)).containsEntry("a", "2");
    assertThat(cm.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
        .containsExactly("driftless", "kubectl");
    assertThat(Serialization.asJson(cm.getMetadata().getManagedFields().get(0).getFieldsV1()))
        .doesNotContain("f:data");
  }

  @Test
  void dryRunReturnsTheResultButStoresNothing() {
    GenericKubernetesResource would = client.resource(load(configMap("a: '1'", "app: web")))
        .dryRun().fieldManager("driftless").forceConflicts().serverSideApply();

    assertThat(data(would)).containsEntry("a", "1");
    assertThat(client.configMaps().inNamespace("apps").withName("web").get()).isNull();
  }

  @Test
  void applyingIntoAMissingNamespaceIsNotFound() {
    String yaml = configMap("a: '1'", "app: web").replace("namespace: apps", "namespace: nowhere");

    assertThatThrownBy(() -> apply("driftless", yaml))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(404);
          assertThat(e.getStatus().getMessage()).isEqualTo("namespaces \"nowhere\" not found");
        });
  }

  @Test
  void applyWithoutAFieldManagerIsABadRequest() throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/api/v1/namespaces/apps/configmaps/web"))
        .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(configMap("a: '1'", "app: web")))
        .header("Content-Type", "application/apply-patch+yaml").build();

    var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"reason\":\"BadRequest\"").contains("fieldManager is required");
  }

  @Test
  void containersAreMergedByName() {
    apply("driftless", deployment("[{name: app, image: 'app:1'}, {name: sidecar, image: 'side:1'}]"));
    GenericKubernetesResource d = apply("driftless", deployment("[{name: app, image: 'app:2'}]"));

    assertThat(Serialization.asJson(d.getAdditionalProperties().get("spec")))
        .contains("app:2").doesNotContain("sidecar");
    assertThat(Serialization.asJson(d.getMetadata().getManagedFields().get(0).getFieldsV1()))
        .contains("k:{\\\"name\\\":\\\"app\\\"}");
    assertThat(d.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void deploymentsReportReadyReplicasAndNamespacesAreActive() {
    apply("driftless", deployment("[{name: app, image: 'app:1'}]"));

    var status = client.apps().deployments().inNamespace("apps").withName("web").get().getStatus();
    assertThat(status.getReadyReplicas()).isEqualTo(2);
    assertThat(status.getObservedGeneration()).isEqualTo(1L);
    assertThat(status.getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Progressing");
      assertThat(c.getReason()).isEqualTo("NewReplicaSetAvailable");
    });
    assertThat(client.namespaces().withName("apps").get().getStatus().getPhase()).isEqualTo("Active");
  }

  private GenericKubernetesResource apply(String manager, String yaml) {
    return client.resource(load(yaml)).fieldManager(manager).serverSideApply();
  }

  static GenericKubernetesResource load(String yaml) {
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Object> data(GenericKubernetesResource r) {
    return (java.util.Map<String, Object>) r.getAdditionalProperties().get("data");
  }

  private static String configMap(String data, String labels) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: web
          namespace: apps
          labels: {%s}
        data:
          %s
        """.formatted(labels, data);
  }

  private static String deployment(String containers) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: apps}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: %s
        """.formatted(containers);
  }
}
