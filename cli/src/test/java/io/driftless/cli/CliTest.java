package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.testing.TestCluster;
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
  private CliHarness session;

  @BeforeEach
  void setUp() {
    session = new CliHarness(TestCluster.SANDBOX, tmp);
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  private Path bare() throws Exception {
    Path bare = tmp.resolve("repo.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    return bare;
  }

  private String getKs() {
    return session.run(0, "get", "ks");
  }

  @Test
  void clusterAddBootstrapReconcileAndGet() throws Exception {
    Path kubeconfig = session.kubeconfig();
    Path bare = bare();
    try (DemoRepo repo = DemoRepo.attach(tmp.resolve("work"), bare)) {
      repo.copyFrom(Path.of("../examples"));
      session.charts().pointExamplesAt(repo.workTree());
      String first = repo.commitAndPush("examples");

      assertThat(session.runAlongside("cluster", "add", "prod", "--kubeconfig", kubeconfig.toString())).isZero();
      assertThat(session.runAlongside("bootstrap", "--url", bare.toUri().toString(), "--branch", "main", "--path", "clusters/demo",
          "--cluster", "prod")).isZero();
      assertThat(session.runAlongside("reconcile", "ks", "flux-system")).isZero();
      String table = getKs();
      Files.writeString(repo.workTree().resolve("clusters/demo/marker.txt"), "a commit the cluster has not seen\n");
      String second = repo.commitAndPush("second");
      assertThat(session.runAlongside("reconcile", "ks", "flux-system")).isZero();
      String withoutSource = getKs();
      assertThat(session.runAlongside("reconcile", "ks", "flux-system", "--with-source")).isZero();
      String withSource = getKs();

      assertThat(table.lines().findFirst().orElseThrow())
          .matches("NAME +REVISION +SUSPENDED +READY +MESSAGE");
      assertThat(table).containsPattern("apps +main@sha1:[0-9a-f]{40} +False +True +Applied revision: main@sha1:");
      assertThat(table).containsPattern("infrastructure +main@sha1:");
      assertThat(session.client().services().inNamespace("podinfo").withName("podinfo").get()).isNotNull();
      assertThat(withoutSource).containsPattern("flux-system +main@sha1:" + first);
      assertThat(withSource).containsPattern("flux-system +main@sha1:" + second);
    }
  }

  /** examples/ committed, cluster prod added, bootstrapped and reconciled once: the hello release is installed. */
  private DemoRepo reconciledExamples() throws Exception {
    Path kubeconfig = session.kubeconfig();
    Path bare = bare();
    DemoRepo repo = DemoRepo.attach(tmp.resolve("work"), bare);
    repo.copyFrom(Path.of("../examples"));
    session.charts().pointExamplesAt(repo.workTree());
    repo.commitAndPush("examples");
    assertThat(session.runAlongside("cluster", "add", "prod", "--kubeconfig", kubeconfig.toString())).isZero();
    assertThat(session.runAlongside("bootstrap", "--url", bare.toUri().toString(), "--branch", "main", "--path", "clusters/demo",
        "--cluster", "prod")).isZero();
    assertThat(session.runAlongside("reconcile", "ks", "flux-system")).isZero();
    return repo;
  }

  private String run(int exitCode, String... args) {
    return session.run(exitCode, args);
  }

  private String helloColor() {
    return session.client().configMaps().inNamespace("hello").withName("hello").get().getData().get("color");
  }

  @Test
  void getHelmReleasesAndTheirSourcesLikeFlux() throws Exception {
    try (DemoRepo repo = reconciledExamples()) {
      String all = run(0, "get", "hr", "-A");
      String inFluxSystem = run(0, "get", "hr");
      String inFluxSystemErr = session.err();
      String inHello = run(0, "get", "helmreleases", "-n", "hello", "--cluster", "prod");
      String helm = run(0, "get", "sources", "helm");
      String chart = run(0, "get", "sources", "chart");
      String git = run(0, "get", "sources", "git");
      String oci = run(0, "get", "sources", "oci");

      assertThat(all.lines().findFirst().orElseThrow()).matches("NAMESPACE +NAME +REVISION +SUSPENDED +READY +MESSAGE");
      assertThat(all).containsPattern("hello +hello +0\\.1\\.0 +False +True +Helm install succeeded for release "
          + "hello/hello\\.v1 with chart hello@0\\.1\\.0");
      assertThat(inFluxSystem).isEmpty();
      assertThat(inFluxSystemErr).contains("✗ no HelmRelease objects found in \"flux-system\" namespace");
      assertThat(inHello.lines().findFirst().orElseThrow()).matches("NAME +REVISION +SUSPENDED +READY +MESSAGE");
      assertThat(inHello).containsPattern("hello +0\\.1\\.0 +False +True");
      assertThat(helm).containsPattern("demo-charts +sha256:[0-9a-f]{64} +False +True +stored artifact: revision 'sha256:");
      assertThat(chart).containsPattern("hello-hello +0\\.1\\.0 +False +True +pulled 'hello' chart with version '0\\.1\\.0'");
      assertThat(git).containsPattern("flux-system +main@sha1:[0-9a-f]{40} +False +True +stored artifact for revision");
      assertThat(oci).isEmpty();
    }
  }

  @Test
  void aSuspendedReleaseWaitsForResumeWhichReconcilesAtOnce() throws Exception {
    try (DemoRepo repo = reconciledExamples()) {
      String suspended = run(0, "suspend", "hr", "hello", "-n", "hello");
      Path values = repo.workTree().resolve("infrastructure/hello/values.yaml");
      Files.writeString(values, Files.readString(values).replace("color: teal", "color: orange"));
      repo.commitAndPush("orange");
      run(0, "reconcile", "ks", "infrastructure", "--with-source");
      String colorWhileSuspended = helloColor();
      String table = run(0, "get", "hr", "-n", "hello");
      String refused = run(1, "reconcile", "hr", "hello", "-n", "hello");
      String resumed = run(0, "resume", "hr", "hello", "-n", "hello");

      assertThat(suspended).contains("✔ HelmRelease/hello/hello on prod suspended");
      assertThat(colorWhileSuspended).isEqualTo("TEAL");
      assertThat(table).containsPattern("hello +0\\.1\\.0 +True +True");
      assertThat(refused).contains("✗ HelmRelease/hello/hello is suspended");
      assertThat(resumed).contains("✔ HelmRelease/hello/hello on prod resumed")
          .contains("◎ waiting for HelmRelease reconciliation")
          .contains("ConfigMap/hello/hello configured")
          .contains("✔ HelmRelease/hello/hello on prod: applied revision 0.1.0");
      assertThat(helloColor()).isEqualTo("ORANGE");
      assertThat(session.client().secrets().inNamespace("hello").withName("sh.helm.release.v1.hello.v2").get()).isNotNull();
      assertThat(run(0, "get", "hr", "-n", "hello")).containsPattern("hello +0\\.1\\.0 +False +True +Helm upgrade succeeded");
    }
  }

  @Test
  void reconcileHelmReleaseWithSourceRebuildsItsKustomizationAndUnknownOnesAreErrors() throws Exception {
    try (DemoRepo repo = reconciledExamples()) {
      Path values = repo.workTree().resolve("infrastructure/hello/values.yaml");
      Files.writeString(values, Files.readString(values).replace("color: teal", "color: plum"));
      String commit = repo.commitAndPush("plum");

      String withSource = run(0, "reconcile", "hr", "hello", "-n", "hello", "--with-source");
      int unknown = session.runAlongside("reconcile", "hr", "nope", "-n", "hello");

      assertThat(withSource).contains("► reconciling HelmRelease/hello/hello with its source")
          .contains("✔ flux-system/infrastructure on prod: applied revision main@sha1:" + commit)
          .contains("✔ HelmRelease/hello/hello on prod: applied revision 0.1.0");
      assertThat(helloColor()).isEqualTo("PLUM");
      assertThat(unknown).isEqualTo(1);
      assertThat(session.err()).contains("HelmRelease/hello/nope not found");
    }
  }

  @Test
  void aMissingKubeconfigIsAnErrorNamingTheFile() {
    int code = session.runAlongside("cluster", "add", "prod", "--kubeconfig", tmp.resolve("nope.yaml").toString());

    assertThat(code).isEqualTo(1);
    assertThat(session.err()).contains("nope.yaml").contains("not found");
  }

  @Test
  void bootstrapOnAnUnregisteredClusterIsRefused() throws Exception {
    Path secret = Files.writeString(tmp.resolve("secret"), "s");

    int code = session.runAlongside("bootstrap", "--url", "file:///nowhere", "--path", "clusters/x", "--cluster", "ghost",
        "--webhook-secret-file", secret.toString());

    assertThat(code).isEqualTo(1);
    assertThat(session.err()).contains("cluster ghost is not registered");
  }

  @Test
  void bootstrapRegistersACommitStatusProviderWithItsTokenByReference() throws Exception {
    Path kubeconfig = session.kubeconfig();
    Path token = Files.writeString(tmp.resolve("github-token"), "ghp_notInTheTable");
    assertThat(session.runAlongside("cluster", "add", "prod", "--kubeconfig", kubeconfig.toString())).isZero();

    assertThat(session.runAlongside("bootstrap", "--url", "https://github.com/org/fleet", "--path", "clusters/prod", "--cluster", "prod",
        "--commit-status", "jenkins", "--commit-status-token-file", token.toString())).isEqualTo(1);
    assertThat(session.err()).contains("--commit-status jenkins: want one of github, gitea, gitlab, bitbucket");
    assertThat(session.runAlongside("bootstrap", "--url", "https://github.com/org/fleet", "--path", "clusters/prod", "--cluster", "prod",
        "--commit-status", "github", "--commit-status-token-file", token.toString())).isZero();

    assertThat(session.out()).contains("✔ github commit statuses for every Kustomization and HelmRelease on prod");
    try (var engine = Engines.open()) {
      var store = engine.store();
      assertThat(store.listNotifications("prod")).extracting(r -> r.key())
          .containsExactlyInAnyOrder("Provider/flux-system/driftless-commit-status", "Alert/flux-system/driftless-commit-status");
      assertThat(store.listNotifications("prod")).allSatisfy(r -> assertThat(r.manifest()).doesNotContain("ghp_notInTheTable"));
    }
  }
}
