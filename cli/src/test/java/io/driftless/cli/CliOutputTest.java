package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.testing.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees of {@code driftless reconcile}: stdout holds only the command's lines, each change
 * under the Kustomization or HelmRelease that made it; logs go to stderr, warnings only unless -v.
 */
class CliOutputTest {
  @TempDir Path tmp;

  /**
   * A second commit (a ConfigMap edited and a Service removed under apps, the hello values changed under
   * infrastructure) and, as `flux bootstrap` leaves it, a gotk-components.yaml that Driftless skips
   * with a warning.
   */
  private static void pushChildChangesAndFluxComponents(CliHarness session) throws Exception {
    Path work = session.repo().workTree();
    DemoFiles.editSecondCommit(work);
    Path fluxSystem = work.resolve("clusters/demo/flux-system");
    Files.writeString(fluxSystem.resolve("gotk-components.yaml"), """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: kustomize-controller
          namespace: flux-system
          labels: {app.kubernetes.io/component: kustomize-controller, app.kubernetes.io/part-of: flux}
        """);
    Files.writeString(fluxSystem.resolve("kustomization.yaml"),
        Files.readString(fluxSystem.resolve("kustomization.yaml")).replace("resources:\n", "resources:\n  - gotk-components.yaml\n"));
    session.repo().commitAndPush("second commit, with Flux's components");
  }

  /** stdout's lines by the ✔ or ✗ line they follow. */
  private static Map<String, List<String>> sections(String stdout) {
    Map<String, List<String>> sections = new LinkedHashMap<>();
    List<String> current = new ArrayList<>();
    for (String line : stdout.lines().toList()) {
      if (line.startsWith("✔ ") || line.startsWith("✗ ")) {
        current = new ArrayList<>();
        sections.put(line.substring(2, line.indexOf(" on ")), current);
      } else {
        current.add(line.strip());
      }
    }
    return sections;
  }

  @Test
  void reconcilePrintsOnlyItsLinesOnStdoutEachChangeUnderWhatMadeItAndWarningsOnStderr() throws Exception {
    String stdout;
    String stderr;
    try (CliHarness session = new CliHarness(TestCluster.SANDBOX, tmp).reconciledExamples()) {
      pushChildChangesAndFluxComponents(session);

      stdout = session.run(0, "reconcile", "ks", "flux-system", "--with-source", "--wait-tree");
      stderr = session.err();
    }

    assertThat(stdout.lines()).isNotEmpty().allMatch(line -> line.matches("(► |◎ |✔ |✗ |  \\S).*"), "a reconcile line");
    assertThat(stdout).doesNotContain("INFO:").doesNotContain("WARNING:").doesNotContain("[sqlite]")
        .doesNotContain("[status]").doesNotContain("[ERROR]");
    Map<String, List<String>> sections = sections(stdout);
    assertThat(sections.get("flux-system/apps"))
        .contains("ConfigMap/podinfo/podinfo-config configured", "Service/podinfo/podinfo deleted");
    assertThat(sections.get("flux-system/infrastructure")).contains("ConfigMap/hello/hello-values configured");
    assertThat(sections.get("HelmRelease/hello/hello")).contains("ConfigMap/hello/hello configured");
    assertThat(sections.get("flux-system/flux-system")).noneMatch(line -> line.contains("podinfo") || line.contains("hello"));
    assertThat(stderr).contains("WARNING: flux-system/flux-system: skipped 1 Flux controller component(s)")
        .doesNotContain("INFO:");
  }

  @Test
  void verboseBringsTheInfoLogsBackOnStderrAndStdoutStaysTheSame() throws Exception {
    String quiet;
    String quietErr;
    String verbose;
    String verboseErr;
    try (CliHarness session = new CliHarness(TestCluster.SANDBOX, tmp).reconciledExamples()) {
      quiet = session.run(0, "reconcile", "ks", "flux-system");
      quietErr = session.err();
      verbose = session.run(0, "reconcile", "ks", "flux-system", "-v");
      verboseErr = session.err();
    }

    assertThat(quietErr).doesNotContain("INFO:");
    assertThat(verboseErr).contains("INFO: [status] prod flux-system/flux-system main@sha1:");
    assertThat(verbose).isEqualTo(quiet).doesNotContain("INFO:");
  }

  /**
   * As {@code flux reconcile ks}: the result is the named Kustomization's. Its line is printed, the rest
   * of its tree is one summary line naming what failed there, and a child that fails does not fail the
   * command; {@code --wait-tree} prints every line and fails with any of them.
   */
  @Test
  void reconcileAnswersForTheNamedKustomizationAndSumsUpTheRestOfItsTree() throws Exception {
    String named;
    String tree;
    try (CliHarness session = new CliHarness(TestCluster.SANDBOX, tmp).reconciledExamples()) {
      Path apps = session.repo().workTree().resolve("apps/podinfo/kustomization.yaml");
      Files.writeString(apps, Files.readString(apps).replace("resources:\n", "resources:\n  - missing.yaml\n"));
      String commit = session.repo().commitAndPush("apps refers to a file that is not there");

      named = session.run(0, "reconcile", "ks", "flux-system", "--with-source");
      Files.writeString(apps, Files.readString(apps).replace("missing.yaml", "missing-too.yaml"));
      session.repo().commitAndPush("apps refers to another file that is not there");
      tree = session.run(1, "reconcile", "ks", "flux-system", "--with-source", "--wait-tree");
      assertThat(named).contains("✔ flux-system/flux-system on prod: applied revision main@sha1:" + commit);
    }

    assertThat(named.lines().filter(l -> l.startsWith("✔ ") || l.startsWith("✗ ")))
        .singleElement().asString().startsWith("✔ flux-system/flux-system on prod");
    assertThat(named.lines().filter(l -> l.startsWith("◎ ") && l.contains("more reconciled in the same run"))).singleElement()
        .asString().contains("not Ready (flux-system/apps on prod;");
    assertThat(tree).contains("✗ flux-system/apps on prod: ").contains("✔ flux-system/infrastructure on prod")
        .doesNotContain("more reconciled in the same run");
  }
}
