package io.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.cel.CelExpression;
import io.driftless.model.Kustomization.HealthCheckExpr;
import io.driftless.model.ObjectId;
import io.driftless.model.Yaml;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Which objects a Kustomization's CEL rules decide, and how, as Flux's CEL status reader does. */
class CelHealthRulesTest {
  private static final ObjectId STORE = new ObjectId("external-secrets.io", "ClusterSecretStore", "", "onepassword");
  private static final CelHealthRules RULES = CelHealthRules.of(List.of(new HealthCheckExpr(
      "external-secrets.io/v1beta1", "ClusterSecretStore",
      "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')",
      "status.conditions.exists(e, e.type == 'Ready' && has(e.reason) && e.reason == 'Pending')",
      "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')")));

  static Stream<Arguments> verdicts() {
    return Stream.of(
        Arguments.of("Ready=True is Current", "status: {conditions: [{type: Ready, status: 'True'}]}", HealthStatus.CURRENT),
        Arguments.of("Ready=False is Failed", "status: {conditions: [{type: Ready, status: 'False'}]}", HealthStatus.FAILED),
        Arguments.of("inProgress is evaluated before failed",
            "status: {conditions: [{type: Ready, status: 'False', reason: Pending}]}", HealthStatus.IN_PROGRESS),
        Arguments.of("none holding is InProgress", "status: {conditions: [{type: Ready, status: Unknown}]}", HealthStatus.IN_PROGRESS),
        Arguments.of("an unobserved generation is InProgress before any expression",
            "metadata: {generation: 2}\nstatus: {observedGeneration: 1, conditions: [{type: Ready, status: 'True'}]}",
            HealthStatus.IN_PROGRESS),
        Arguments.of("no conditions at all (Current for kstatus): all() holds on an empty list, so failed decides",
            "status: {conditions: []}", HealthStatus.FAILED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verdicts")
  void theFirstExpressionThatHoldsDecides(String name, String yaml, HealthStatus expected) {
    assertThat(RULES.statusOf(STORE, Yaml.readDocuments("store.yaml", yaml).get(0))).contains(expected);
  }

  @Test
  void onlyTheGroupOfTheApiVersionIsMatchedAndKstatusDecidesTheRest() {
    Map<String, Object> ready = Yaml.readDocuments("s.yaml", "status: {conditions: [{type: Ready, status: 'True'}]}").get(0);
    CelHealthRules v1 = CelHealthRules.of(List.of(new HealthCheckExpr("external-secrets.io/v1", "ClusterSecretStore", "false", null, null)));

    assertThat(v1.statusOf(STORE, ready)).contains(HealthStatus.IN_PROGRESS);
    assertThat(v1.statusOf(new ObjectId("external-secrets.io", "ExternalSecret", "apps", "db"), ready)).isEmpty();
    assertThat(v1.statusOf(new ObjectId("example.com", "ClusterSecretStore", "", "x"), ready)).isEmpty();
  }

  @Test
  void aRuleWithoutAKindCoversTheWholeGroup() {
    CelHealthRules group = CelHealthRules.of(List.of(new HealthCheckExpr("external-secrets.io/v1", null, "true", null, null)));

    assertThat(group.statusOf(new ObjectId("external-secrets.io", "ExternalSecret", "apps", "db"), Map.of()))
        .isEqualTo(Optional.of(HealthStatus.CURRENT));
  }

  @Test
  void aRuleWithoutCurrentOrTwiceForOneKindIsRefused() {
    assertThatThrownBy(() -> CelHealthRules.of(List.of(new HealthCheckExpr("a.io/v1", "A", null, "true", null))))
        .isInstanceOf(CelExpression.InvalidExpressionException.class)
        .hasMessage("failed to create custom status evaluator for healthchecks[0]: expression Current not specified");
    assertThatThrownBy(() -> CelHealthRules.of(List.of(new HealthCheckExpr("a.io/v1", "A", "true", null, null),
        new HealthCheckExpr("a.io/v2", "A", "true", null, null))))
        .hasMessage("duplicate custom health check for GroupKind A.a.io at healthchecks[1]");
  }
}
