package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.local.LocalChartRepository;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;

/**
 * A test's Driftless: the embedded store in a temp directory (or a table at a DynamoDB endpoint), one
 * cluster (the sandbox or a real API server) registered as {@code prod}, the examples' chart
 * repository, and the CLI's stdout and stderr captured ({@link CliOutput}).
 */
final class CliHarness implements AutoCloseable {
  private final Path tmp;
  private final TestCluster.Running cluster;
  private final LocalChartRepository charts;
  private final CliOutput output = new CliOutput();
  private DemoRepo repo;

  CliHarness(TestCluster kind, Path tmp) {
    this.tmp = tmp;
    System.setProperty("DRIFTLESS_DATA_DIR", tmp.resolve("data").toString());
    System.setProperty("DRIFTLESS_CACHE_DIR", tmp.resolve("cache").toString());
    this.cluster = kind.start(tmp);
    this.charts = LocalChartRepository.serve(Path.of("../examples/charts"));
  }

  KubernetesClient client() {
    return cluster.client();
  }

  Path kubeconfig() {
    return cluster.kubeconfig();
  }

  DemoRepo repo() {
    return repo;
  }

  LocalChartRepository charts() {
    return charts;
  }

  /** examples/ committed, cluster prod added, bootstrapped and reconciled once. */
  CliHarness reconciledExamples() throws Exception {
    Path bare = tmp.resolve("repo.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    repo = DemoRepo.attach(tmp.resolve("work"), bare);
    repo.copyFrom(Path.of("../examples"));
    charts.pointExamplesAt(repo.workTree());
    repo.commitAndPush("examples");
    run(0, "cluster", "add", "prod", "--kubeconfig", cluster.kubeconfig().toString());
    run(0, "bootstrap", "--url", bare.toUri().toString(), "--branch", "main", "--path", "clusters/demo", "--cluster", "prod");
    run(0, "reconcile", "ks", "flux-system");
    return this;
  }

  /** Runs the CLI, checks its exit code, and returns what it printed on stdout. */
  String run(int exitCode, String... args) {
    output.clear();
    int code = output.run(args);
    assertThat(code).as(String.join(" ", args) + "\n" + out() + err()).isEqualTo(exitCode);
    return out();
  }

  /** Forgets what was captured so far. */
  void clear() {
    output.clear();
  }

  /** Runs the CLI and returns its exit code without clearing what was captured (a watch may be printing). */
  int runAlongside(String... args) {
    return output.run(args);
  }

  String out() {
    return output.out();
  }

  String err() {
    return output.err();
  }

  @Override
  public void close() {
    System.clearProperty("DRIFTLESS_DATA_DIR");
    System.clearProperty("DRIFTLESS_CACHE_DIR");
    if (repo != null) {
      repo.close();
    }
    charts.close();
    cluster.close();
  }
}
