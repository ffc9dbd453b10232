package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.driftless.local.RealApiServer;
import io.driftless.local.SharedRealApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftless demo --kubeconfig} against a fresh real kube-apiserver, with examples/ as they are: what a
 * new user tries first. (The functions app it starts is the one this build packaged.)
 */
class DemoOnRealServerTest {
  @TempDir Path tmp;

  @Test
  void theDemoCreatesConfiguresAndDeletesOnARealApiServer() {
    String unavailable = SharedRealApiServer.unavailableReason();
    assumeTrue(unavailable == null, () -> "real API server unavailable: " + unavailable);
    Path functionsApp = Path.of("../functions/http/target/quarkus-app/quarkus-run.jar");
    assumeTrue(Files.exists(functionsApp), "the functions app is not packaged (run ./mvnw verify from the root)");
    String home = System.getProperty("driftless.home");
    System.setProperty("driftless.home", "..");
    try (RealApiServer server = RealApiServer.start(tmp.resolve("k8s"))) {
      CliOutput cli = new CliOutput();
      int exit = cli.run("demo", "--kubeconfig", server.kubeconfig().toString(), "--work-dir", tmp.resolve("demo").toString());

      assertThat(exit).as(cli::err).isZero();
      assertThat(cli.out()).contains("✔ demo passed")
          .doesNotContain("INFO").doesNotContain("WARN").doesNotContain("[ERROR]");
    } finally {
      if (home == null) {
        System.clearProperty("driftless.home");
      } else {
        System.setProperty("driftless.home", home);
      }
    }
  }
}
