package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.apply.Action;
import io.driftless.apply.ChangeSet;
import io.driftless.apply.ChangeSetEntry;
import io.driftless.model.ObjectId;
import io.driftless.model.Reason;
import io.driftless.model.Yaml;
import io.driftless.pipeline.ReconcileOutcome;
import io.driftless.pipeline.ReconcileReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo proves itself from the reconcile function's typed answer, read back from its JSON. */
class DemoCheckTest {
  private static final String COMMIT = "a".repeat(40);
  private static final ObjectId CONFIG_MAP = new ObjectId("", "ConfigMap", "podinfo", "podinfo-config");
  private static final ObjectId SERVICE = new ObjectId("", "Service", "podinfo", "podinfo");

  private static ReconcileReport overTheWire(ChangeSet appsChanges) throws Exception {
    ReconcileReport report = new ReconcileReport(List.of(
        ready("flux-system/flux-system", new ChangeSet()),
        ready("flux-system/infrastructure", new ChangeSet()),
        ready("flux-system/apps", appsChanges),
        new ReconcileOutcome("demo", "HelmRelease/hello/hello", "0.1.0", true, Reason.INSTALL_SUCCEEDED,
            "Helm install succeeded for release hello/hello.v1 with chart hello@0.1.0", new ChangeSet())));
    return Yaml.json().readValue(Yaml.json().writeValueAsString(report), ReconcileReport.class);
  }

  private static ReconcileOutcome ready(String key, ChangeSet changes) {
    return new ReconcileOutcome("demo", key, "main@sha1:" + COMMIT, true, Reason.RECONCILIATION_SUCCEEDED,
        "Applied revision: main@sha1:" + COMMIT, changes);
  }

  @Test
  void theExpectedChangesInTheTypedReportPass() throws Exception {
    ReconcileReport report = overTheWire(ChangeSet.of(List.of(
        new ChangeSetEntry(CONFIG_MAP, "v1", Action.CONFIGURED), new ChangeSetEntry(SERVICE, "v1", Action.DELETED))));

    assertThatCode(() -> DemoCommand.DemoCheck.verify(report, COMMIT,
        new DemoCommand.DemoCheck.Expected(CONFIG_MAP, Action.CONFIGURED),
        new DemoCommand.DemoCheck.Expected(SERVICE, Action.DELETED))).doesNotThrowAnyException();
  }

  @Test
  void aHelmReleaseThatIsNotReadyFailsTheDemoNamingIt() throws Exception {
    ReconcileReport ok = overTheWire(new ChangeSet());
    List<ReconcileOutcome> outcomes = new java.util.ArrayList<>(ok.outcomes().subList(0, 3));
    outcomes.add(new ReconcileOutcome("demo", "HelmRelease/hello/hello", "0.1.0", false, Reason.ARTIFACT_FAILED,
        "HelmRelease/hello/hello: chart repository unreachable", new ChangeSet()));

    assertThatThrownBy(() -> DemoCommand.DemoCheck.verify(new ReconcileReport(outcomes), COMMIT))
        .hasMessageContaining("HelmRelease/hello/hello").hasMessageContaining("unreachable");
  }

  @Test
  void aMissingChangeFailsTheDemoNamingIt() throws Exception {
    ReconcileReport report = overTheWire(ChangeSet.of(List.of(new ChangeSetEntry(SERVICE, "v1", Action.UNCHANGED))));

    assertThatThrownBy(() -> DemoCommand.DemoCheck.verify(report, COMMIT,
        new DemoCommand.DemoCheck.Expected(SERVICE, Action.DELETED)))
        .hasMessageContaining("Service/podinfo/podinfo deleted");
  }
}
