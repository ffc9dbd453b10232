package io.driftless.helm.render;

/**
 * Where one {@code valuesFrom} entry came from, for error messages: {@code kind} ConfigMap or Secret,
 * the object's namespace and name, and the key read ({@code valuesKey}, default {@code values.yaml}).
 */
public record ValuesReference(String kind, String namespace, String name, String valuesKey) {
  public static final String DEFAULT_VALUES_KEY = "values.yaml";

  public ValuesReference {
    if (valuesKey == null || valuesKey.isEmpty()) {
      valuesKey = DEFAULT_VALUES_KEY;
    }
  }

  /** Flux's wording: {@code ConfigMap chart values reference 'ns/name' with key 'values.yaml'}. */
  String describe() {
    return kind + " chart values reference '" + namespace + "/" + name + "' with key '" + valuesKey + "'";
  }
}
