package io.driftless.helm.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Yaml;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Helm's {@code CoalesceTables}, which {@code upgrade.preserveValues} uses to keep the previous release's values. */
class PreservedValuesTest {

  private static Map<String, Object> yaml(String text) {
    return Yaml.readDocuments("values.yaml", text).get(0);
  }

  @Test
  void theNewValuesWinMapsMergeAndAnOldKeyTheNewValuesDoNotSetIsKept() {
    Map<String, Object> merged = PreservedValues.coalesce(
        yaml("image: {tag: \"3.0.0\"}\nlist: [c]\n"),
        yaml("replicaCount: 2\nimage: {repository: web, tag: \"2.0.0\"}\nlist: [a, b]\n"));

    assertThat(merged).isEqualTo(yaml("image: {tag: \"3.0.0\", repository: web}\nlist: [c]\nreplicaCount: 2\n"));
  }

  @Test
  void aNullInTheNewValuesRemovesTheOldKey() {
    Map<String, Object> merged = PreservedValues.coalesce(yaml("replicaCount: null\nimage: {tag: ~}\n"),
        yaml("replicaCount: 2\nimage: {repository: web, tag: \"2.0.0\"}\n"));

    assertThat(merged).isEqualTo(yaml("image: {repository: web}\n"));
  }
}
