package io.driftless.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.ManifestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every committed case, built in memory, matches kubectl kustomize's bytes (or fails as expected). */
class KustomizeCasesTest {

  @TestFactory
  Stream<DynamicTest> everyCaseMatchesKubectlByteForByte() {
    return KustomizeCase.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Kustomizer kustomizer = new Kustomizer(KustomizeOptions.defaults());
      if (c.expectsError()) {
        assertThatThrownBy(() -> kustomizer.buildYaml(c.memoryFileSystem(), ""))
            .isInstanceOf(ManifestException.class)
            .hasMessageContaining(c.expected().strip());
      } else {
        String actual = kustomizer.buildYaml(c.memoryFileSystem(), "");
        if (!actual.equals(c.expected())) {
          Path out = Path.of("target/kustomize-actual", c.name() + ".yaml");
          Files.createDirectories(out.getParent());
          Files.writeString(out, actual);
        }
        assertThat(actual).isEqualTo(c.expected());
      }
    }));
  }
}
