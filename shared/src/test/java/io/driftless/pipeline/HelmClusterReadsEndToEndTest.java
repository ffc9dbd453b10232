package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftless.model.Condition;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.testing.TestCharts;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a chart sees of its target cluster, on the sandbox and a real API server, as under
 * helm-controller: {@code .Capabilities.APIVersions} holds a CRD's versions once the cluster serves it,
 * and {@code lookup} returns the object the cluster holds (so a generated password stays as it was),
 * an empty map for one it does not, a list when the name is empty, all read as the release's
 * {@code serviceAccountName}.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class HelmClusterReadsEndToEndTest extends HelmFixtureTest {
  private static final String CAPABILITIES = """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: capabilities}
      data:
        widgetKind: {{ .Capabilities.APIVersions.Has "example.com/v1/Widget" | quote }}
        widgetGroup: {{ $.Capabilities.APIVersions.Has "example.com/v1" | quote }}
        configMaps: {{ .Capabilities.APIVersions.Has "v1/ConfigMap" | quote }}
      """;
  private static final String LOOKUPS = """
      {{- $kept := lookup "v1" "Secret" .Release.Namespace "web-password" -}}
      apiVersion: v1
      kind: Secret
      metadata: {name: web-password}
      data:
        password: {{ if $kept }}{{ index $kept.data "password" }}{{ else }}{{ randAlphaNum 24 | b64enc }}{{ end }}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: lookups}
      data:
        missing: {{ lookup "v1" "ConfigMap" .Release.Namespace "not-there" | len | quote }}
        colour: {{ (lookup "v1" "ConfigMap" "web" "settings").data.colour | default "none" | quote }}
        listed: "{{ range (lookup "v1" "ConfigMap" .Release.Namespace "").items }}{{ if eq .metadata.name "settings" }}{{ .kind }}{{ end }}{{ end }}"
      """;

  private Map<String, String> configMap(String name) {
    return kube.configMaps().inNamespace("web").withName(name).get().getData();
  }

  private static void assertReady(HelmReleaseStatus status) {
    assertThat(status.isReady()).as(status.condition(Condition.READY).map(Condition::message).orElse("")).isTrue();
  }

  @Test
  void apiVersionsHoldACrdsVersionsOnceTheClusterServesIt() throws Exception {
    fixture.serveChart(tmp.resolve("capabilities"), "1.1.0", Map.of("capabilities.yaml", CAPABILITIES));

    assertReady(fixture.reconcile("1.1.0", "", ""));
    assertThat(configMap("capabilities")).as("no CRD serves example.com/v1 yet")
        .containsEntry("widgetKind", "false").containsEntry("widgetGroup", "false").containsEntry("configMaps", "true");

    fixture.remote().write("web/widget-crd.yaml", TestCharts.crd("example.com", "widgets"));
    assertReady(fixture.reconcile("1.1.0", "", "  values: {round: 2}\n"));

    assertThat(configMap("capabilities")).as("rendered again by the upgrade, with the CRD served")
        .containsEntry("widgetKind", "true").containsEntry("widgetGroup", "true");
  }

  @Test
  void lookupReturnsWhatTheClusterHoldsSoAGeneratedPasswordStays() throws Exception {
    fixture.serveChart(tmp.resolve("lookups"), "1.2.0", Map.of("lookups.yaml", LOOKUPS));
    fixture.remote().write("web/settings.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: web}\ndata: {colour: blue}\n");

    assertReady(fixture.reconcile("1.2.0", "", ""));
    String password = kube.secrets().inNamespace("web").withName("web-password").get().getData().get("password");
    assertThat(configMap("lookups")).containsEntry("missing", "0").containsEntry("colour", "blue")
        .containsEntry("listed", "ConfigMap");

    assertReady(fixture.reconcile("1.2.0", "", "  values: {round: 2}\n"));

    assertThat(kube.secrets().inNamespace("web").withName("web-password").get().getData().get("password"))
        .as("the upgrade's render found the Secret the install made").isEqualTo(password).isNotBlank();
  }

  @Test
  void lookupReadsAsTheReleasesServiceAccount() throws Exception {
    assumeTrue(cluster == TestCluster.REAL, "RBAC is enforced by the real API server only");
    fixture.serveChart(tmp.resolve("elsewhere"), "1.3.0", Map.of("elsewhere.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: elsewhere}
        data:
          found: {{ lookup "v1" "ConfigMap" "default" "other" | len | quote }}
        """));
    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("web").endMetadata().build()).create();
    fixture.grantEverythingInWeb("deployer");

    HelmReleaseStatus status = fixture.reconcile("1.3.0", "", "  serviceAccountName: deployer\n");

    Condition ready = status.condition(Condition.READY).orElseThrow();
    assertThat(ready.status()).isEqualTo(Condition.FALSE);
    assertThat(ready.message()).startsWith("HelmRelease/web/web: Helm install failed")
        .contains("web/templates/elsewhere.yaml", "error calling lookup \"v1\" \"ConfigMap\" \"default\" \"other\": the API server answered 403",
            "User \"system:serviceaccount:web:deployer\" cannot get resource \"configmaps\"")
        .doesNotContain("\n", "driftless");
  }
}
