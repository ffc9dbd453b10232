package io.driftless.functions.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.config.ConfigException;
import io.driftless.config.DriftlessConfig;
import io.driftless.functions.DriftlessSettings;
import io.driftless.functions.EngineProducer;
import io.driftless.functions.RegisteredFleet;
import io.driftless.record.dynamo.EmbeddedStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Lambda ships no embedded store: started without {@code DRIFTLESS_TABLE} its engine refuses
 * with a configuration error naming the key (the producer opens the engine at start-up), never a
 * NoClassDefFoundError from a missing DynamoDB Local.
 */
@QuarkusTest
@TestProfile(Exports.Schedule.class)
@WithTestResource(RegisteredFleet.class)
class LambdaConfigurationTest {
  @Inject EngineProducer producer;
  @Inject DriftlessSettings settings;
  @Inject Instance<EmbeddedStore> embedded;

  @Test
  void withoutATableTheLambdaRefusesNamingTheKey() throws Exception {
    Path dataDir = Files.createTempDirectory("driftless-lambda-no-table");

    assertThatThrownBy(() -> producer.open(DriftlessConfig.fromEnvironment(Map.of("DRIFTLESS_DATA_DIR", dataDir.toString()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DRIFTLESS_TABLE is not set");
    assertThat(embedded.isResolvable()).isFalse();
    assertThat(dataDir).isEmptyDirectory();
  }

  @Test
  void quarkusPropertiesFillTheEngineConfiguration() {
    DriftlessConfig config = settings.config();

    assertThat(config.table()).contains(RegisteredFleet.TABLE);
    assertThat(config.dynamoDbEndpoint()).isPresent();
    assertThat(config.dispatch()).isEqualTo(DriftlessConfig.Dispatch.STREAM);
    assertThat(config.gitTimeout()).isEqualTo(DriftlessConfig.defaults().gitTimeout());
  }
}
