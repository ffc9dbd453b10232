package io.driftless.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** When kubectl is installed, every committed golden still is what kubectl kustomize prints. */
class KubectlGoldenTest {

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> goldensHaveNotDriftedFromKubectl() {
    Assumptions.assumeTrue(Kubectl.onPath(), "kubectl is not installed");
    return KustomizeCase.all().stream().filter(c -> !c.kubectlCannotRun())
        .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Path dir = tmp.resolve(c.name());
      Files.createDirectories(dir);
      c.copyInputsTo(dir);
      Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("kubectl kustomize did not finish on " + c.name());
      }
      if (c.expectsError()) {
        assertThat(p.exitValue()).as("kubectl must fail on %s too", c.name()).isNotZero();
      } else {
        assertThat(p.exitValue()).isZero();
        assertThat(out).isEqualTo(c.expected());
      }
    }));
  }
}
