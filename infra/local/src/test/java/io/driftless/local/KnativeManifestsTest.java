package io.driftless.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests in {@code infra/knative/} against Knative's own schema: the CRDs of Knative Serving and
 * Eventing v1.1.4 (the newest release whose CRDs Kubernetes 1.20 accepts; {@code infra/knative/crds/README.md})
 * installed on the real API server, each manifest server-side dry-run applied as {@code kubectl apply
 * --server-side --dry-run=server} would. A manifest passes when the server accepts it and keeps every field
 * it sent: Kubernetes 1.20 drops fields a schema does not know without a word, so a dropped field is
 * reported as unknown.
 */
class KnativeManifestsTest {
  private static final Path KNATIVE = Path.of("../knative");
  private static final String MANAGER = "knative-manifests-test";
  private static KubernetesClient client;

  @BeforeAll
  static void installKnativeCrds() throws IOException {
    String reason = SharedRealApiServer.unavailableReason();
    Assumptions.assumeTrue(reason == null, () -> "real API server unavailable: " + reason);
    client = SharedRealApiServer.get().orElseThrow().client();
    for (String file : List.of("crds/serving-crds.yaml", "crds/eventing-crds.yaml")) {
      for (GenericKubernetesResource crd : load(file)) {
        client.resource(crd).fieldManager(MANAGER).forceConflicts().serverSideApply();
      }
    }
    for (String file : List.of("crds/serving-crds.yaml", "crds/eventing-crds.yaml")) {
      for (GenericKubernetesResource crd : load(file)) {
        client.genericKubernetesResources("apiextensions.k8s.io/v1", "CustomResourceDefinition")
            .withName(crd.getMetadata().getName())
            .waitUntilCondition(KnativeManifestsTest::established, 1, TimeUnit.MINUTES);
      }
    }
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("driftless").endMetadata().build())
        .serverSideApply();
  }

  @AfterAll
  static void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void theServiceIsAKnativeServiceKnativeServingAccepts() throws IOException {
    List<GenericKubernetesResource> manifests = load("service.yaml");

    assertThat(manifests).extracting(GenericKubernetesResource::getKind).containsExactly("Service");
    assertAcceptedWhole("service.yaml", manifests.get(0));
  }

  @Test
  void knativeServingsSchemaRefusesAServiceThatBreaksIt() throws IOException {
    GenericKubernetesResource service = load("service.yaml").get(0);
    Map<String, Object> template = child(service.getAdditionalProperties(), "spec", "template", "spec");
    template.put("timeoutSeconds", "300");

    assertThatThrownBy(() -> dryRun(service))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.template.spec.timeoutSeconds")
        .hasMessageContaining("must be of type integer");
  }

  /**
   * The tick's CronJob is {@code batch/v1}, served from Kubernetes 1.21 on; on an older server (the real one
   * here is 1.20) the same object is checked as {@code batch/v1beta1}, whose CronJob has the same fields.
   */
  @Test
  void theTickIsACronJobTheServerAccepts() throws IOException {
    List<GenericKubernetesResource> manifests = load("tick-cronjob.yaml");
    assertThat(manifests).extracting(GenericKubernetesResource::getApiVersion, GenericKubernetesResource::getKind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("batch/v1", "CronJob"));
    GenericKubernetesResource cronJob = manifests.get(0);
    if (!serves("batch/v1", "cronjobs")) {
      cronJob.setApiVersion("batch/v1beta1");
    }

    assertAcceptedWhole("tick-cronjob.yaml", cronJob);
  }

  private static void assertAcceptedWhole(String file, GenericKubernetesResource manifest) {
    String object = manifest.getKind() + "/" + manifest.getMetadata().getNamespace() + "/" + manifest.getMetadata().getName();
    GenericKubernetesResource answer;
    try {
      answer = dryRun(manifest);
    } catch (KubernetesClientException e) {
      throw new AssertionError("infra/knative/" + file + ": " + object + " refused by the server: " + e.getMessage(), e);
    }
    assertThat(dropped("", asMap(manifest), asMap(answer)))
        .as("infra/knative/%s: %s: fields the server's schema dropped (unknown to it)", file, object)
        .isEmpty();
  }

  private static GenericKubernetesResource dryRun(GenericKubernetesResource manifest) {
    return client.resource(manifest).dryRun().fieldManager(MANAGER).forceConflicts().serverSideApply();
  }

  /** The paths of {@code sent} that {@code kept} lacks or holds with another value. */
  private static List<String> dropped(String path, Object sent, Object kept) {
    List<String> paths = new ArrayList<>();
    if (sent instanceof Map<?, ?> map && kept instanceof Map<?, ?> keptMap) {
      map.forEach((key, value) -> paths.addAll(dropped(path + "." + key, value, keptMap.get(key))));
    } else if (sent instanceof List<?> list && kept instanceof List<?> keptList && list.size() == keptList.size()) {
      for (int i = 0; i < list.size(); i++) {
        paths.addAll(dropped(path + "[" + i + "]", list.get(i), keptList.get(i)));
      }
    } else if (!Objects.equals(String.valueOf(sent), String.valueOf(kept))) {
      paths.add(path.substring(1) + (kept == null ? "" : " (kept as " + kept + ")"));
    }
    return paths;
  }

  private static boolean serves(String apiVersion, String resource) {
    return client.getApiResources(apiVersion).getResources().stream().map(APIResource::getName).anyMatch(resource::equals);
  }

  private static boolean established(GenericKubernetesResource crd) {
    if (crd == null || !(crd.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
        || !(status.get("conditions") instanceof List<?> conditions)) {
      return false;
    }
    return conditions.stream().anyMatch(c -> c instanceof Map<?, ?> m
        && "Established".equals(m.get("type")) && "True".equals(m.get("status")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> map, String... keys) {
    Map<String, Object> at = map;
    for (String key : keys) {
      at = (Map<String, Object>) at.get(key);
    }
    return at;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(GenericKubernetesResource resource) {
    Map<String, Object> map = Serialization.jsonMapper().convertValue(resource, Map.class);
    map.remove("status");
    Object metadata = map.get("metadata");
    if (metadata instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).keySet().retainAll(List.of("name", "namespace", "labels", "annotations"));
    }
    return map;
  }

  /** The documents of {@code file}, read as Kubernetes reads YAML (Eventing's CRDs use merge keys, {@code <<: *anchor}). */
  private static List<GenericKubernetesResource> load(String file) throws IOException {
    List<GenericKubernetesResource> objects = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(KNATIVE.resolve(file))) {
      for (Object doc : new Yaml().loadAll(reader)) {
        if (doc instanceof Map<?, ?> map && !map.isEmpty()) {
          objects.add(Serialization.jsonMapper().convertValue(map, GenericKubernetesResource.class));
        }
      }
    }
    return objects;
  }
}
