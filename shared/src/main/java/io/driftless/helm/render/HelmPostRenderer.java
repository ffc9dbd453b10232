package io.driftless.helm.render;

import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.ManifestException;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmRelease;
import io.driftless.render.kustomize.Kustomizer;
import io.driftless.render.kustomize.MemoryFileSystem;
import io.driftless.render.kustomize.SpecKustomizer;
import io.driftless.render.kustomize.yaml.YamlReader;
import io.driftless.render.kustomize.yaml.YamlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * helm-controller's post-render chain ({@code internal/postrender/build.go}, helm.md §1.9) over a
 * rendered release manifest: each {@code spec.postRenderers[].kustomize} in list order, built by
 * Driftless's own kustomize (the manifest as the only resource of an in-memory kustomization holding
 * the renderer's {@code patches}, {@code patchesStrategicMerge}, {@code patchesJson6902} and
 * {@code images}); then {@code spec.commonMetadata} labels and annotations on every object; then the
 * origin labels, which win over commonMetadata. The result is the manifest the release stores, as
 * with Helm's own post-renderer. Whether the hooks go through the chain too is
 * {@code spec.postRenderStrategy}'s ({@link #apply}).
 *
 * <p>A HelmRelease with neither postRenderers nor commonMetadata keeps the manifest exactly as Helm
 * rendered it (the origin labels are then stamped at apply time only).
 */
public final class HelmPostRenderer {
  private static final String RESOURCES = "helm-manifest.yaml";
  private static final String COMBINED = "combined";
  private static final String NO_HOOKS = "nohooks";
  /** Carries a hook's template path through the chain (as Helm 4's {@code postrenderer.helm.sh/postrender-filename}). */
  private static final String TEMPLATE_PATH = "driftless.io/helm-template-path";

  private HelmPostRenderer() {}

  /** Whether the HelmRelease asks for any post-rendering. */
  public static boolean configured(HelmRelease.Spec spec) {
    return (spec.postRenderers() != null && !spec.postRenderers().isEmpty()) || spec.commonMetadata() != null;
  }

  /**
   * The rendered chart post-rendered as {@code spec.postRenderStrategy} says (helm-controller 1.6 and
   * Helm 4.2's {@code renderResources}): {@code combined} (the default, Flux 2.9) sends the manifest and
   * the hooks through the chain as one stream and sorts the result back into manifest and hooks by
   * their {@code helm.sh/hook} annotation; {@code separate} sends the hooks as a stream of their own
   * (an empty one is skipped); {@code nohooks} (Helm 3, Flux before 2.9) leaves the hooks as rendered.
   */
  public static RenderedChart apply(String subject, RenderedChart rendered, HelmRelease.Spec spec,
      Map<String, String> originLabels) {
    if (!configured(spec)) {
      return rendered;
    }
    String strategy = spec.postRenderStrategy() == null ? COMBINED : spec.postRenderStrategy();
    if (rendered.hooks().isEmpty() || NO_HOOKS.equals(strategy)) {
      String manifest = render(subject, rendered.manifest(), spec, originLabels);
      return manifest.equals(rendered.manifest()) ? rendered : with(rendered, manifest, rendered.hooks());
    }
    List<Map<String, Object>> hookDocs = new ArrayList<>();
    for (RenderedHook hook : rendered.hooks()) {
      for (Map<String, Object> doc : documents(subject + " hook " + hook.path(), hook.manifest())) {
        new KubeObject(doc, subject).setAnnotation(TEMPLATE_PATH, hook.path());
        hookDocs.add(doc);
      }
    }
    List<Map<String, Object>> manifestDocs = documents(subject, rendered.manifest());
    List<Map<String, Object>> out = new ArrayList<>();
    if (COMBINED.equals(strategy)) {
      List<Map<String, Object>> all = new ArrayList<>(manifestDocs);
      all.addAll(hookDocs);
      out.addAll(postRender(subject, all, spec, originLabels));
    } else {
      out.addAll(manifestDocs.isEmpty() ? List.of() : postRender(subject, manifestDocs, spec, originLabels));
      out.addAll(postRender(subject, hookDocs, spec, originLabels));
    }
    List<Map<String, Object>> manifest = new ArrayList<>();
    List<RenderedHook> hooks = new ArrayList<>();
    for (Map<String, Object> doc : out) {
      KubeObject o = new KubeObject(doc, subject);
      String path = o.annotations().get(TEMPLATE_PATH);
      if (o.metadata().get("annotations") instanceof Map<?, ?> annotations) {
        annotations.remove(TEMPLATE_PATH);
        if (annotations.isEmpty()) {
          o.metadata().remove("annotations");
        }
      }
      if (!o.annotations().containsKey(HookAnnotations.HOOK)) {
        manifest.add(o.content());
        continue;
      }
      String content = YamlWriter.write(o.content()).strip();
      RenderedHook hook = TemplateOutput.hook(new TemplateOutput.Document(path == null ? "" : path, content,
          Yaml.json().valueToTree(o.content())));
      if (hook != null) {
        hooks.add(hook);
      }
    }
    return with(rendered, manifest.isEmpty() ? "" : YamlWriter.writeAll(manifest), hooks);
  }

  private static RenderedChart with(RenderedChart rendered, String manifest, List<RenderedHook> hooks) {
    return new RenderedChart(rendered.chartName(), rendered.chartVersion(), rendered.appVersion(), manifest, hooks,
        rendered.crds(), rendered.notes(), rendered.chart());
  }

  /**
   * The post-rendered manifest; {@code subject} ({@code HelmRelease/ns/name}) and the renderer's
   * index name a failure.
   */
  public static String render(String subject, String manifest, HelmRelease.Spec spec, Map<String, String> originLabels) {
    if (!configured(spec) || manifest.isBlank()) {
      return manifest;
    }
    return YamlWriter.writeAll(postRender(subject, documents(subject, manifest), spec, originLabels));
  }

  /** The chain over one stream of documents: each kustomize post-renderer, commonMetadata, the origin labels. */
  private static List<Map<String, Object>> postRender(String subject, List<Map<String, Object>> docs,
      HelmRelease.Spec spec, Map<String, String> originLabels) {
    List<HelmRelease.PostRenderer> renderers = spec.postRenderers() == null ? List.of() : spec.postRenderers();
    for (int i = 0; i < renderers.size(); i++) {
      HelmRelease.KustomizePostRenderer kustomize = renderers.get(i).kustomize();
      if (kustomize != null) {
        docs = kustomize(subject + " spec.postRenderers[" + i + "].kustomize", docs, kustomize);
      }
    }
    List<Map<String, Object>> out = new ArrayList<>(docs.size());
    for (Map<String, Object> doc : docs) {
      KubeObject o = new KubeObject(doc, subject);
      Kustomization.CommonMetadata meta = spec.commonMetadata();
      if (meta != null && meta.labels() != null) {
        meta.labels().forEach(o::setLabel);
      }
      if (meta != null && meta.annotations() != null) {
        meta.annotations().forEach(o::setAnnotation);
      }
      originLabels.forEach(o::setLabel);
      out.add(o.content());
    }
    return out;
  }

  private static List<Map<String, Object>> documents(String subject, String manifest) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Map<String, Object> doc : YamlReader.readHelmDocuments(subject + " manifest", manifest)) {
      if (doc != null && !doc.isEmpty()) {
        docs.add(doc);
      }
    }
    return docs;
  }

  private static List<Map<String, Object>> kustomize(String where, List<Map<String, Object>> docs,
      HelmRelease.KustomizePostRenderer renderer) {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    k.put("kind", "Kustomization");
    k.put("resources", List.of(RESOURCES));
    if (renderer.patches() != null && !renderer.patches().isEmpty()) {
      k.put("patches", renderer.patches().stream().map(SpecKustomizer::patch).toList());
    }
    if (renderer.patchesStrategicMerge() != null && !renderer.patchesStrategicMerge().isEmpty()) {
      k.put("patchesStrategicMerge", renderer.patchesStrategicMerge().stream().map(YamlWriter::write).toList());
    }
    if (renderer.patchesJson6902() != null && !renderer.patchesJson6902().isEmpty()) {
      k.put("patchesJson6902", renderer.patchesJson6902().stream().map(HelmPostRenderer::json6902).toList());
    }
    if (renderer.images() != null && !renderer.images().isEmpty()) {
      k.put("images", renderer.images().stream().map(SpecKustomizer::image).toList());
    }
    MemoryFileSystem fs = new MemoryFileSystem()
        .write("kustomization.yaml", YamlWriter.write(k))
        .write(RESOURCES, YamlWriter.writeAll(docs));
    try {
      return new Kustomizer().build(fs, "").stream().map(KubeObject::content).toList();
    } catch (ManifestException e) {
      throw new ChartRenderException(where + ": " + e.getMessage());
    }
  }

  private static Map<String, Object> json6902(HelmRelease.Json6902Patch p) {
    Map<String, Object> entry = new LinkedHashMap<>();
    if (p.target() != null) {
      entry.put("target", SpecKustomizer.selector(p.target()));
    }
    entry.put("patch", Yaml.write(p.patch() == null ? List.of() : p.patch()));
    return entry;
  }
}
