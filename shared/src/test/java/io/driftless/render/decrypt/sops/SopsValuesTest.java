package io.driftless.render.decrypt.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.render.decrypt.SopsManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With the data key the manifest gives, every SOPS file decrypts to the listed [path, value] pairs
 * in document order, and the MAC verifies; or it fails where the manifest says.
 */
class SopsValuesTest {

  static Stream<SopsManifest> filesWithADataKey() {
    return SopsManifest.all().stream().filter(m -> m.dataKey() != null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filesWithADataKey")
  void decryptsToTheManifestValuesOrFailsOnTheMac(SopsManifest m) throws Exception {
    String text = Files.readString(m.path(), StandardCharsets.UTF_8);
    SopsFiles.Format format = m.format().startsWith("binary") ? SopsFiles.Format.BINARY : SopsFiles.Format.valueOf(m.format().toUpperCase());
    DataKeySource key = meta -> m.dataKey();
    switch (m.outcome()) {
      case MAC_MISMATCH -> assertThatThrownBy(() -> SopsFiles.decryptValues(format, text, key)).hasMessageContaining("MAC mismatch");
      case NO_MAC -> assertThatThrownBy(() -> SopsFiles.decryptValues(format, text, key)).hasMessageContaining("no sops.mac");
      default -> {
        List<Slot> slots = SopsFiles.decryptValues(format, text, key);
        assertThat(slots.stream().map(s -> Map.entry(s.aad(), text(s.value()))).toList()).isEqualTo(m.values());
      }
    }
  }

  private static String text(Object v) {
    return v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v);
  }
}
