package io.driftless.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import io.driftless.model.Yaml;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Providers and Alerts parse as Flux reads them; what Driftless would not honour is refused by field. */
class NotificationObjectsTest {
  private static final String FILE = "clusters/prod/notifications.yaml";

  private static KubeObject object(String yaml) {
    return new KubeObject(Yaml.readDocuments(FILE, yaml).get(0), FILE);
  }

  private static String provider(String spec) {
    return "apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Provider\n"
        + "metadata: {name: p, namespace: flux-system}\nspec:\n" + spec;
  }

  @Test
  void aProviderHasFluxsDefaultTimeout() {
    Provider p = NotificationObjects.provider(object(provider("  type: generic\n  address: https://ntfy.sh/flux\n")));

    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(p.key()).isEqualTo("Provider/flux-system/p");
  }

  @Test
  void refusedProviderFieldsAndTypesAreNamed() {
    assertThatThrownBy(() -> NotificationObjects.provider(object(provider("  type: ntfy\n  address: https://ntfy.sh/x\n"))))
        .isInstanceOf(ManifestException.class)
        .hasMessage(FILE + ": Provider/flux-system/p: spec.type 'ntfy' is not a Flux provider type");
    assertThatThrownBy(() -> NotificationObjects.provider(object(provider("  type: pagerduty\n  address: https://x\n"))))
        .hasMessageStartingWith(FILE + ": Provider/flux-system/p: spec.type 'pagerduty' is not delivered by Driftless");
    assertThatThrownBy(() -> NotificationObjects.provider(object(provider(
        "  type: slack\n  address: https://hooks.slack.com/x\n  serviceAccountName: notifier\n"))))
        .hasMessageStartingWith(FILE + ": Provider/flux-system/p: spec.serviceAccountName is set");
    assertThatThrownBy(() -> NotificationObjects.provider(object(provider("  type: slack\n"))))
        .hasMessageStartingWith(FILE + ": Provider/flux-system/p: spec.address is required");
  }

  @Test
  void aBadAlertNamesItsField() {
    String alert = """
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Alert
        metadata: {name: a, namespace: flux-system}
        spec:
          providerRef: {name: p}
          eventSources: [{kind: Kustomization, name: "*"}]
          exclusionList: ["(unclosed"]
        """;
    assertThatThrownBy(() -> NotificationObjects.alert(object(alert)))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith(FILE + ": Alert/flux-system/a: spec.exclusionList[0] is not a regular expression");
    assertThatThrownBy(() -> NotificationObjects.alert(object(alert.replace("Kustomization", "kustomization"))))
        .hasMessage(FILE + ": Alert/flux-system/a: spec.eventSources[0].kind 'kustomization' is not a kind"
            + " (a kind is CamelCase, e.g. HelmRelease)");
    assertThatThrownBy(() -> NotificationObjects.alert(object(alert.replace("{kind: Kustomization, name: \"*\"}", "{name: \"*\"}"))))
        .hasMessageStartingWith(FILE + ": Alert/flux-system/a: spec.eventSources[0].kind is required");
  }

  @Test
  void anAlertNamingTheFluxOperatorsKindsParses() {
    Alert alert = NotificationObjects.alert(object("apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\n"
        + "metadata: {name: flux-operator, namespace: flux-system}\nspec:\n  providerRef: {name: alertmanager}\n"
        + "  eventSources: [{kind: FluxInstance, name: flux}, {kind: ResourceSet, name: '*'}, {kind: Kustomization, name: '*'}]\n"));

    assertThat(alert.sources()).extracting(Alert.EventSource::kind).containsExactly("FluxInstance", "ResourceSet", "Kustomization");
  }
}
