package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.testing.TestCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `driftless events` and `driftless logs` after real reconciles of examples/, against the sandbox and the embedded store. */
class EventsCommandTest {
  @TempDir Path tmp;
  private CliHarness session;

  @BeforeEach
  void setUp() throws Exception {
    session = new CliHarness(TestCluster.SANDBOX, tmp).reconciledExamples();
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  private String run(int exitCode, String... args) {
    return session.run(exitCode, args);
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
    assertThat(session.err() + refused).contains("type 'Error' not supported");
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
