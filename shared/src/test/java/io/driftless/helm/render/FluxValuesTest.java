package io.driftless.helm.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FluxValuesTest {
  private static final ValuesReference CM = new ValuesReference("ConfigMap", "apps", "podinfo-values", null);
  private static final ValuesReference SECRET = new ValuesReference("Secret", "apps", "podinfo-secret", "token");

  private static ValuesLayer doc(String yaml) {
    return new ValuesLayer.Document(CM, yaml);
  }

  private static ValuesLayer at(String path, String value) {
    return new ValuesLayer.AtPath(SECRET, path, value, false);
  }

  @Test
  void laterDocumentsWinAndMapsMergeKeyByKeyButListsReplace() {
    Map<String, Object> merged = FluxValues.merge(List.of(
        doc("image: {repository: nginx, tag: '1.0'}\nports: [80, 443]\nreplicas: 1"),
        doc("image: {tag: '2.0'}\nports: [8080]")), Map.of());

    assertThat(merged).isEqualTo(Map.of(
        "image", Map.of("repository", "nginx", "tag", "2.0"),
        "ports", List.of(8080),
        "replicas", 1));
  }

  @Test
  void inlineValuesWinOverEveryDocument() {
    Map<String, Object> merged = FluxValues.merge(List.of(doc("replicas: 3\nlabel: from-configmap")),
        Map.of("replicas", 5));

    assertThat(merged).isEqualTo(Map.of("replicas", 5, "label", "from-configmap"));
  }

  @Test
  void aTargetPathValueWinsOverInlineValuesBecauseInlineIsMergedFirstThenThePathIsSet() {
    Map<String, Object> merged = FluxValues.merge(List.of(at("auth.token", "s3cr3t")),
        Map.of("auth", Map.of("token", "inline", "user", "admin")));

    assertThat(merged).isEqualTo(Map.of("auth", Map.of("token", "s3cr3t", "user", "admin")));
  }

  @Test
  void aTargetPathIntoAListOnlyTheInlineValuesSetSurvivesALaterDocumentAndTheFinalInlineMerge() {
    Map<String, Object> merged = FluxValues.merge(List.of(
        at("nested.configuration[0]", "value"),
        doc("flat: value\nnested:\n  configuration: [one, two, three]")),
        Map.of("nested", Map.of("configuration", List.of("list", "item", "option"))));

    assertThat(merged).isEqualTo(Map.of(
        "flat", "value",
        "nested", Map.of("configuration", List.of("value", "item", "option"))));
  }

  @Test
  void aTopLevelKeySetByTargetPathAndByInlineValuesEndsWithTheInlineValue() {
    Map<String, Object> merged = FluxValues.merge(List.of(at("replicas", "3")), Map.of("replicas", 1));

    assertThat(merged).isEqualTo(Map.of("replicas", 1));
  }

  @Test
  void aLaterDocumentStillLosesToInlineButBeatsAnEarlierTargetPath() {
    Map<String, Object> merged = FluxValues.merge(List.of(at("a", "from-path"), doc("a: from-doc\nb: doc")),
        Map.of("b", "inline"));

    assertThat(merged).isEqualTo(Map.of("a", "from-doc", "b", "inline"));
  }

  @Test
  void targetPathValuesAreTypedAsHelmSetDoes() {
    Map<String, Object> merged = FluxValues.merge(List.of(
        at("count", "42"), at("enabled", "TRUE"), at("zip", "0123"), at("zero", "0"),
        at("ratio", "1.5"), at("gone", "null")), Map.of());

    Map<String, Object> expected = new HashMap<>();
    expected.put("count", 42L);
    expected.put("enabled", true);
    expected.put("zip", "0123");
    expected.put("zero", 0L);
    expected.put("ratio", "1.5");
    expected.put("gone", null);
    assertThat(merged).isEqualTo(expected);
  }

  @Test
  void quotedTargetPathValuesAreUnquotedAndKeptAsStrings() {
    Map<String, Object> merged = FluxValues.merge(List.of(at("port", "\"8080\""), at("flag", "'true'")), Map.of());

    assertThat(merged).isEqualTo(Map.of("port", "8080", "flag", "true"));
  }

  @Test
  void targetPathSupportsIndexesEscapedDotsListsAndCommaSeparatedAssignments() {
    Map<String, Object> merged = FluxValues.merge(List.of(
        at("ingress.hosts[1].name", "b.example.com"),
        at("podAnnotations.prometheus\\.io/scrape", "true"),
        at("args", "{--verbose,--port=80}"),
        at("a", "1,b=2")), Map.of());

    assertThat(merged).containsEntry("ingress", Map.of("hosts", Arrays.asList(null, Map.of("name", "b.example.com"))));
    assertThat(merged).containsEntry("podAnnotations", Map.of("prometheus.io/scrape", true));
    assertThat(merged).containsEntry("args", List.of("--verbose", "--port=80"));
    assertThat(merged).containsEntry("a", 1L).containsEntry("b", 2L);
  }

  @Test
  void aLiteralTargetPathKeepsCommasAndBracesAsText() {
    Map<String, Object> merged = FluxValues.merge(List.of(
        new ValuesLayer.AtPath(SECRET, "config.json", "{\"a\":1,\"b\":2}", true)), Map.of());

    assertThat(merged).isEqualTo(Map.of("config", Map.of("json", "{\"a\":1,\"b\":2}")));
  }

  @Test
  void theInputsAreNotChanged() {
    Map<String, Object> nested = new HashMap<>(Map.of("x", 1));
    Map<String, Object> inline = new HashMap<>(Map.of("m", nested));
    FluxValues.merge(List.of(doc("m: {y: 2}"), at("m.z", "3")), inline);

    assertThat(inline).isEqualTo(Map.of("m", Map.of("x", 1)));
  }

  @Test
  void emptyDocumentsAddNothing() {
    assertThat(FluxValues.merge(List.of(doc(""), doc("# only a comment\n")), Map.of("a", 1))).isEqualTo(Map.of("a", 1));
  }

  @Test
  void aValuesFileThatIsNotYamlNamesTheReference() {
    assertThatThrownBy(() -> FluxValues.merge(List.of(doc("a: [unclosed")), Map.of()))
        .isInstanceOf(ValuesException.class)
        .hasMessageStartingWith("could not resolve ConfigMap chart values reference 'apps/podinfo-values' "
            + "with key 'values.yaml': failed to read values data:")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> FluxValues.merge(List.of(doc("- a\n- b")), Map.of()))
        .hasMessageEndingWith("the values are a YAML list, not a map");
  }

  @Test
  void aBadTargetPathNamesTheReferenceAndThePathButNotTheValue() {
    assertThatThrownBy(() -> FluxValues.merge(List.of(at("a[x]", "s3cr3t")), Map.of()))
        .isInstanceOf(ValuesException.class)
        .hasMessageStartingWith("could not resolve Secret chart values reference 'apps/podinfo-secret' "
            + "with key 'token': failed to set targetPath 'a[x]':")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void settingAPathThroughAScalarFails() {
    assertThatThrownBy(() -> FluxValues.merge(List.of(at("a.b", "1")), Map.of("a", "text")))
        .hasMessageContaining("failed to set targetPath 'a.b'");
    assertThat(new ArrayList<>()).isEmpty();
  }
}
