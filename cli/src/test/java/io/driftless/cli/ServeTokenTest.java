package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `driftless serve` without DRIFTLESS_API_TOKEN makes one in the data dir, readable by its owner only, and keeps it. */
class ServeTokenTest {
  @TempDir Path dataDir;

  @Test
  void theGeneratedTokenIsPrivateRandomAndKept() throws Exception {
    Path file = dataDir.resolve("data").resolve(ServeCommand.API_TOKEN_FILE);

    String token = ServeCommand.tokenIn(file);

    assertThat(token).matches("[0-9a-f]{64}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(ServeCommand.tokenIn(file)).as("the next serve reuses it").isEqualTo(token);
    assertThat(ServeCommand.newToken()).isNotEqualTo(token);
  }
}
