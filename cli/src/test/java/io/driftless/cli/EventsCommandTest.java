package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.local.LocalChartRepository;
import io.driftless.sandbox.SandboxApiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `driftless events` and `driftless logs` after real reconciles of examples/, against the sandbox and the embedded store. */
class EventsCommandTest {
  @TempDir Path tmp;
  private SandboxApiServer sandbox;
  private LocalChartRepository charts;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream stdout;
  private PrintStream stderr;

  @BeforeEach
  void setUp() throws Exception {
    System.setProperty("DRIFTLESS_DATA_DIR", tmp.resolve("data").toString());
    System.setProperty("DRIFTLESS_CACHE_DIR", tmp.resolve("cache").toString());
    sandbox = SandboxApiServer.start(0);
    charts = LocalChartRepository.serve(Path.of("../examples/charts"));
    stdout = System.out;
    stderr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    Path bare = tmp.resolve("repo.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    try (DemoRepo repo = DemoRepo.attach(tmp.resolve("work"), bare)) {
      repo.copyFrom(Path.of("../examples"));
      charts.pointExamplesAt(repo.workTree());
      repo.commitAndPush("examples");
    }
    run(0, "cluster", "add", "prod", "--kubeconfig", sandbox.writeKubeconfig(tmp.resolve("kubeconfig")).toString());
    run(0, "bootstrap", "--url", bare.toUri().toString(), "--branch", "main", "--path", "clusters/demo", "--cluster", "prod");
    run(0, "reconcile", "ks", "flux-system");
  }

  @AfterEach
  void tearDown() {
    System.setOut(stdout);
    System.setErr(stderr);
    System.clearProperty("DRIFTLESS_DATA_DIR");
    System.clearProperty("DRIFTLESS_CACHE_DIR");
    sandbox.close();
    charts.close();
  }

  private String run(int exitCode, String... args) {
    out.reset();
    err.reset();
    assertThat(Main.run(args)).as(String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8)).isEqualTo(exitCode);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eventsForAKustomizationListItAndItsSourceLikeFluxEvents() {
    String apps = run(0, "events", "--for", "Kustomization/apps");

    assertThat(apps.lines().findFirst().orElseThrow()).matches("LAST SEEN +TYPE +REASON +OBJECT +MESSAGE");
    assertThat(apps).containsPattern("\\d+s +Normal +ReconciliationSucceeded +Kustomization/apps +Namespace/podinfo created");
    assertThat(apps).containsPattern("\n +Deployment/podinfo/podinfo created");
    assertThat(apps).containsPattern("Normal +ReconciliationSucceeded +Kustomization/apps +Reconciliation finished in .+, next run in ");
    assertThat(apps).as("its source").containsPattern("Normal +NewArtifact +GitRepository/flux-system +stored artifact for revision 'main@sha1:");
    assertThat(apps).as("trace events are not Kubernetes events").doesNotContain("Progressing");
    assertThat(apps).doesNotContain("Kustomization/infrastructure");
  }

  @Test
  void eventsOfAHelmReleaseAcrossNamespacesAndByType() {
    String hello = run(0, "events", "--for", "helmrelease/hello", "-n", "hello");
    String all = run(0, "events", "-A");
    String warnings = run(0, "events", "-A", "--types", "Warning");
    String refused = run(1, "events", "--types", "Error");

    assertThat(hello).containsPattern("Normal +InstallSucceeded +HelmRelease/hello +Helm install succeeded for release hello/hello.v1 with chart hello@");
    assertThat(hello).as("its chart's source").containsPattern("Normal +NewArtifact +HelmRepository/demo-charts");
    assertThat(all.lines().findFirst().orElseThrow()).startsWith("NAMESPACE ");
    assertThat(all).containsPattern("hello +\\d+s +Normal +InstallSucceeded").containsPattern("flux-system +\\d+s +Normal");
    assertThat(warnings).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8) + refused).contains("type 'Error' not supported");
  }

  @Test
  void watchPrintsWhatIsStoredAndEndsWhenItsTimeIsUp() {
    String watched = run(0, "events", "--for", "Kustomization/infrastructure", "--watch", "--watch-for", "3s");

    assertThat(watched).containsPattern("Normal +ReconciliationSucceeded +Kustomization/infrastructure");
  }

  @Test
  void logsAreFluxLogsLinesDerivedFromTheEvents() {
    String logs = run(0, "logs", "--kind", "Kustomization", "--name", "apps");
    String errors = run(0, "logs", "--level", "error", "-A");
    String followed = run(0, "logs", "-A", "--kind", "HelmRelease", "--since", "1h", "-f", "--follow-for", "3s");

    assertThat(logs).containsPattern(
        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z info Kustomization/apps\\.flux-system - Building manifests for revision main@sha1:");
    assertThat(logs).containsPattern("info Kustomization/apps\\.flux-system - Namespace/podinfo created, .*Service/podinfo/podinfo created, Deployment/podinfo/podinfo created");
    assertThat(logs.lines()).allMatch(l -> l.contains(" Kustomization/apps.flux-system - "));
    assertThat(errors).isEmpty();
    assertThat(followed).contains("info HelmRelease/hello.hello - Helm install succeeded for release hello/hello.v1");
  }
}
