package io.driftless.functions.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.config.ConfigException;
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
  @Inject Instance<EmbeddedStore> embedded;

  @Test
  void withoutATableTheLambdaRefusesNamingTheKey() throws Exception {
    Path dataDir = Files.createTempDirectory("driftless-lambda-no-table");

    assertThatThrownBy(() -> producer.open(Map.of("DRIFTLESS_DATA_DIR", dataDir.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DRIFTLESS_TABLE is not set");
    assertThat(embedded.isResolvable()).isFalse();
    assertThat(dataDir).isEmptyDirectory();
  }
}
