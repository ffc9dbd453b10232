package io.driftless.render.substitute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole objects through postBuild substitution: input YAML and variables in, expected YAML out. */
class VariableSubstitutorTest {
  private static final SubstituteOptions STRICT = SubstituteOptions.defaults();

  @Test
  void substitutesKeysAndValuesAnywhereInTheObject() {
    assertSubstitutes(
        Map.of("app", "web", "team", "payments", "ns", "apps"),
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: ${app}
          namespace: ${ns}
          labels:
            ${team}/owner: ${team}
        spec:
          template:
            spec:
              containers:
              - name: ${app}
                image: registry.example.com/${app}:1.0
        """,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: apps
          labels:
            payments/owner: payments
        spec:
          template:
            spec:
              containers:
              - name: web
                image: registry.example.com/web:1.0
        """);
  }

  @Test
  void numbersAndBooleansBecomeTypedAfterReparseEvenWhenQuotedInTheSource() {
    assertSubstitutes(
        Map.of("n", "3", "flag", "true", "port", "8080"),
        """
        apiVersion: example.io/v1
        kind: Example
        metadata: {name: ex}
        spec:
          replicas: ${n}
          quotedReplicas: "${n}"
          enabled: ${flag}
          portName: "8080"
          label: "port-${port}"
        """,
        """
        apiVersion: example.io/v1
        kind: Example
        metadata: {name: ex}
        spec:
          replicas: 3
          quotedReplicas: 3
          enabled: true
          portName: "8080"
          label: port-8080
        """);
  }

  @Test
  void theQuoteVariableKeepsANumberAString() {
    assertSubstitutes(
        Map.of("n", "3", "quote", "\""),
        "apiVersion: v1\n"
            + "kind: ConfigMap\n"
            + "metadata: {name: c}\n"
            + "data:\n"
            + "  replicas: ${quote}${n}${quote}\n",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  replicas: \"3\"\n");
  }

  @Test
  void secretStringDataIsSubstitutedAndBase64DataCannotBe() {
    assertSubstitutes(
        Map.of("user", "admin", "env", "prod"),
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: db-${env}
        data:
          token: JHt1c2VyfQ==
        stringData:
          username: ${user}
        """,
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: db-prod
        data:
          token: JHt1c2VyfQ==
        stringData:
          username: admin
        """);
  }

  @Test
  void substitutionIsTextualSoQuotesSurviveAndASpaceHashStartsAComment() {
    assertSubstitutes(
        Map.of("msg", "he said \"hi\" # not a comment", "who", "world"),
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        data:
          script: |
            echo "hello ${who}"
            echo $HOME
          say: 'say ${msg}'
        """,
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        data:
          script: |
            echo "hello world"
            echo $HOME
          say: 'say he said "hi"'
        """);
  }

  @Test
  void returnsANewObjectAndLeavesTheInputAlone() {
    KubeObject in =
        object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {v: '${a}'}\n");
    KubeObject out = new VariableSubstitutor(Map.of("a", "x"), STRICT).substitute(in);
    assertThat(out).isNotSameAs(in);
    assertThat(out.origin()).isEqualTo("test.yaml");
    assertThat(in.content())
        .isEqualTo(
            object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {v: '${a}'}\n")
                .content());
  }

  @Test
  void objectsLabelledOrAnnotatedSubstituteDisabledAreLeftAsTheyAre() {
    VariableSubstitutor s = new VariableSubstitutor(Map.of("a", "x"), STRICT);
    for (String meta :
        List.of(
            "labels: {kustomize.toolkit.fluxcd.io/substitute: disabled}",
            "annotations: {kustomize.toolkit.fluxcd.io/substitute: disabled}",
            "annotations: {kustomize.toolkit.fluxcd.io/substitute: Disabled}")) {
      KubeObject in =
          object(
              "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  "
                  + meta
                  + "\ndata: {v: '${a} ${undefined} ${bad-name}'}\n");
      assertThat(s.substitute(in)).as(meta).isSameAs(in);
    }
  }

  @Test
  void withVariablesAndNoVariablesAtAllTheObjectIsUntouched() {
    KubeObject in =
        object(
            "apiVersion: v1\n"
                + "kind: ConfigMap\n"
                + "metadata: {name: c}\n"
                + "data: {v: '${undefined} $${x}'}\n");
    assertThat(new VariableSubstitutor(Map.of(), STRICT).substitute(in)).isSameAs(in);
  }

  @Test
  void alwaysSubstitutesWithoutVariablesSoDefaultsAndEscapesApplyAndStrictFails() {
    VariableSubstitutor always =
        new VariableSubstitutor(Map.of(), new SubstituteOptions(true, "Always"));
    KubeObject out =
        always.substitute(
            object(
                "apiVersion: v1\n"
                    + "kind: ConfigMap\n"
                    + "metadata: {name: c}\n"
                    + "data: {v: '${x:=dflt} $${x}'}\n"));
    assertThat(out.content().get("data")).isEqualTo(Map.of("v", "dflt ${x}"));
    assertThatThrownBy(
            () ->
                always.substitute(
                    object(
                        "apiVersion: v1\n"
                            + "kind: ConfigMap\n"
                            + "metadata: {name: c}\n"
                            + "data: {v: '${x}'}\n")))
        .isInstanceOf(SubstitutionException.class)
        .hasMessageContaining("variable not set (strict mode): \"x\"");
  }

  @Test
  void nonStrictTurnsUndefinedVariablesIntoEmptyText() {
    VariableSubstitutor lenient =
        new VariableSubstitutor(Map.of("a", "x"), new SubstituteOptions(false, "WithVariables"));
    KubeObject out =
        lenient.substitute(
            object(
                "apiVersion: v1\n"
                    + "kind: ConfigMap\n"
                    + "metadata: {name: c}\n"
                    + "data: {v: 'pre-${undefined}-post'}\n"));
    assertThat(out.content().get("data")).isEqualTo(Map.of("v", "pre--post"));
  }

  @Test
  void newlinesAreStrippedFromValues() {
    VariableSubstitutor s = new VariableSubstitutor(Map.of("cert", "line1\nline2\n"), STRICT);
    assertThat(s.variables()).containsEntry("cert", "line1line2");
    KubeObject out =
        s.substitute(
            object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {v: '${cert}'}\n"));
    assertThat(out.content().get("data")).isEqualTo(Map.of("v", "line1line2"));
  }

  @Test
  void invalidVariableNamesAreRejectedNamingTheVariable() {
    for (String bad : List.of("my-var", "1st", "a.b", "")) {
      assertThatThrownBy(() -> new VariableSubstitutor(Map.of(bad, "v"), STRICT))
          .isInstanceOf(SubstitutionException.class)
          .hasMessageContaining(
              "'"
                  + bad
                  + "' var name is invalid, must match '^[_[:alpha:]][_[:alpha:][:digit:]]*$'");
    }
    assertThat(
            new VariableSubstitutor(Map.of("_ok_1", "v", "CLUSTER_NAME", "v"), STRICT).variables())
        .hasSize(2);
  }

  @Test
  void anUndefinedVariableNamesTheFileObjectFieldAndVariableButNoSecretValue() {
    KubeObject secret =
        object(
            """
            apiVersion: v1
            kind: Secret
            metadata: {name: db, namespace: apps}
            stringData:
              password: hunter2-${suffix}
              user: ${user}
            """);
    assertThatThrownBy(
            () -> new VariableSubstitutor(Map.of("user", "admin"), STRICT).substitute(secret))
        .isInstanceOfSatisfying(
            SubstitutionException.class,
            e -> {
              assertThat(e.variable()).isEqualTo("suffix");
              assertThat(e.subject()).isEqualTo("Secret/apps/db");
              assertThat(e.origin()).isEqualTo("test.yaml");
            })
        .hasMessage(
            "test.yaml: Secret/apps/db: field stringData.password: variable not set (strict mode):"
                + " \"suffix\"")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("admin");
  }

  @Test
  void aBadExpressionInAKeyNamesTheKey() {
    KubeObject in =
        object(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: apps}\n"
                + "data:\n  ok: ${a}\n  ${not-a-name}: v\n");
    assertThatThrownBy(() -> new VariableSubstitutor(Map.of("a", "x"), STRICT).substitute(in))
        .hasMessage(
            "test.yaml: ConfigMap/apps/c: field data.${not-a-name} (the key): "
                + "cannot parse ${...}: missing closing brace");
  }

  @Test
  void aValueThatBreaksTheYamlFailsNamingTheObjectWithoutQuotingIt() {
    KubeObject in =
        object(
            "apiVersion: v1\n"
                + "kind: ConfigMap\n"
                + "metadata: {name: c, namespace: apps}\n"
                + "data: {v: '${v}'}\n");
    assertThatThrownBy(
            () -> new VariableSubstitutor(Map.of("v", "s3cr3t: [oops"), STRICT).substitute(in))
        .isInstanceOf(SubstitutionException.class)
        .hasMessageStartingWith(
            "test.yaml: ConfigMap/apps/c: after substitution the object is not valid YAML")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void theRawEngineExpandsTextAndNamesTheLineOfABadExpression() {
    VariableSubstitutor s = new VariableSubstitutor(Map.of("a", "x"), STRICT);
    assertThat(s.substitute("in.yaml", "one: ${a}\ntwo: $${a}\nthree: $a\n"))
        .isEqualTo("one: x\ntwo: ${a}\nthree: $a\n");
    assertThatThrownBy(() -> s.substitute("in.yaml", "one: ${a}\ntwo: ${a-b}\n"))
        .hasMessage("in.yaml: line 2: cannot parse ${...}: missing closing brace");
    assertThatThrownBy(() -> s.substitute("in.yaml", "${b}"))
        .hasMessage("in.yaml: variable not set (strict mode): \"b\"");
  }

  @Test
  void substituteFromItemsMergeInListOrderAndInlineValuesWinOverAll() {
    Map<String, String> merged =
        SubstitutionVariables.merge(
            List.of(
                Map.of("a", "from-cm", "b", "from-cm"),
                Map.of("b", "from-secret", "c", "from-secret\n")),
            Map.of("c", "inline"));
    assertThat(merged)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("a", "from-cm", "b", "from-secret", "c", "inline"));
    assertThat(SubstitutionVariables.merge(List.of(Map.of("k", "v\nw")), null))
        .containsEntry("k", "vw");
  }

  private static void assertSubstitutes(Map<String, String> vars, String input, String expected) {
    KubeObject out = new VariableSubstitutor(vars, STRICT).substitute(object(input));
    assertThat(out.content()).isEqualTo(object(expected).content());
  }

  private static KubeObject object(String yaml) {
    return new KubeObject(Yaml.readDocuments("test.yaml", yaml).get(0), "test.yaml");
  }
}
