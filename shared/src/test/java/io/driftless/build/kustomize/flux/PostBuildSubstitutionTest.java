package io.driftless.build.kustomize.flux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.build.kustomize.yaml.YamlReader;
import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostBuildSubstitutionTest {

  private static KubeObject object(String yaml) {
    return new KubeObject(YamlReader.readDocuments("app/cm.yaml", yaml).get(0), "app/cm.yaml");
  }

  private static Map<String, Object> data(KubeObject o) {
    @SuppressWarnings("unchecked")
    Map<String, Object> d = (Map<String, Object>) o.content().get("data");
    return d;
  }

  private static final String CM = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: app
      data:
        region: ${region}
        replicas: "${replicas:=2}"
        fallback: ${missing:-default-value}
        escaped: $${region}
        bare: $region
        upper: ${region^^}
        sub: ${region:0:2}
        trimmed: ${image##*/}
        replaced: ${region/-/_}
      """;

  @Test
  void substitutesVariablesDefaultsEscapesAndOperatorsAsFluxDoes() {
    PostBuildSubstitution s = new PostBuildSubstitution(
        Map.of("region", "eu-west", "image", "ghcr.io/org/app"),
        PostBuildSubstitution.Strategy.WITH_VARIABLES, true);

    Map<String, Object> d = data(s.apply(List.of(object(CM))).get(0));

    assertThat(d).containsEntry("region", "eu-west")
        // the object is written as YAML first, so the quotes are gone: Flux makes this a number too
        .containsEntry("replicas", 2L)
        .containsEntry("fallback", "default-value")
        .containsEntry("escaped", "${region}")
        .containsEntry("bare", "$region")
        .containsEntry("upper", "EU-WEST")
        .containsEntry("sub", "eu")
        .containsEntry("trimmed", "app")
        .containsEntry("replaced", "eu_west");
  }

  @Test
  void undefinedVariableWithoutDefaultFailsNamingObjectAndVariable() {
    PostBuildSubstitution s = new PostBuildSubstitution(Map.of("other", "x"),
        PostBuildSubstitution.Strategy.WITH_VARIABLES, true);

    assertThatThrownBy(() -> s.apply(List.of(object("apiVersion: v1\nkind: ConfigMap\n"
        + "metadata:\n  name: app\ndata:\n  a: ${undefined}\n"))))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("app/cm.yaml")
        .hasMessageContaining("ConfigMap/app")
        .hasMessageContaining("variable not set (strict mode): \"undefined\"");
  }

  @Test
  void newlinesAreStrippedFromValues() {
    PostBuildSubstitution s = new PostBuildSubstitution(Map.of("v", "line1\nline2\n"),
        PostBuildSubstitution.Strategy.WITH_VARIABLES, true);

    KubeObject out = s.apply(List.of(object("apiVersion: v1\nkind: ConfigMap\n"
        + "metadata:\n  name: app\ndata:\n  a: ${v}\n"))).get(0);

    assertThat(data(out)).containsEntry("a", "line1line2");
  }

  @Test
  void optedOutObjectsAreLeftAlone() {
    PostBuildSubstitution s = new PostBuildSubstitution(Map.of("v", "x"),
        PostBuildSubstitution.Strategy.WITH_VARIABLES, true);
    KubeObject in = object("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n"
        + "  annotations:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\n"
        + "data:\n  a: ${undefined}\n");

    assertThat(data(s.apply(List.of(in)).get(0))).containsEntry("a", "${undefined}");
  }

  @Test
  void withoutVariablesNothingRunsUnlessStrategyIsAlways() {
    KubeObject in = object("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n"
        + "data:\n  a: ${x:=fallback}\n");

    assertThat(data(new PostBuildSubstitution(Map.of(),
        PostBuildSubstitution.Strategy.WITH_VARIABLES, true).apply(List.of(in)).get(0)))
        .containsEntry("a", "${x:=fallback}");
    assertThat(data(new PostBuildSubstitution(Map.of(),
        PostBuildSubstitution.Strategy.ALWAYS, true).apply(List.of(in)).get(0)))
        .containsEntry("a", "fallback");
  }

  @Test
  void numbersSubstitutedUnquotedBecomeNumbers() {
    PostBuildSubstitution s = new PostBuildSubstitution(Map.of("n", "3"),
        PostBuildSubstitution.Strategy.WITH_VARIABLES, true);

    KubeObject out = s.apply(List.of(object("apiVersion: apps/v1\nkind: Deployment\n"
        + "metadata:\n  name: app\nspec:\n  replicas: ${n}\n"))).get(0);

    assertThat(((Map<?, ?>) out.content().get("spec")).get("replicas")).isEqualTo(3L);
  }
}
