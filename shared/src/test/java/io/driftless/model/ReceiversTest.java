package io.driftless.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A Flux Receiver parses as Flux writes it; what Driftless cannot act on is refused by name. */
class ReceiversTest {
  private static final String FILE = "clusters/prod/receiver.yaml";

  private static KubeObject receiver(String spec) {
    String yaml = """
        apiVersion: notification.toolkit.fluxcd.io/v1
        kind: Receiver
        metadata: {name: github-receiver, namespace: flux-system}
        spec:
        """ + spec.indent(2);
    return new KubeObject(Yaml.readDocuments(FILE, yaml).get(0), FILE);
  }

  @Test
  void fluxsDocumentedGithubReceiverParses() {
    Receiver r = Receivers.parse(receiver("""
        type: github
        interval: 1h
        events: ["ping", "push"]
        secretRef: {name: webhook-token}
        resources:
          - apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            name: webapp
          - kind: Kustomization
            name: '*'
            namespace: apps
            matchLabels: {team: web}
        """));

    assertThat(r.subject()).isEqualTo("Receiver/flux-system/github-receiver");
    assertThat(r.events()).containsExactly("ping", "push");
    assertThat(r.spec().resources().get(0).namespaceOr(r.namespace())).isEqualTo("flux-system");
    assertThat(r.spec().resources().get(1).wildcard()).isTrue();
    assertThat(r.suspended()).isFalse();
  }

  @Test
  void typesAndFieldsDriftlessDoesNotImplementAreRefusedByName() {
    String resources = "secretRef: {name: t}\nresources: [{kind: GitRepository, name: webapp}]\n";
    assertThatThrownBy(() -> Receivers.parse(receiver("type: gcr\n" + resources)))
        .hasMessageContaining(FILE).hasMessageContaining("Receiver/flux-system/github-receiver")
        .hasMessageContaining("spec.type 'gcr' is not supported");
    assertThatThrownBy(() -> Receivers.parse(receiver("type: generic-oidc\n" + resources)))
        .hasMessageContaining("spec.type 'generic-oidc'");
    assertThatThrownBy(() -> Receivers.parse(receiver("type: generic\nresourceFilter: 'true'\n" + resources)))
        .hasMessageContaining("spec.resourceFilter");
    assertThatThrownBy(() -> Receivers.parse(receiver(
        "type: generic\nsecretRef: {name: t}\nresources: [{kind: ImagePolicy, name: app}]\n")))
        .hasMessageContaining("spec.resources[0].kind 'ImagePolicy'");
    assertThatThrownBy(() -> Receivers.parse(receiver(
        "type: generic\nsecretRef: {name: t}\nresources: [{kind: Kustomization, name: '*'}]\n")))
        .hasMessageContaining("spec.resources[0].matchLabels is required");
    assertThatThrownBy(() -> Receivers.parse(receiver("type: github\nresources: [{kind: GitRepository, name: a}]\n")))
        .hasMessageContaining("spec.secretRef is required");
  }
}
