package io.driftless.functions;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A fresh embedded store in a temp directory with one registered root, {@code fleet}, for the
 * repository events/github-push.json pushes to, its webhook secret in a file. The engine the app
 * starts opens the same directory ({@code driftless.data-dir} → {@code DRIFTLESS_DATA_DIR}).
 */
public class RegisteredFleet implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    try {
      Path dir = Files.createTempDirectory("driftless-functions-test");
      Path secret = Files.writeString(dir.resolve("webhook-secret"), SampleEvents.TEST_SECRET, StandardCharsets.UTF_8);
      Path data = Files.createDirectories(dir.resolve("data"));
      return Map.of("driftless.data-dir", data.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {}
}
