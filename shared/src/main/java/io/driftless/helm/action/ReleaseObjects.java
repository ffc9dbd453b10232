package io.driftless.helm.action;

import io.driftless.apply.OwnerLabels;
import io.driftless.model.KubeObject;
import io.driftless.model.helm.HelmRelease;
import io.driftless.render.kustomize.yaml.YamlReader;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster objects of a release, as helm-controller applies them: the documents of a rendered (or
 * stored) manifest, namespaced ones without a namespace put in the release namespace (the cluster's
 * discovery says which kinds are namespaced), stamped with helm-controller's origin labels and
 * Helm's ownership metadata.
 */
public final class ReleaseObjects {
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String RELEASE_NAME = "meta.helm.sh/release-name";
  static final String RELEASE_NAMESPACE = "meta.helm.sh/release-namespace";

  private final KubernetesClient client;
  private final Map<String, Boolean> namespaced = new ConcurrentHashMap<>();

  public ReleaseObjects(KubernetesClient client) {
    this.client = client;
  }

  /** helm-controller's origin labels, in the order it writes them. */
  public static Map<String, String> originLabels(HelmRelease hr) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(OwnerLabels.HELM_NAME_LABEL, hr.name());
    labels.put(OwnerLabels.HELM_NAMESPACE_LABEL, hr.namespace());
    return labels;
  }

  public List<KubeObject> of(HelmRelease hr, String releaseName, String releaseNamespace, String origin, String manifest) {
    List<KubeObject> objects = hooks(hr, releaseNamespace, origin, manifest);
    for (KubeObject o : objects) {
      o.setLabel(MANAGED_BY, "Helm");
      o.setAnnotation(RELEASE_NAME, releaseName);
      o.setAnnotation(RELEASE_NAMESPACE, releaseNamespace);
    }
    return objects;
  }

  /**
   * A hook's objects: in the release namespace when namespaced and without one, with the origin
   * labels helm-controller's post-renderer puts on every rendered document, and without Helm's
   * ownership metadata (Helm does not adopt hooks into the release).
   */
  List<KubeObject> hooks(HelmRelease hr, String releaseNamespace, String origin, String manifest) {
    List<KubeObject> objects = new ArrayList<>();
    for (Map<String, Object> doc : YamlReader.readHelmDocuments(origin, manifest)) {
      if (doc == null || doc.isEmpty()) {
        continue;
      }
      KubeObject o = new KubeObject(doc, origin);
      if (o.namespace().isEmpty() && isNamespaced(o)) {
        o.metadata().put("namespace", releaseNamespace);
      }
      OwnerLabels.helm(hr.name(), hr.namespace()).applyTo(o);
      objects.add(o);
    }
    return objects;
  }

  /** Chart CRDs get the origin labels only, as helm-controller's CRD policy applies them. */
  public List<KubeObject> crds(HelmRelease hr, String origin, String content) {
    List<KubeObject> objects = new ArrayList<>();
    for (Map<String, Object> doc : YamlReader.readHelmDocuments(origin, content)) {
      if (doc != null && "CustomResourceDefinition".equals(doc.get("kind"))) {
        KubeObject o = new KubeObject(doc, origin);
        OwnerLabels.helm(hr.name(), hr.namespace()).applyTo(o);
        objects.add(o);
      }
    }
    return objects;
  }

  private boolean isNamespaced(KubeObject o) {
    String key = o.apiVersion() + "/" + o.kind();
    return namespaced.computeIfAbsent(key, k -> {
      APIResourceList list = client.getApiResources(o.apiVersion());
      if (list == null) {
        return true; // unserved: the apply names the kind
      }
      return list.getResources().stream().filter(r -> o.kind().equals(r.getKind()) && !r.getName().contains("/"))
          .findFirst().map(APIResource::getNamespaced).orElse(true);
    });
  }
}
