package io.driftless.functions;

import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.record.dynamo.DynamoStores;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fresh embedded store in a temp directory with one registered root, {@code fleet}, for the
 * repository events/github-push.json pushes to, its webhook secret in a file. The engine the app
 * starts opens the same directory ({@code driftless.data-dir} → {@code DRIFTLESS_DATA_DIR}).
 */
public class RegisteredFleet implements QuarkusTestResourceLifecycleManager {
  private Path dir;

  @Override
  public Map<String, String> start() {
    try {
      dir = Files.createTempDirectory("driftless-functions-test");
      Path secret = Files.writeString(dir.resolve("webhook-secret"), SampleEvents.TEST_SECRET, StandardCharsets.UTF_8);
      Path data = dir.resolve("data");
      try (StateStore store = DynamoStores.embedded(data)) {
        store.putRoot(new RootRecord(
            "fleet", SampleEvents.FLEET_URL, "main", "clusters/prod", "prod", secret.toString(), null));
      }
      return Map.of("driftless.data-dir", data.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
