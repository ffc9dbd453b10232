package io.driftless.render.kustomize.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.ManifestException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Helm's output read as Helm's kube client reads a release manifest (sigs.k8s.io/yaml's YAMLToJSON
 * over yaml.v2), where the kustomize reader reads it as kyaml does.
 */
class HelmDocumentsTest {
  private static List<Map<String, Object>> read(String text) {
    return YamlReader.readHelmDocuments("web/templates/output.yaml", text);
  }

  @Test
  void anEmptyValueAndATildeAreNullWhereTheOtherReaderOfHelmOutputSawAnEmptyString() {
    Map<String, Object> doc = read("kind: ConfigMap\nmetadata: {name: a, labels: ~}\ndata:\n").get(0);

    Map<String, Object> metadata = new HashMap<>();
    metadata.put("name", "a");
    metadata.put("labels", null);
    Map<String, Object> expected = new HashMap<>();
    expected.put("kind", "ConfigMap");
    expected.put("metadata", metadata);
    expected.put("data", null);
    assertThat(doc).isEqualTo(expected);
    assertThat(read("q: \"\"\n").get(0)).containsEntry("q", "");
  }

  @Test
  void emptyAndCommentOnlyDocumentsAnywhereInTheStreamAreSkipped() {
    assertThat(read("a: 1\n---\n# only a comment\n---\n---\n\n---\nb: 2\n---\n"))
        .containsExactly(Map.of("a", 1L), Map.of("b", 2L));
    assertThat(read("# nothing\n")).isEmpty();
  }

  @Test
  void aRepeatedKeyKeepsItsLastValueAsYamlV2Does() {
    assertThat(read("data:\n  colour: red\n  colour: blue\n").get(0))
        .isEqualTo(Map.of("data", Map.of("colour", "blue")));
  }

  @Test
  void aSeparatorInsideABlockScalarIsText() {
    assertThat(read("script: |\n  ---\n  echo\n---\nb: 2\n"))
        .containsExactly(Map.of("script", "---\necho\n"), Map.of("b", 2L));
  }

  @Test
  void yaml11BooleansAndTypedAnnotationsAsSigsYamlReadsThem() {
    Map<String, Object> doc = read("flag: yes\nmetadata:\n  annotations: {replicas: 3, off: off}\n").get(0);

    assertThat(doc).containsEntry("flag", true);
    assertThat(doc.get("metadata")).isEqualTo(Map.of("annotations", Map.of("replicas", 3L, "false", false)));
  }

  @Test
  void aDocumentThatIsNotAMappingIsRefusedNamingTheFile() {
    assertThatThrownBy(() -> read("a: 1\n---\n- x\n"))
        .isInstanceOf(ManifestException.class).hasMessageContaining("web/templates/output.yaml");
  }
}
