package io.driftless.helm.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmRelease;
import io.driftless.testing.TestHelmReleases;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * helm-controller's post-render chain over a rendered manifest: kustomize post-renderers in list order
 * (strategic-merge and JSON 6902 patches with targets, images), then commonMetadata, then the origin
 * labels, which win.
 */
class HelmPostRendererTest {
  private static final String MANIFEST = """
      ---
      # Source: web/templates/deployment.yaml
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: {app: web}
      spec:
        replicas: 1
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: web, image: "ghcr.io/example/web:1.0.0"}]
      ---
      # Source: web/templates/service.yaml
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec: {ports: [{port: 80}]}
      """;

  private static HelmRelease.Spec spec(String extra) {
    return TestHelmReleases.parse("web", extra).spec();
  }

  private static Map<String, String> origin() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("helm.toolkit.fluxcd.io/name", "web");
    labels.put("helm.toolkit.fluxcd.io/namespace", "apps");
    return labels;
  }

  private static Map<String, Object> object(String manifest, String kind) {
    return Yaml.readDocuments("out", manifest).stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Object at(Map<String, Object> doc, String... path) {
    Object node = doc;
    for (String p : path) {
      node = node instanceof List<?> l ? l.get(Integer.parseInt(p)) : ((Map<String, Object>) node).get(p);
    }
    return node;
  }

  @Test
  void withNoPostRenderersNorCommonMetadataTheManifestIsLeftAsHelmRenderedIt() {
    assertThat(HelmPostRenderer.render("HelmRelease/apps/web", MANIFEST, spec(""), origin())).isEqualTo(MANIFEST);
  }

  @Test
  void patchesAndImagesApplyInListOrderThenCommonMetadataThenTheOriginLabels() {
    String out = HelmPostRenderer.render("HelmRelease/apps/web", MANIFEST, spec("""
          postRenderers:
            - kustomize:
                patches:
                  - target: {kind: Deployment, name: web}
                    patch: |
                      apiVersion: apps/v1
                      kind: Deployment
                      metadata: {name: web}
                      spec: {replicas: 3}
                images: [{name: ghcr.io/example/web, newTag: "2.0.0"}]
            - kustomize:
                patchesJson6902:
                  - target: {version: v1, kind: Deployment, name: web}
                    patch: [{op: replace, path: /spec/replicas, value: 4}]
                patchesStrategicMerge:
                  - {apiVersion: v1, kind: Service, metadata: {name: web, annotations: {patched: "yes"}}}
          commonMetadata:
            labels: {team: payments, helm.toolkit.fluxcd.io/name: not-this}
            annotations: {owner: alice}
        """), origin());

    Map<String, Object> d = object(out, "Deployment");
    assertThat(at(d, "spec", "replicas")).as("the second renderer sees the first one's output").isEqualTo(4);
    assertThat(at(d, "spec", "template", "spec", "containers", "0", "image")).isEqualTo("ghcr.io/example/web:2.0.0");
    assertThat((Map<String, Object>) at(d, "metadata", "labels")).containsEntry("app", "web")
        .containsEntry("team", "payments").containsEntry("helm.toolkit.fluxcd.io/name", "web")
        .containsEntry("helm.toolkit.fluxcd.io/namespace", "apps");
    assertThat((Map<String, Object>) at(d, "metadata", "annotations")).containsEntry("owner", "alice");
    assertThat((Map<String, Object>) at(d, "spec", "selector", "matchLabels"))
        .as("commonMetadata touches metadata only").containsOnlyKeys("app");
    Map<String, Object> svc = object(out, "Service");
    assertThat((Map<String, Object>) at(svc, "metadata", "annotations")).containsEntry("patched", "yes")
        .containsEntry("owner", "alice");
  }

  @Test
  void aPatchThatFailsNamesTheHelmReleaseAndTheRenderer() {
    assertThatThrownBy(() -> HelmPostRenderer.render("HelmRelease/apps/web", MANIFEST, spec("""
          postRenderers:
            - kustomize:
                patchesJson6902:
                  - target: {kind: Deployment, name: web}
                    patch: [{op: replace, path: /spec/nothing/here, value: 4}]
        """), origin()))
        .isInstanceOf(ChartRenderException.class)
        .hasMessageStartingWith("HelmRelease/apps/web spec.postRenderers[0].kustomize: ")
        .hasMessageNotContaining("\n");
  }

  private static final String HOOK = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: web-hook
        annotations: {"helm.sh/hook": "post-install,post-upgrade", "helm.sh/hook-weight": "2"}
      data: {ran: "yes"}
      """;
  private static final String LABEL_CONFIG_MAPS = """
        postRenderers:
          - kustomize:
              patchesJson6902:
                - {target: {kind: ConfigMap}, patch: [{op: add, path: /metadata/labels, value: {patched: "yes"}}]}
                - {target: {kind: Service}, patch: [{op: add, path: /metadata/labels, value: {patched: "yes"}}]}
      """;

  private static RenderedChart chartWithHook() {
    RenderedHook hook = new RenderedHook("ConfigMap", "web-hook", "web/templates/hook.yaml", HOOK,
        List.of("post-install", "post-upgrade"), 2, List.of(), List.of());
    return new RenderedChart("web", "1.0.0", "1.0.0", MANIFEST, List.of(hook), List.of(), "", null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> labels(String manifest, String kind) {
    return (Map<String, Object>) at(object(manifest, kind), "metadata", "labels");
  }

  @Test
  void byDefaultTheHooksGoThroughThePostRenderersWithTheManifestAsFlux29Does() {
    RenderedChart out = HelmPostRenderer.apply("HelmRelease/apps/web", chartWithHook(), spec(LABEL_CONFIG_MAPS), origin());

    assertThat(out.hooks()).singleElement().satisfies(h -> {
      assertThat(labels(h.manifest(), "ConfigMap")).containsEntry("patched", "yes")
          .containsEntry("helm.toolkit.fluxcd.io/name", "web");
      assertThat(h.path()).isEqualTo("web/templates/hook.yaml");
      assertThat(h.events()).containsExactly("post-install", "post-upgrade");
      assertThat(h.weight()).isEqualTo(2);
      assertThat(h.manifest()).doesNotContain("driftless.io/helm-template-path");
    });
    assertThat(labels(out.manifest(), "Service")).containsEntry("patched", "yes");
    assertThat(out.manifest()).doesNotContain("web-hook");
  }

  @Test
  void separateSendsTheHooksAsAStreamOfTheirOwnAndNohooksLeavesThemAsRendered() {
    RenderedChart separate = HelmPostRenderer.apply("HelmRelease/apps/web", chartWithHook(),
        spec(LABEL_CONFIG_MAPS + "  postRenderStrategy: separate\n"), origin());
    RenderedChart nohooks = HelmPostRenderer.apply("HelmRelease/apps/web", chartWithHook(),
        spec(LABEL_CONFIG_MAPS + "  postRenderStrategy: nohooks\n"), origin());

    assertThat(labels(separate.hooks().get(0).manifest(), "ConfigMap")).containsEntry("patched", "yes");
    assertThat(labels(separate.manifest(), "Service")).containsEntry("patched", "yes");
    assertThat(nohooks.hooks()).containsExactlyElementsOf(chartWithHook().hooks());
    assertThat(labels(nohooks.manifest(), "Service")).containsEntry("patched", "yes");
  }

  @Test
  void combinedFailsAsKustomizeDoesWhenAHookAndATemplateAreOneObjectAndSeparateDoesNot() {
    RenderedHook twin = new RenderedHook("Service", "web", "web/templates/hook-svc.yaml", """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          annotations: {"helm.sh/hook": pre-install}
        spec: {ports: [{port: 80}]}
        """, List.of("pre-install"), 0, List.of(), List.of());
    RenderedChart chart = new RenderedChart("web", "1.0.0", "1.0.0", MANIFEST, List.of(twin), List.of(), "", null);

    assertThatThrownBy(() -> HelmPostRenderer.apply("HelmRelease/apps/web", chart, spec(LABEL_CONFIG_MAPS), origin()))
        .isInstanceOf(ChartRenderException.class)
        .hasMessageStartingWith("HelmRelease/apps/web spec.postRenderers[0].kustomize: ");
    RenderedChart separate = HelmPostRenderer.apply("HelmRelease/apps/web", chart,
        spec(LABEL_CONFIG_MAPS + "  postRenderStrategy: separate\n"), origin());
    assertThat(separate.hooks()).singleElement().satisfies(h -> assertThat(h.kind()).isEqualTo("Service"));
  }
}
