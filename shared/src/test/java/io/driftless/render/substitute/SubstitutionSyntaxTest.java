package io.driftless.render.substitute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per envsubst form: the value of {@code spec.v} in the input YAML, and the value Flux
 * leaves there (compared after reading back, so {@code 3} is a number) or the error it gives.
 * Expected values come from fluxcd/pkg envsubst's parser, functions and tests (no flux CLI here).
 */
class SubstitutionSyntaxTest {
  private static final Map<String, String> VARS = new LinkedHashMap<>();

  static {
    VARS.put("name", "web");
    VARS.put("env", "prod");
    VARS.put("empty", "");
    VARS.put("upper", "ABCDEFGH28IJ");
    VARS.put("path", "/home/bozo/ideas/thoughts.for.today");
    VARS.put("file", "bash.string.txt");
    VARS.put("slashy", "path/to/file");
    VARS.put("stringZ", "abcABC123ABCabc");
    VARS.put("neg", "-5");
    VARS.put("n", "3");
    VARS.put("accent", "é");
  }

  static Stream<Arguments> expansions() {
    return Stream.of(
        row("${name}", "web"),
        row("pre-${name}-post", "pre-web-post"),
        row("${missing:=dflt}", "dflt"),
        row("${name:=dflt}", "web"),
        row("${empty:=dflt}", "dflt"),
        row("${missing=dflt}", "dflt"),
        row("${name=dflt}", "web"),
        row(
            "${empty=dflt} (empty counts as unset, unlike bash)",
            "dflt (empty counts as unset, unlike bash)"),
        row("${missing:-dflt}", "dflt"),
        row("${empty:-dflt}", "dflt"),
        row("${name:-dflt}", "web"),
        row("${missing:=${name}-x}", "web-x"),
        // Flux reads the emptied scalar as null; io.driftless.model.Yaml reads empty scalars as ""
        row("${missing:=}", ""),
        row("${path:11}", "ideas/thoughts.for.today"),
        row("${path:11:5}", "ideas"),
        row("${path:${neg}}", "today"),
        row("${name:1:-1}", "e"),
        row("${name:10}", ""),
        row("${name:x}", "web"),
        row("${#name}", 3),
        row("${#empty}", 0),
        row("${#accent} (UTF-8 bytes, as Go counts)", "2 (UTF-8 bytes, as Go counts)"),
        row("${slashy#[^/]*/}", "to/file"),
        row("${file#[}", "bash.string.txt"),
        row(
            "${stringZ/#abc/} (prefix replace needs a replacement)",
            "abcABC123ABCabc (prefix replace needs a replacement)"),
        row("${name/w/$$}", "$eb"),
        row("${missing:=${env^^}}", "PROD"),
        row("${name:=a}b}", "webb}"),
        row("${env^}", "Prod"),
        row("${env^^}", "PROD"),
        row("${upper,}", "aBCDEFGH28IJ"),
        row("${upper,,}", "abcdefgh28ij"),
        row("${file#*.}", "string.txt"),
        row("${file##*.}", "txt"),
        row("${file%.*}", "bash.string"),
        row("${file%%.*}", "bash"),
        row("${slashy#*/}", "to/file"),
        row("${slashy##*/}", "file"),
        row("${file#[a-c]*.}", "string.txt"),
        row("${file#nomatch}", "bash.string.txt"),
        row("${stringZ/abc/xyz}", "xyzABC123ABCabc"),
        row("${stringZ//abc/xyz}", "xyzABC123ABCxyz"),
        row("${stringZ/#abc/XYZ}", "XYZABC123ABCabc"),
        row("${stringZ/%abc/XYZ}", "abcABC123ABCXYZ"),
        row("${stringZ/#/pre-}", "pre-abcABC123ABCabc"),
        row("${stringZ/%/-post}", "abcABC123ABCabc-post"),
        row("${stringZ/a*/x} (a literal, not a glob)", "abcABC123ABCabc (a literal, not a glob)"),
        row("${name/e/}", "wb"),
        row("${slashy//\\//-}", "path-to-file"),
        row("$${name}", "${name}"),
        row("$$${name}", "$web"),
        row("cost $$5", "cost $5"),
        row("$name stays", "$name stays"),
        row("${name:+alt} (Flux treats :+ as :-)", "web (Flux treats :+ as :-)"),
        row("${missing:+alt}", "alt"),
        row("${missing:?msg} (Flux treats :? as :-)", "msg (Flux treats :? as :-)"));
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        row("${name-dflt}", "missing closing brace"),
        row("${name+alt}", "missing closing brace"),
        row("${name?msg}", "missing closing brace"),
        row("${my-var}", "missing closing brace"),
        row("${name", "missing closing brace"),
        row("${}", "unable to parse variable name"),
        row("${#}", "bad substitution"),
        row("${name/abc}", "bad substitution"),
        row("${name^^x}", "bad substitution"),
        row("${name#}", "unable to parse substitution within function"),
        row("${missing}", "variable not set (strict mode): \"missing\""),
        row("${missing^^}", "variable not set (strict mode): \"missing\""),
        row("${#missing}", "variable not set (strict mode): \"missing\""),
        row("${missing:0:2}", "variable not set (strict mode): \"missing\""),
        row("${missing//a/b}", "variable not set (strict mode): \"missing\""),
        row(
            "${name:=${missing}} (arguments are expanded first)",
            "variable not set (strict mode): \"missing\""));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("expansions")
  void expandsLikeFlux(String value, Object expected) {
    KubeObject out =
        new VariableSubstitutor(VARS, SubstituteOptions.defaults()).substitute(object(value));
    assertThat(spec(out)).containsEntry("v", expected);
  }

  @ParameterizedTest(name = "{0} fails: {1}")
  @MethodSource("errors")
  void failsLikeFlux(String value, String error) {
    VariableSubstitutor substitutor = new VariableSubstitutor(VARS, SubstituteOptions.defaults());
    assertThatThrownBy(() -> substitutor.substitute(object(value)))
        .isInstanceOf(SubstitutionException.class)
        .hasMessageContaining(error)
        .hasMessageContaining("example.yaml: Example/apps/ex: field spec.v: ");
  }

  static KubeObject object(String value) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("v", value);
    String yaml =
        "apiVersion: example.io/v1\nkind: Example\nmetadata:\n  name: ex\n  namespace: apps\n"
            + "spec:\n  v: "
            + Yaml.write(spec.get("v")).trim()
            + "\n";
    return new KubeObject(Yaml.readDocuments("example.yaml", yaml).get(0), "example.yaml");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(KubeObject o) {
    return (Map<String, Object>) o.content().get("spec");
  }

  private static Arguments row(String value, Object expected) {
    return Arguments.of(value, expected);
  }
}
