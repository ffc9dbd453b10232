package io.driftless.sandbox;

import static io.driftless.sandbox.SandboxServerSideApplyTest.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxCrudTest {
  private SandboxApiServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = SandboxApiServer.start(0);
    client = server.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("a").endMetadata().build()).create();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("b").endMetadata().build()).create();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void createGetListAcrossNamespacesWithLabelSelectors() {
    create("a", "one", Map.of("tier", "web", "env", "prod"));
    create("a", "two", Map.of("tier", "db"));
    create("b", "three", Map.of("tier", "web"));

    assertThat(client.configMaps().inAnyNamespace().list().getItems()).hasSize(3);
    assertThat(names(client.configMaps().inNamespace("a").withLabel("tier", "web").list().getItems())).containsExactly("one");
    assertThat(names(client.configMaps().inAnyNamespace().withLabelIn("tier", "web", "db").list().getItems())).hasSize(3);
    assertThat(names(client.configMaps().inAnyNamespace().withLabelNotIn("tier", "web").list().getItems())).containsExactly("two");
    assertThat(names(client.configMaps().inAnyNamespace().withLabel("env").list().getItems())).containsExactly("one");
    assertThat(names(client.configMaps().inAnyNamespace().withoutLabel("tier", "web").list().getItems())).containsExactly("two");
    assertThat(client.configMaps().inNamespace("a").withName("one").get().getMetadata().getUid()).isNotBlank();
  }

  @Test
  void createTwiceIsAlreadyExistsAndAStaleReplaceIsAConflict() {
    ConfigMap one = create("a", "one", Map.of());

    assertThatThrownBy(() -> create("a", "one", Map.of()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    client.configMaps().inNamespace("a").resource(new ConfigMapBuilder(one).addToData("k", "v").build()).update();
    assertThatThrownBy(() -> client.configMaps().inNamespace("a").resource(one).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getReason()).isEqualTo("Conflict"));
  }

  @Test
  void mergePatchAndJsonPatchChangeTheObject() {
    create("a", "one", Map.of("tier", "web"));
    var cm = client.configMaps().inNamespace("a").withName("one");

    cm.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":\"v\"}}");
    cm.patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/metadata/labels/tier\"}]");

    assertThat(cm.get().getData()).containsEntry("k", "v");
    assertThat(cm.get().getMetadata().getLabels()).doesNotContainKey("tier");
  }

  @Test
  void strategicMergePatchMergesContainersByName() {
    client.resource(load("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: a}
        spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: 'nginx:1'}, {name: log, image: 'log:1'}]}}}
        """)).fieldManager("t").serverSideApply();

    client.apps().deployments().inNamespace("a").withName("web").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:2\"}]}}}}");

    var containers = client.apps().deployments().inNamespace("a").withName("web").get().getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).extracting(c -> c.getName() + "=" + c.getImage()).containsExactly("web=nginx:2", "log=log:1");
  }

  @Test
  void aNewSandboxHasTheStandardNamespacesAndSaysItIsASandbox() {
    assertThat(names(client.namespaces().list().getItems())).contains("default", "kube-system", "a", "b");
    assertThat(server.banner()).contains("not a real cluster").contains(server.url());
  }

  @Test
  void deletingANamespaceDeletesItsObjects() {
    create("a", "one", Map.of());
    create("b", "two", Map.of());

    client.namespaces().withName("a").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

    assertThat(names(client.configMaps().inAnyNamespace().list().getItems())).containsExactly("two");
    assertThat(client.namespaces().withName("a").get()).isNull();
  }

  @Test
  void creatingInAMissingNamespaceIsNotFound() {
    assertThatThrownBy(() -> create("nowhere", "one", Map.of()))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(404);
          assertThat(e.getStatus().getMessage()).isEqualTo("namespaces \"nowhere\" not found");
        });
  }

  @Test
  void anAppliedCrdIsEstablishedAndServesItsCustomResources() {
    client.resource(load("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
          versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]
        """)).fieldManager("driftless").serverSideApply();

    CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName("widgets.example.com").get();
    assertThat(crd.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Established");
      assertThat(c.getStatus()).isEqualTo("True");
    });
    client.resource(load("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: a}\nspec: {size: 3}\n"))
        .fieldManager("driftless").serverSideApply();
    GenericKubernetesResource w = client.genericKubernetesResources("example.com/v1", "Widget").inNamespace("a").withName("w").get();
    assertThat(w.getAdditionalProperties()).containsEntry("spec", Map.of("size", 3));
    assertThat(client.getApiResources("example.com/v1").getResources()).anySatisfy(r -> {
      assertThat(r.getName()).isEqualTo("widgets");
      assertThat(r.getNamespaced()).isTrue();
      assertThat(r.getShortNames()).containsExactly("wd");
    });
  }

  @Test
  void withoutSimulatedControllersWorkloadStatusIsWhatTheStatusSubresourceSays() {
    try (SandboxApiServer quiet = SandboxApiServer.start(0, false)) {
      KubernetesClient c = quiet.client();
      c.resource(load("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n")).fieldManager("t").serverSideApply();
      c.resource(load("""
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: web, namespace: a}
          spec: {replicas: 2, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: web, image: 'nginx:1'}]}}}
          """)).fieldManager("t").serverSideApply();
      var d = c.apps().deployments().inNamespace("a").withName("web").get();
      assertThat(d.getStatus()).isNull();

      d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReadyReplicas(1).build());
      c.apps().deployments().inNamespace("a").resource(d).updateStatus();

      var live = c.apps().deployments().inNamespace("a").withName("web").get();
      assertThat(live.getStatus().getReadyReplicas()).isEqualTo(1);
      assertThat(live.getSpec().getReplicas()).isEqualTo(2);
    }
  }

  private ConfigMap create(String ns, String name, Map<String, String> labels) {
    return client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
        .withName(name).withNamespace(ns).withLabels(labels).endMetadata().build()).create();
  }

  private static java.util.List<String> names(java.util.List<? extends io.fabric8.kubernetes.api.model.HasMetadata> items) {
    return items.stream().map(i -> i.getMetadata().getName()).toList();
  }
}
