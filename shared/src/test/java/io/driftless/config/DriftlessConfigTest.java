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
        DriftlessConfig.defaults().throughput(), false));
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
