package io.driftless.notify;

import static io.driftless.event.Event.Severity.ERROR;
import static io.driftless.event.Event.Severity.INFO;
import static io.driftless.event.Event.Severity.TRACE;
import static io.driftless.notify.TestEvents.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.model.Yaml;
import io.driftless.record.dynamo.DynamoStateStore;
import io.driftless.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events reach the Providers their Alerts name, in Flux's shape, and nothing else does. */
class AlertRouterTest {
  private static final String TOKEN = "s3cr3t-t0ken-value";
  private DynamoStateStore store;
  private RecordingReceiver receiver;
  private final Map<String, Map<String, byte[]>> secrets = new HashMap<>();
  private final TestEvents.MovableClock clock = new TestEvents.MovableClock();
  private AlertRouter router;

  @BeforeEach
  void setUp() throws Exception {
    store = TestStores.inMemory();
    receiver = new RecordingReceiver();
    ProviderSecrets reader = (cluster, ns, name) -> {
      Map<String, byte[]> s = secrets.get(cluster + "/" + ns + "/" + name);
      if (s == null) {
        throw new IllegalArgumentException("Secret " + ns + "/" + name + " not found on cluster " + cluster);
      }
      return s;
    };
    router = new AlertRouter(store, reader, clock, AlertRouter.Options.defaults().withAddresses(AddressPolicy.of(true)).withBackoff(Duration.ofMillis(10)));
  }

  @AfterEach
  void tearDown() {
    receiver.close();
    store.close();
  }

  private void record(String kind, String name, String spec) {
    String yaml = "apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: " + kind + "\n"
        + "metadata: {name: " + name + ", namespace: flux-system}\nspec:\n" + spec;
    store.putNotification(CLUSTER, kind + "/flux-system/" + name, "fleet", "flux-system/flux-system", yaml);
  }

  private void secret(String name, Map<String, String> data) {
    Map<String, byte[]> bytes = new HashMap<>();
    data.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    secrets.put(CLUSTER + "/flux-system/" + name, bytes);
  }

  private static JsonNode json(RecordingReceiver.Request r) throws Exception {
    return Yaml.json().readTree(r.body());
  }

  @Test
  void aGenericProviderGetsTheEventsItsAlertRoutesAndNotTheExcludedOnes() throws Exception {
    secret("webhook", Map.of("address", receiver.url("/flux"), "headers", "X-Team: platform\n"));
    record("Provider", "ntfy", "  type: generic\n  secretRef: {name: webhook}\n");
    record("Alert", "all", """
          providerRef: {name: ntfy}
          eventSources: [{kind: Kustomization, name: "*"}]
          exclusionList: ["^Dependencies do not meet"]
          eventMetadata: {env: dev}
        """);

    router.emit(TestEvents.kustomization("flux-system", "apps", INFO, "ReconciliationSucceeded", "Applied revision"));
    router.emit(TestEvents.kustomization("flux-system", "apps", INFO, "DependencyNotReady", "Dependencies do not meet ready condition"));
    router.emit(TestEvents.kustomization("other", "apps", INFO, "ReconciliationSucceeded", "in another namespace"));
    router.emit(TestEvents.helmRelease("flux-system", "podinfo", INFO, "UpgradeSucceeded", "not a source"));
    router.emit(TestEvents.kustomization("flux-system", "apps", TRACE, "Progressing", "trace goes to commit status only"));

    assertThat(receiver.requests()).hasSize(1);
    RecordingReceiver.Request got = receiver.requests().get(0);
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.path()).isEqualTo("/flux");
    assertThat(got.header("Gotk-Component")).isEqualTo("kustomize-controller");
    assertThat(got.header("X-Team")).isEqualTo("platform");
    JsonNode body = json(got);
    assertThat(body.at("/involvedObject/kind").asText()).isEqualTo("Kustomization");
    assertThat(body.at("/involvedObject/name").asText()).isEqualTo("apps");
    assertThat(body.at("/involvedObject/namespace").asText()).isEqualTo("flux-system");
    assertThat(body.at("/severity").asText()).isEqualTo("info");
    assertThat(body.at("/reason").asText()).isEqualTo("ReconciliationSucceeded");
    assertThat(body.at("/message").asText()).isEqualTo("Applied revision");
    assertThat(body.at("/metadata/revision").asText()).isEqualTo(TestEvents.REVISION);
    assertThat(body.at("/metadata/env").asText()).isEqualTo("dev");
    assertThat(body.at("/metadata/cluster").asText()).isEqualTo(CLUSTER);
    assertThat(body.at("/reportingController").asText()).isEqualTo("kustomize-controller");
  }

  @Test
  void anEventSourceOfAKindDriftlessDoesNotRunMatchesNothingAndTheAlertsOtherSourcesStillDo() throws Exception {
    secret("webhook", Map.of("address", receiver.url("/flux")));
    record("Provider", "ntfy", "  type: generic\n  secretRef: {name: webhook}\n");
    record("Alert", "operator", """
          providerRef: {name: ntfy}
          eventSources: [{kind: FluxInstance, name: flux}, {kind: ResourceSet, name: "*"}, {kind: HelmRelease, name: "*"}]
        """);

    router.emit(TestEvents.kustomization("flux-system", "flux", INFO, "ReconciliationSucceeded", "a Kustomization named flux"));
    router.emit(TestEvents.helmRelease("flux-system", "podinfo", INFO, "UpgradeSucceeded", "upgraded"));

    assertThat(receiver.requests()).hasSize(1);
    assertThat(json(receiver.requests().get(0)).at("/message").asText()).isEqualTo("upgraded");
  }

  @Test
  void genericHmacSignsTheBodyWithTheToken() {
    secret("hmac", Map.of("token", TOKEN));
    record("Provider", "signed", "  type: generic-hmac\n  address: " + receiver.url("/hook") + "\n  secretRef: {name: hmac}\n");
    record("Alert", "all", "  providerRef: {name: signed}\n  eventSources: [{kind: Kustomization, name: apps}]\n");

    router.emit(TestEvents.kustomization("flux-system", "apps", ERROR, "BuildFailed", "kustomize build failed"));

    RecordingReceiver.Request got = receiver.requests().get(0);
    String expected = "sha256=" + ForwardNotifier.hmacSha256(got.body().getBytes(StandardCharsets.UTF_8), TOKEN);
    assertThat(got.header("X-Signature")).isEqualTo(expected);
  }

  @Test
  void anErrorAlertGetsOnlyErrorsAndMatchLabelsSelectByTheObjectsLabels() {
    store.putKustomization(CLUSTER, "flux-system/apps", "fleet", "", """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system, labels: {team: web}}
        spec: {interval: 10m, path: ./apps, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
        """);
    record("Provider", "hook", "  type: generic\n  address: " + receiver.url("/hook") + "\n");
    record("Alert", "web", """
          providerRef: {name: hook}
          eventSeverity: error
          eventSources: [{kind: Kustomization, name: "*", matchLabels: {team: web}}]
        """);

    router.emit(TestEvents.kustomization("flux-system", "apps", INFO, "ReconciliationSucceeded", "fine"));
    router.emit(TestEvents.kustomization("flux-system", "apps", ERROR, "HealthCheckFailed", "broken"));
    router.emit(TestEvents.kustomization("flux-system", "infra", ERROR, "HealthCheckFailed", "no labels recorded"));

    assertThat(receiver.requests()).extracting(r -> r.body().contains("\"broken\"")).containsExactly(true);
  }

  @Test
  void aDuplicateWithinFiveMinutesIsDroppedAndSentAgainAfter() {
    record("Provider", "hook", "  type: generic\n  address: " + receiver.url("/hook") + "\n");
    record("Alert", "all", "  providerRef: {name: hook}\n  eventSources: [{kind: Kustomization, name: \"*\"}]\n");
    var failed = TestEvents.kustomization("flux-system", "apps", ERROR, "HealthCheckFailed", "timeout waiting for apps");

    router.emit(failed);
    clock.advance(Duration.ofMinutes(4));
    router.emit(failed);
    new AlertRouter(store, (c, n, s) -> Map.of(), clock, AlertRouter.Options.defaults().withAddresses(AddressPolicy.of(true))).emit(failed); // another instance
    router.emit(TestEvents.kustomization("flux-system", "apps", ERROR, "HealthCheckFailed", "timeout waiting for apps",
        "main@sha1:" + "1".repeat(40)));
    clock.advance(Duration.ofMinutes(2));
    router.emit(failed);

    assertThat(receiver.requests()).hasSize(3);
  }

  @Test
  void suspendedAlertsAndProvidersSendNothing() {
    record("Provider", "hook", "  type: generic\n  address: " + receiver.url("/hook") + "\n");
    record("Provider", "paused", "  type: generic\n  suspend: true\n  address: " + receiver.url("/paused") + "\n");
    record("Alert", "off", "  suspend: true\n  providerRef: {name: hook}\n  eventSources: [{kind: Kustomization, name: \"*\"}]\n");
    record("Alert", "to-paused", "  providerRef: {name: paused}\n  eventSources: [{kind: Kustomization, name: \"*\"}]\n");

    router.emit(TestEvents.kustomization("flux-system", "apps", ERROR, "BuildFailed", "nobody hears this"));

    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void anEventSourceInAnotherNamespaceIsAllowedUnlessCrossNamespaceRefsAreBlocked() {
    record("Provider", "hook", "  type: generic\n  address: " + receiver.url("/hook") + "\n");
    record("Alert", "apps-team", "  providerRef: {name: hook}\n  eventSources: [{kind: Kustomization, name: \"*\", namespace: apps}]\n");
    var event = TestEvents.kustomization("apps", "web", ERROR, "BuildFailed", "from the apps namespace");

    new AlertRouter(store, (c, n, s) -> Map.of(), clock, AlertRouter.Options.defaults().withAddresses(AddressPolicy.of(true)).withNoCrossNamespaceRefs(true))
        .emit(event);
    assertThat(receiver.requests()).isEmpty();
    clock.advance(Duration.ofMinutes(6));
    router.emit(event);
    assertThat(receiver.requests()).hasSize(1);
  }

  @Test
  void theAlertsMetadataAndSummaryRankBelowTheControllersKeys() throws Exception {
    store.putKustomization(CLUSTER, "flux-system/apps", "fleet", "", """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: apps
          namespace: flux-system
          annotations: {event.toolkit.fluxcd.io/owner: web-team, event.toolkit.fluxcd.io/env: from-annotation}
        spec: {interval: 10m, path: ./apps, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
        """);
    record("Provider", "hook", "  type: generic\n  address: " + receiver.url("/hook") + "\n");
    record("Alert", "all", """
          providerRef: {name: hook}
          summary: production apps
          eventMetadata: {env: production, revision: from-alert}
          eventSources: [{kind: Kustomization, name: "*"}]
        """);

    router.emit(TestEvents.kustomization("flux-system", "apps", INFO, "ReconciliationSucceeded", "Applied"));

    JsonNode metadata = json(receiver.requests().get(0)).get("metadata");
    assertThat(metadata.get("owner").asText()).isEqualTo("web-team");
    assertThat(metadata.get("env").asText()).isEqualTo("production");
    assertThat(metadata.get("summary").asText()).isEqualTo("production apps");
    assertThat(metadata.get("revision").asText()).isEqualTo(TestEvents.REVISION);
  }

  @Test
  void anUnreachableOrFailingProviderDoesNotFailTheCallerAndNoLogLineHoldsASecret() {
    String address = receiver.url("/hooks/" + TOKEN);
    secret("failing", Map.of("address", address, "token", TOKEN));
    record("Provider", "failing", "  type: slack\n  secretRef: {name: failing}\n");
    record("Provider", "gone", "  type: generic\n  address: http://127.0.0.1:9/" + TOKEN + "\n");
    record("Alert", "a", "  providerRef: {name: failing}\n  eventSources: [{kind: Kustomization, name: \"*\"}]\n");
    record("Alert", "b", "  providerRef: {name: gone}\n  eventSources: [{kind: Kustomization, name: \"*\"}]\n");
    record("Alert", "c", "  providerRef: {name: missing}\n  eventSources: [{kind: Kustomization, name: \"*\"}]\n");
    receiver.answer(r -> new RecordingReceiver.Answer(500, "{\"error\":\"" + TOKEN + "\"}"));

    try (LogCapture logs = new LogCapture()) {
      router.emit(TestEvents.kustomization("flux-system", "apps", ERROR, "BuildFailed", "broken"));

      assertThat(receiver.requests()).hasSize(Delivery.ATTEMPTS);
      assertThat(receiver.requests().get(0).header("Authorization")).isEqualTo("Bearer " + TOKEN);
      assertThat(logs.lines()).anySatisfy(l -> assertThat(l)
          .isEqualTo("WARNING Alert/flux-system/a on cluster dev: Provider/flux-system/failing (slack): event for "
              + "Kustomization/flux-system/apps not delivered: POST failed: HTTP 500"));
      assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith(
          "WARNING Alert/flux-system/b on cluster dev: Provider/flux-system/gone (generic): event for "
              + "Kustomization/flux-system/apps not delivered: POST failed: "));
      assertThat(logs.lines()).anySatisfy(l -> assertThat(l).isEqualTo(
          "WARNING Alert/flux-system/c on cluster dev: spec.providerRef: Provider/flux-system/missing not found"));
      assertThat(logs.lines()).allSatisfy(l -> assertThat(l).doesNotContain(TOKEN).doesNotContain("\n"));
    }
  }

  @Test
  void aProxySecretRefSendsTheRequestThroughTheProxy() {
    secret("proxy", Map.of("address", receiver.url("")));
    record("Provider", "hook", "  type: generic\n  address: http://hooks.example.invalid/flux\n  proxySecretRef: {name: proxy}\n");
    record("Alert", "all", "  providerRef: {name: hook}\n  eventSources: [{kind: Kustomization, name: \"*\"}]\n");

    router.emit(TestEvents.kustomization("flux-system", "apps", ERROR, "BuildFailed", "via the proxy"));

    assertThat(receiver.requests()).hasSize(1);
    assertThat(receiver.requests().get(0).path()).isEqualTo("/flux");
    assertThat(receiver.requests().get(0).header("Host")).isEqualTo("hooks.example.invalid");
  }

  @Test
  void anEventCostsOneQueryWithoutAlertsAndThreeCallsWhenRouted() {
    long before = store.operations().reads() + store.operations().writes();
    router.emit(TestEvents.kustomization("flux-system", "apps", INFO, "ReconciliationSucceeded", "no alerts here"));
    long unrouted = store.operations().reads() + store.operations().writes() - before;
    record("Provider", "hook", "  type: generic\n  address: " + receiver.url("/hook") + "\n");
    record("Alert", "all", "  providerRef: {name: hook}\n  eventSources: [{kind: Kustomization, name: \"*\"}]\n");
    before = store.operations().reads() + store.operations().writes();
    router.emit(TestEvents.kustomization("flux-system", "apps", INFO, "ReconciliationSucceeded", "routed"));
    long routed = store.operations().reads() + store.operations().writes() - before;

    System.out.printf("table calls per event: %d without Alerts, %d routed%n", unrouted, routed);
    assertThat(unrouted).isEqualTo(1); // the cluster's Providers and Alerts
    assertThat(routed).isEqualTo(3); // + the object's labels + the duplicate window's conditional put
  }
}
