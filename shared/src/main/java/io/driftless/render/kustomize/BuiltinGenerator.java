package io.driftless.render.kustomize;

import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import java.util.LinkedHashMap;
import java.util.Map;

/** One builtin generator config: ConfigMapGenerator, SecretGenerator or IAMPolicyGenerator. */
final class BuiltinGenerator {
  private final KustomizationFile k;
  private final Resource config;

  BuiltinGenerator(KustomizationFile k, Resource config) {
    this.k = k;
    this.config = config;
  }

  void run(ResMap m, String kind) {
    switch (kind) {
      case "ConfigMapGenerator" -> generators().generate(m, args(), "ConfigMap", Map.of());
      case "SecretGenerator" -> generators().generate(m, args(), "Secret", Map.of());
      case "IAMPolicyGenerator" -> m.add(iamServiceAccount(), k.file);
      default -> throw new ManifestException(k.file, "generators: " + kind + "/" + config.name()
          + " is refused: Helm charts are not rendered (render the chart and list its output "
          + "under resources)");
    }
  }

  /** Generators reading files beside the kustomization, recording the config file as the origin. */
  private Generators generators() {
    return new Generators(k.with(k.fields, config.object.origin()), config.name());
  }

  /** The generator's arguments: its own fields, name and namespace defaulting to its metadata's. */
  private Map<String, Object> args() {
    Map<String, Object> g = new LinkedHashMap<>(config.content());
    g.remove("apiVersion");
    g.remove("kind");
    g.remove("metadata");
    if (KustomizationFile.str(g.get("name")).isEmpty()) {
      g.put("name", config.name());
    }
    if (KustomizationFile.str(g.get("namespace")).isEmpty() && !config.namespace().isEmpty()) {
      g.put("namespace", config.namespace());
    }
    return g;
  }

  /** kustomize's GKE workload identity: a ServiceAccount naming its Google service account. */
  private Resource iamServiceAccount() {
    Map<String, Object> c = config.content();
    String cloud = KustomizationFile.str(c.get("cloud"));
    if (!cloud.equals("gke")) {
      throw new ManifestException(k.file, "generators: IAMPolicyGenerator/" + config.name()
          + ": cloud provider " + cloud + " not supported yet");
    }
    Map<?, ?> kube = c.get("kubernetesService") instanceof Map<?, ?> x ? x : Map.of();
    Map<?, ?> sa = c.get("serviceAccount") instanceof Map<?, ?> x ? x : Map.of();
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put("iam.gke.io/gcp-service-account", KustomizationFile.str(sa.get("name")) + "@"
        + KustomizationFile.str(sa.get("projectId")) + ".iam.gserviceaccount.com");
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("annotations", annotations);
    meta.put("name", KustomizationFile.str(kube.get("name")));
    String ns = KustomizationFile.str(kube.get("namespace"));
    if (!ns.isEmpty()) {
      meta.put("namespace", ns);
    }
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("apiVersion", "v1");
    obj.put("kind", "ServiceAccount");
    obj.put("metadata", meta);
    Resource r = new Resource(new KubeObject(obj, config.object.origin()));
    r.generatedBy = "IAMPolicyGenerator";
    r.generatorName = config.name();
    return r;
  }
}
