package io.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.Yaml;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JSON Pointers as drift ignore rules use them: escapes, list indexes, paths that are not there. */
class JsonPointerTest {
  private static Map<String, Object> doc() {
    return Yaml.readDocuments("doc", """
        metadata: {labels: {app.kubernetes.io/name: web, a~b: tilde}}
        spec:
          replicas: 3
          containers: [{name: web, image: "web:1"}, {name: sidecar, image: "side:1"}]
          empty: null
        """).get(0);
  }

  @Test
  void readsThroughMapsListsAndEscapes() {
    Map<String, Object> d = doc();
    assertThat(JsonPointer.parse("/metadata/labels/app.kubernetes.io~1name").get(d)).contains("web");
    assertThat(JsonPointer.parse("/metadata/labels/a~0b").get(d)).contains("tilde");
    assertThat(JsonPointer.parse("/spec/containers/1/image").get(d)).contains("side:1");
    assertThat(JsonPointer.parse("/spec/empty").get(d)).contains(JsonPointer.NULL);
    assertThat(JsonPointer.parse("/spec/containers/2/image").get(d)).isEmpty();
    assertThat(JsonPointer.parse("/spec/nothing/here").get(d)).isEmpty();
  }

  @Test
  void removesAndSetsOnlyWhereTheParentExists() {
    Map<String, Object> d = doc();
    JsonPointer.parse("/spec/replicas").remove(d);
    JsonPointer.parse("/spec/containers/0/image").set(d, "web:2");
    JsonPointer.parse("/spec/missing/field").set(d, "x");
    JsonPointer.parse("/spec/nothing").remove(d);

    assertThat(JsonPointer.parse("/spec/replicas").get(d)).isEmpty();
    assertThat(JsonPointer.parse("/spec/containers/0/image").get(d)).contains("web:2");
    assertThat(JsonPointer.parse("/spec/missing").get(d)).isEmpty();
  }

  @Test
  void aPointerMustStartWithASlash() {
    assertThatThrownBy(() -> JsonPointer.parse("spec/replicas")).hasMessage("JSON pointer must start with '/': spec/replicas");
  }
}
