package io.driftless.helm.render;

import io.driftless.render.kustomize.yaml.YamlReader;
import io.driftless.source.helm.ChartArchive;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The API versions a chart's {@code .Capabilities.APIVersions} answers from, when not Helm's built-in
 * set: the target cluster's discovery, with the versions the chart's own {@code crds/} serve when they
 * are applied before it renders (as helm-controller applies them before Helm reads discovery); else
 * the versions the request names. Discovery is read only when a template names {@code APIVersions}.
 */
final class ChartApiVersions {
  private ChartApiVersions() {}

  /** Null: Helm's built-in set (no cluster and none named, or no template asks). */
  static List<String> of(RenderRequest request, List<ChartArchive.Entry> files, String chartName) {
    boolean asked = files.stream().filter(f -> TemplateRewrite.isTemplate(f.path()))
        .map(f -> HookAnnotations.utf8(f.data())).flatMap(Optional::stream)
        .anyMatch(text -> text.contains("APIVersions"));
    if (!asked) {
      return null;
    }
    if (request.cluster() == null) {
      return request.capabilities().apiVersions().isEmpty() ? null : request.capabilities().apiVersions();
    }
    TreeSet<String> versions = new TreeSet<>(request.cluster().apiVersions());
    if (request.cluster().servesChartCrds()) {
      for (ChartCrd crd : ChartCrds.of(chartName, files)) {
        for (Map<String, Object> doc : YamlReader.readHelmDocuments(crd.path(), crd.content())) {
          served(doc, versions);
        }
      }
    }
    return List.copyOf(versions);
  }

  /** {@code group/version} and {@code group/version/Kind} of each served version of a CRD (v1 or v1beta1). */
  private static void served(Map<String, Object> doc, TreeSet<String> versions) {
    if (doc == null || !"CustomResourceDefinition".equals(doc.get("kind")) || !(doc.get("spec") instanceof Map<?, ?> spec)) {
      return;
    }
    Object group = spec.get("group");
    Object kind = spec.get("names") instanceof Map<?, ?> names ? names.get("kind") : null;
    if (!(group instanceof String g) || !(kind instanceof String k)) {
      return;
    }
    if (spec.get("versions") instanceof List<?> list) {
      for (Object v : list) {
        if (v instanceof Map<?, ?> version && version.get("name") instanceof String name
            && !Boolean.FALSE.equals(version.get("served"))) {
          versions.add(g + "/" + name);
          versions.add(g + "/" + name + "/" + k);
        }
      }
    } else if (spec.get("version") instanceof String name) {
      versions.add(g + "/" + name);
      versions.add(g + "/" + name + "/" + k);
    }
  }
}
