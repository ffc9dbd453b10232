package io.driftless.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.config.DriftlessConfig.Dispatch;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every key read from the environment, the defaults when unset, and one-line errors naming the key. */
class DriftlessConfigTest {

  @Test
  void withNothingSetEveryKeyHasItsDefault() {
    DriftlessConfig config = DriftlessConfig.fromEnvironment(Map.of());

    assertThat(config.table()).isEmpty();
    assertThat(config.dataDir()).isEqualTo(Path.of(".driftless/data"));
    assertThat(config.dynamoDbEndpoint()).isEmpty();
    assertThat(config.cacheDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "driftless", "sources"));
    assertThat(config.dispatch()).isEqualTo(Dispatch.LOCAL);
    assertThat(config.gitTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.sopsKeys()).isEmpty();
    assertThat(DriftlessConfig.defaults()).isEqualTo(config);
  }

  @Test
  void everyKeyIsReadFromItsVariable() {
    DriftlessConfig config = DriftlessConfig.fromEnvironment(Map.of(
        "DRIFTLESS_TABLE", "driftless-prod",
        "DRIFTLESS_DATA_DIR", "/var/lib/driftless",
        "DRIFTLESS_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000",
        "DRIFTLESS_CACHE_DIR", "/tmp/git",
        "DRIFTLESS_DISPATCH", "local",
        "DRIFTLESS_GIT_TIMEOUT", "1m30s",
        "DRIFTLESS_SOPS_KEYS", " keys/age.txt, arn:aws:secretsmanager:eu-west-1:123456789012:secret:sops ,,keys/team.asc",
        "DRIFTLESS_WORKERS", "8",
        "DRIFTLESS_LEASE_TTL", "30s",
        "DRIFTLESS_DRAIN_INTERVAL", "2s"));

    assertThat(config).isEqualTo(new DriftlessConfig(
        Optional.of("driftless-prod"), Path.of("/var/lib/driftless"), Optional.of(URI.create("http://127.0.0.1:8000")),
        Path.of("/tmp/git"), Dispatch.LOCAL, Duration.ofSeconds(90),
        List.of("keys/age.txt", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:sops", "keys/team.asc"),
        new DriftlessConfig.Workers(8, Duration.ofSeconds(30), Duration.ofSeconds(2)),
        DriftlessConfig.defaults().throughput(),
        Tenancy.OPEN, false));
  }

  @Test
  void theLockdownKeysAreReadFromTheirVariables() {
    DriftlessConfig config = DriftlessConfig.fromEnvironment(Map.of(
        "DRIFTLESS_NO_CROSS_NAMESPACE_REFS", "true",
        "DRIFTLESS_DEFAULT_SERVICE_ACCOUNT", "tenant",
        "DRIFTLESS_NO_REMOTE_BASES", "TRUE"));

    assertThat(config.tenancy()).isEqualTo(new Tenancy(true, Optional.of("tenant")));
  }

  @Test
  void withoutTheLockdownKeysOneDriftlessServesOneTenant() {
    assertThat(DriftlessConfig.defaults().tenancy()).isEqualTo(Tenancy.OPEN);
    assertThat(Tenancy.OPEN.serviceAccount(null)).isEmpty();
    assertThat(Tenancy.OPEN.refusal("Kustomization/a/x", "a", "spec.sourceRef.namespace", "GitRepository", "b", "y"))
        .isEmpty();
  }

  @Test
  void aLockdownValueThatCannotBeHonouredStopsTheStart() {
    assertThatThrownBy(() -> DriftlessConfig.fromEnvironment(Map.of("DRIFTLESS_NO_CROSS_NAMESPACE_REFS", "yes")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("DRIFTLESS_NO_CROSS_NAMESPACE_REFS: 'yes' is neither true nor false");
    assertThatThrownBy(() -> DriftlessConfig.fromEnvironment(Map.of("DRIFTLESS_DEFAULT_SERVICE_ACCOUNT", "Team A")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("DRIFTLESS_DEFAULT_SERVICE_ACCOUNT: 'Team A' is not a ServiceAccount name (a lowercase DNS subdomain)");
    assertThatThrownBy(() -> DriftlessConfig.fromEnvironment(Map.of("DRIFTLESS_NO_REMOTE_BASES", "false")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DRIFTLESS_NO_REMOTE_BASES: false is not supported: Driftless never fetches");
    assertThatThrownBy(() -> DriftlessConfig.fromEnvironment(
            Map.of("DRIFTLESS_DEFAULT_DECRYPTION_SERVICE_ACCOUNT", "sops")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DRIFTLESS_DEFAULT_DECRYPTION_SERVICE_ACCOUNT: not supported: Driftless decrypts")
        .hasMessageContaining("leave DRIFTLESS_SOPS_KEYS unset");
  }

  @Test
  void theDefaultServiceAccountStandsInOnlyForAMissingOne() {
    Tenancy locked = new Tenancy(true, Optional.of("tenant"));

    assertThat(locked.serviceAccount(null)).contains("tenant");
    assertThat(locked.serviceAccount(" ")).contains("tenant");
    assertThat(locked.serviceAccount("deployer")).contains("deployer");
    assertThat(locked.refusal("Kustomization/a/x", "a", "spec.sourceRef.namespace", "GitRepository", "", "y")).isEmpty();
    assertThat(locked.refusal("Kustomization/a/x", "a", "spec.sourceRef.namespace", "GitRepository", "a", "y")).isEmpty();
    assertThat(locked.refusal("Kustomization/a/x", "a", "spec.sourceRef.namespace", "GitRepository", "b", "y"))
        .contains("Kustomization/a/x: spec.sourceRef.namespace: can't access 'GitRepository/b/y',"
            + " cross-namespace references have been blocked");
  }

  @Test
  void concurrencyAndTheApiRateLimitAreReadFromTheirVariables() {
    DriftlessConfig config = DriftlessConfig.fromEnvironment(Map.of(
        "DRIFTLESS_CONCURRENCY", "8",
        "DRIFTLESS_CLUSTER_CONCURRENCY", "2",
        "DRIFTLESS_KUBE_API_QPS", "50",
        "DRIFTLESS_KUBE_API_BURST", "300"));

    assertThat(config.throughput()).isEqualTo(new DriftlessConfig.Throughput(8, 2, 50, 300));
    assertThat(DriftlessConfig.defaults().throughput()).isEqualTo(new DriftlessConfig.Throughput(4, 4, 200, 400));
  }

  @Test
  void aTableMakesTheStreamDispatchByDefaultAndBlankMeansUnset() {
    assertThat(DriftlessConfig.fromEnvironment(Map.of("DRIFTLESS_TABLE", "t")).dispatch()).isEqualTo(Dispatch.STREAM);
    assertThat(DriftlessConfig.fromEnvironment(Map.of("DRIFTLESS_TABLE", " ", "DRIFTLESS_DATA_DIR", "")))
        .isEqualTo(DriftlessConfig.defaults());
  }

  @Test
  void aValueThatCannotBeUsedIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> DriftlessConfig.fromEnvironment(Map.of("DRIFTLESS_GIT_TIMEOUT", "soon")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("DRIFTLESS_GIT_TIMEOUT: invalid duration 'soon'");
    assertThatThrownBy(() -> DriftlessConfig.fromEnvironment(Map.of("DRIFTLESS_CONCURRENCY", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("DRIFTLESS_CONCURRENCY: 0 must be at least 1");
    assertThatThrownBy(() -> DriftlessConfig.fromEnvironment(Map.of("DRIFTLESS_KUBE_API_QPS", "fast")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("DRIFTLESS_KUBE_API_QPS: 'fast' is not a number");
    assertThatThrownBy(() -> DriftlessConfig.fromEnvironment(Map.of("DRIFTLESS_DISPATCH", "lambda")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("DRIFTLESS_DISPATCH: 'lambda' is neither local nor stream");
  }

  @Test
  void eachKeyHasAQuarkusPropertyOfTheSameName() {
    assertThat(DriftlessConfig.Key.DATA_DIR.property()).isEqualTo("driftless.data-dir");
    assertThat(DriftlessConfig.Key.DYNAMODB_ENDPOINT.property()).isEqualTo("driftless.dynamodb-endpoint");
  }
}
