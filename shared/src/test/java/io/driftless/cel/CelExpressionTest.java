package io.driftless.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.Yaml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CelExpressionTest {
  private static final Map<String, Object> ISSUER = Yaml.readDocuments("issuer.yaml", """
      apiVersion: cert-manager.io/v1
      kind: ClusterIssuer
      metadata: {name: letsencrypt, generation: 2}
      status:
        observedGeneration: 2
        conditions: [{type: Ready, status: "True"}]
      """).get(0);

  @Test
  void theObjectsTopLevelFieldsAreTheVariables() {
    assertThat(CelExpression.parse("status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')")
        .evaluateBoolean(ISSUER)).isTrue();
    assertThat(CelExpression.parse("metadata.generation == status.observedGeneration && kind == 'ClusterIssuer'")
        .evaluateBoolean(ISSUER)).isTrue();
  }

  @Test
  void compiledVariablesHoldObjects() {
    CelExpression e = CelExpression.compileBoolean(
        "dep.status.conditions.filter(c, c.type == 'Ready').all(c, c.status == 'True') && dep.metadata.generation == dep.status.observedGeneration",
        List.of("dep", "self"));
    assertThat(e.evaluateBoolean(Map.of("dep", ISSUER, "self", ISSUER))).isTrue();
  }

  @Test
  void aParseErrorNamesTheExpression() {
    assertThatThrownBy(() -> CelExpression.parse("status.conditions.filter(e, e.type == 'Ready'"))
        .isInstanceOf(CelExpression.InvalidExpressionException.class)
        .hasMessageStartingWith("failed to parse the CEL expression 'status.conditions.filter(e, e.type == 'Ready'': ERROR: <input>:1:");
  }

  @Test
  void aMissingFieldIsAnEvaluationError() {
    assertThatThrownBy(() -> CelExpression.parse("spec.foo == 'x'").evaluateBoolean(ISSUER))
        .isInstanceOf(CelExpression.EvaluationException.class)
        .hasMessageContaining("spec");
  }

  @Test
  void aNonBooleanResultIsRefusedAtCompileTime() {
    assertThatThrownBy(() -> CelExpression.compileBoolean("dep.metadata.name", List.of("dep", "self")))
        .isInstanceOf(CelExpression.InvalidExpressionException.class);
  }

  @Test
  void aNullFieldIsCelsNullAndLeavesTheRestEvaluable() {
    Map<String, Object> status = new java.util.LinkedHashMap<>();
    status.put("conditions", List.of(Map.of("type", "Ready", "status", "True")));
    status.put("lastHandledReconcileAt", null);
    status.put("history", List.of(new java.util.HashMap<>(java.util.Collections.singletonMap("testHooks", null))));
    Map<String, Object> dep = Map.of("status", status);

    assertThat(CelExpression.compileBoolean("dep.status.conditions.all(c, c.status == 'True')"
        + " && dep.status.lastHandledReconcileAt == null", List.of("dep", "self"))
        .evaluateBoolean(Map.of("dep", dep, "self", dep))).isTrue();
  }
}
