package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A kubeconfig from a Secret becomes a client configuration from its inline data only: every field that
 * names a file, weakens TLS, routes traffic, runs a command, impersonates or is unknown is refused in
 * one line naming where it is, never its value; nothing comes from the function's own environment.
 */
class SecretKubeconfigTest {
  private static final String WHERE = "Kustomization/apps/web: spec.kubeConfig.secretRef: Secret/apps/remote key value";
  private static final String CANARY = "canary-7c1e0b";

  static String kubeconfig(String clusterExtra, String userExtra) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: remote
          cluster:
            server: https://remote.example:6443
            certificate-authority-data: Y2E=
        %s
        users:
        - name: remote
          user:
            token: inline-token
        %s
        contexts:
        - name: remote
          context: {cluster: remote, user: remote, namespace: apps}
        current-context: remote
        """.formatted(clusterExtra.indent(4).stripTrailing(), userExtra.indent(4).stripTrailing());
  }

  @Test
  void inlineDataBecomesTheConfigAndNothingElseDoes() {
    String previous = System.setProperty("kubernetes.auth.token", CANARY);
    try {
      Config config = SecretKubeconfig.parse(WHERE, kubeconfig("", "username: u\npassword: p"));

      assertThat(config.getMasterUrl()).startsWith("https://remote.example:6443");
      assertThat(config.getCaCertData()).isEqualTo("Y2E=");
      assertThat(config.getOauthToken()).isEqualTo("inline-token");
      assertThat(config.getUsername()).isEqualTo("u");
      assertThat(config.getNamespace()).isEqualTo("apps");
      assertThat(config.getAutoConfigure()).isFalse();
      assertThat(config.getCaCertFile()).isNull();
      assertThat(config.getClientCertFile()).isNull();
      assertThat(config.getClientKeyFile()).isNull();
      assertThat(config.isTrustCerts()).isFalse();
      assertThat(config.getHttpsProxy()).isNull();
      assertThat(config.getFile()).isNull();
      assertThat(config.refresh().getOauthToken()).isEqualTo("inline-token");
      try (KubeClients clients = new KubeClients(arn -> new byte[0])) {
        Config impersonating = clients.impersonating("k", clients.forKubeconfig("k", config), "system:serviceaccount:apps:a")
            .getConfiguration();
        assertThat(impersonating.getAutoConfigure()).isFalse();
        assertThat(impersonating.getOauthToken()).isEqualTo("inline-token");
      }
    } finally {
      if (previous == null) {
        System.clearProperty("kubernetes.auth.token");
      } else {
        System.setProperty("kubernetes.auth.token", previous);
      }
    }
  }

  @Test
  void aKubeconfigWithoutCredentialsGetsNoneFromTheEnvironment() {
    Config config = SecretKubeconfig.parse(WHERE, kubeconfig("", "").replace("    token: inline-token\n", "    {}\n")
        .replace("  user:\n", "  user:"));

    assertThat(config.getOauthToken()).isNull();
    assertThat(config.getAutoOAuthToken()).isNull();
    assertThat(config.getClientCertData()).isNull();
    assertThat(config.getUsername()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      cluster | certificate-authority: /tmp/canary-7c1e0b/ca.crt    | clusters[0].cluster.certificate-authority names a file
      cluster | insecure-skip-tls-verify: true                      | clusters[0].cluster.insecure-skip-tls-verify turns TLS verification off
      cluster | proxy-url: http://canary-7c1e0b.example:3128        | clusters[0].cluster.proxy-url routes the connection through a proxy
      cluster | tls-server-name: canary-7c1e0b.example              | clusters[0].cluster.tls-server-name is not supported
      cluster | certificate-authority-file: /tmp/canary-7c1e0b      | clusters[0].cluster.certificate-authority-file is not a field
      user    | client-certificate: /tmp/canary-7c1e0b/client.crt   | users[0].user.client-certificate names a file
      user    | client-key: /tmp/canary-7c1e0b/client.key           | users[0].user.client-key names a file
      user    | tokenFile: /tmp/canary-7c1e0b/token                 | users[0].user.tokenFile names a file
      user    | token-file: /tmp/canary-7c1e0b/token                | users[0].user.token-file is not a field
      user    | 'exec: {command: /bin/sh, args: [canary-7c1e0b]}'   | users[0].user.exec runs a command
      user    | 'auth-provider: {name: oidc, config: {id-token: canary-7c1e0b}}' | users[0].user.auth-provider runs a credential plugin
      user    | as: canary-7c1e0b                                   | users[0].user.as impersonates
      user    | 'as-groups: [canary-7c1e0b]'                        | users[0].user.as-groups impersonates
      user    | 'eyJhbGciOi.canary-7c1e0b: x'                       | users[0].user.<field> is not a field
      """)
  void aFieldBeyondInlineDataIsRefusedNamingTheFieldNotItsValue(String stanza, String line, String expected) {
    String yaml = stanza.equals("cluster") ? kubeconfig(line, "") : kubeconfig("", line);

    assertThatThrownBy(() -> SecretKubeconfig.parse(WHERE, yaml))
        .isInstanceOf(StageFailure.class)
        .hasMessageStartingWith(WHERE + ": " + expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY).doesNotContain("\n"));
  }

  @Test
  void aFileFieldInAnEntryNoContextUsesIsRefusedToo() {
    String yaml = kubeconfig("", "") + """
        users:
        - name: spare
          user: {client-key: /tmp/canary-7c1e0b}
        """;
    String spare = yaml.replace("contexts:", "- name: spare\n  user: {client-key: /tmp/canary-7c1e0b}\ncontexts:")
        .replace(yaml.substring(yaml.lastIndexOf("users:")), "");

    assertThatThrownBy(() -> SecretKubeconfig.parse(WHERE, spare))
        .hasMessage(WHERE + ": users[1].user.client-key names a file on Driftless's disk; only inline data is accepted"
            + " (client-key-data)");
  }

  @Test
  void aYamlErrorIsReportedByPositionNotByContent() {
    String yaml = kubeconfig("", "").replace("    token: inline-token\n", "    token: " + CANARY + ": [\n");

    assertThatThrownBy(() -> SecretKubeconfig.parse(WHERE, yaml))
        .isInstanceOf(StageFailure.class)
        .hasMessage(WHERE + ": not valid YAML at line 12, column 25")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
  }

  @Test
  void aServerUrlWithCredentialsIsRefusedWithoutThem() {
    String yaml = kubeconfig("", "").replace("https://remote.example", "https://admin:" + CANARY + "@remote.example");

    assertThatThrownBy(() -> SecretKubeconfig.parse(WHERE, yaml))
        .hasMessageStartingWith(WHERE + ": clusters[0].cluster.server must not hold credentials")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
  }

  @Test
  void aValueOfTheWrongTypeIsNamedButNotShown() {
    String yaml = kubeconfig("", "").replace("token: inline-token", "token: [" + CANARY + "]");

    assertThatThrownBy(() -> SecretKubeconfig.parse(WHERE, yaml))
        .hasMessage(WHERE + ": users[0].user.token must be a string");
  }

  @Test
  void certificateDataThatIsNotACertificateIsRefusedWhenTheClientIsBuiltWithoutShowingIt() {
    String yaml = kubeconfig("", "client-certificate-data: " + java.util.Base64.getEncoder().encodeToString(CANARY.getBytes())
        + "\nclient-key-data: " + java.util.Base64.getEncoder().encodeToString(CANARY.getBytes()));
    Config config = SecretKubeconfig.parse(WHERE, yaml);

    try (KubeClients clients = new KubeClients(arn -> new byte[0])) {
      assertThatThrownBy(() -> clients.forKubeconfig("k", config))
          .satisfies(e -> assertThat(e.toString()).doesNotContain(CANARY));
    }
  }
}
