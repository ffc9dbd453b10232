package io.driftless.helm.action;

import io.driftless.helm.render.FluxValues;
import io.driftless.helm.render.ValuesException;
import io.driftless.helm.render.ValuesLayer;
import io.driftless.helm.render.ValuesReference;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmRelease;
import io.driftless.source.Digests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A HelmRelease's values: its {@code valuesFrom} ConfigMaps and Secrets read from the cluster (each
 * once, in the HelmRelease's namespace), merged with the inline values in helm-controller's order by
 * {@link FluxValues}; and the config digest helm-controller compares releases by.
 */
public final class ValuesInputs {
  private ValuesInputs() {}

  public static Map<String, Object> merged(HelmRelease hr, KubernetesClient client) {
    List<ValuesLayer> layers = new ArrayList<>();
    Map<String, Map<String, String>> read = new TreeMap<>();
    for (HelmRelease.ValuesReference ref : hr.spec().valuesReferences()) {
      ValuesReference where = new ValuesReference(ref.kind(), hr.namespace(), ref.name(), ref.effectiveValuesKey());
      Map<String, String> data = read.computeIfAbsent(ref.kind() + "/" + ref.name(), k -> data(client, hr, ref));
      if (data == null || !data.containsKey(where.valuesKey())) {
        if (ref.isOptional()) {
          continue;
        }
        throw new ValuesException("could not resolve " + ref.kind() + " chart values reference '" + hr.namespace()
            + "/" + ref.name() + "' with key '" + where.valuesKey() + "': "
            + (data == null ? ref.kind() + " not found" : "no such key"));
      }
      String text = data.get(where.valuesKey());
      boolean atPath = ref.targetPath() != null && !ref.targetPath().isBlank();
      layers.add(atPath
          ? new ValuesLayer.AtPath(where, ref.targetPath(), text, Boolean.TRUE.equals(ref.literal()))
          : new ValuesLayer.Document(where, text));
    }
    return FluxValues.merge(layers, hr.spec().values());
  }

  /**
   * {@code sha256:} over the values written as YAML with sorted keys (helm-controller hashes Go's
   * YAML of the same map; the text differs, so the digests are Driftless's own, stable across runs).
   */
  public static String configDigest(Map<String, Object> values) {
    String yaml = values.isEmpty() ? "" : Yaml.write(sorted(values));
    return Digests.sha256(yaml.getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Object sorted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new TreeMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> out.put(k, sorted(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ValuesInputs::sorted).toList();
    }
    return value;
  }

  /** The object's data as text, or null when it does not exist. */
  private static Map<String, String> data(KubernetesClient client, HelmRelease hr, HelmRelease.ValuesReference ref) {
    if ("Secret".equals(ref.kind())) {
      Secret s = client.secrets().inNamespace(hr.namespace()).withName(ref.name()).get();
      if (s == null) {
        return null;
      }
      Map<String, String> out = new TreeMap<>();
      if (s.getData() != null) {
        s.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
      }
      if (s.getStringData() != null) {
        out.putAll(s.getStringData());
      }
      return out;
    }
    ConfigMap cm = client.configMaps().inNamespace(hr.namespace()).withName(ref.name()).get();
    return cm == null ? null : cm.getData() == null ? Map.of() : cm.getData();
  }
}
