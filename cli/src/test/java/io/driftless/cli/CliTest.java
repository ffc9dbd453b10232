package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.sandbox.SandboxApiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands a Flux user types, against the sandbox and the embedded store in a temp directory. */
class CliTest {
  @TempDir Path tmp;
  private SandboxApiServer sandbox;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream stdout;
  private PrintStream stderr;

  @BeforeEach
  void setUp() {
    System.setProperty("DRIFTLESS_DATA_DIR", tmp.resolve("data").toString());
    System.setProperty("DRIFTLESS_CACHE_DIR", tmp.resolve("cache").toString());
    sandbox = SandboxApiServer.start(0);
    stdout = System.out;
    stderr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void tearDown() {
    System.setOut(stdout);
    System.setErr(stderr);
    System.clearProperty("DRIFTLESS_DATA_DIR");
    System.clearProperty("DRIFTLESS_CACHE_DIR");
    sandbox.close();
  }

  private Path bare() throws Exception {
    Path bare = tmp.resolve("repo.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    return bare;
  }

  private String getKs() {
    out.reset();
    assertThat(Main.run("get", "ks")).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void clusterAddBootstrapReconcileAndGet() throws Exception {
    Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"));
    Path bare = bare();
    try (DemoRepo repo = DemoRepo.attach(tmp.resolve("work"), bare)) {
      repo.copyFrom(Path.of("../examples"));
      String first = repo.commitAndPush("examples");

      assertThat(Main.run("cluster", "add", "prod", "--kubeconfig", kubeconfig.toString())).isZero();
      assertThat(Main.run("bootstrap", "--url", bare.toUri().toString(), "--branch", "main", "--path", "clusters/demo",
          "--cluster", "prod")).isZero();
      assertThat(Main.run("reconcile", "ks", "flux-system")).isZero();
      String table = getKs();
      Files.writeString(repo.workTree().resolve("clusters/demo/marker.txt"), "a commit the cluster has not seen\n");
      String second = repo.commitAndPush("second");
      assertThat(Main.run("reconcile", "ks", "flux-system")).isZero();
      String withoutSource = getKs();
      assertThat(Main.run("reconcile", "ks", "flux-system", "--with-source")).isZero();
      String withSource = getKs();

      assertThat(table.lines().findFirst().orElseThrow())
          .matches("NAME +CLUSTER +REVISION +SUSPENDED +READY +MESSAGE");
      assertThat(table).containsPattern("apps +prod +main@sha1:[0-9a-f]{40} +False +True +Applied revision: main@sha1:");
      assertThat(table).containsPattern("infrastructure +prod +main@sha1:");
      assertThat(sandbox.client().services().inNamespace("podinfo").withName("podinfo").get()).isNotNull();
      assertThat(withoutSource).containsPattern("flux-system +prod +main@sha1:" + first);
      assertThat(withSource).containsPattern("flux-system +prod +main@sha1:" + second);
    }
  }

  @Test
  void aMissingKubeconfigIsAnErrorNamingTheFile() {
    int code = Main.run("cluster", "add", "prod", "--kubeconfig", tmp.resolve("nope.yaml").toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope.yaml").contains("not found");
  }

  @Test
  void bootstrapOnAnUnregisteredClusterIsRefused() throws Exception {
    Path secret = Files.writeString(tmp.resolve("secret"), "s");

    int code = Main.run("bootstrap", "--url", "file:///nowhere", "--path", "clusters/x", "--cluster", "ghost",
        "--webhook-secret-file", secret.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cluster ghost is not registered");
  }
}
