package io.driftless.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftless.event.Event;
import io.driftless.event.Event.Severity;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.TestCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What a Flux user's alerts and `driftless events` see from real reconciles: Flux's reasons, messages and metadata. */
@ParameterizedClass
@EnumSource(TestCluster.class)
class ReconcileEventsTest {
  private static final String REVISION = "kustomize.toolkit.fluxcd.io/revision";
  @Parameter TestCluster cluster;
  @TempDir Path tmp;
  private GitRemote remote;
  private LocalFleet fleet;
  private final List<Event> sent = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    remote = GitRemote.create(tmp.resolve("repo"), "main")
        .write("clusters/demo/app.yaml", """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: app
              namespace: flux-system
              annotations:
                event.toolkit.fluxcd.io/team: platform
            spec:
              interval: 10m
              path: ./app
              prune: true
              sourceRef:
                kind: GitRepository
                name: flux-system
              postBuild:
                substitute:
                  region: eu
            """);
    fleet = LocalFleet.start(tmp, cluster).bootstrap(remote, null);
    fleet.kube().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flux-system").endMetadata()
        .build()).create();
    fleet.engine().addEventSink(sent::add);
  }

  @AfterEach
  void tearDown() {
    fleet.close();
    remote.close();
  }

  private List<Event> of(String kind, String name) {
    return sent.stream().filter(e -> e.involvedObject().kind().equals(kind) && e.involvedObject().name().equals(name))
        .toList();
  }

  private String settings(String color) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: default
        data:
          color: %s
        """.formatted(color);
  }

  @Test
  void aReconcileEmitsProgressingThenTheChangeSetThenFinishedAndRepeatsNothingWhenNothingChanged() {
    String first = remote.write("app/settings.yaml", settings("blue")).commit("app");
    fleet.engine().reconcile(ManualReconcile.all());
    List<Event> firstRun = of("Kustomization", "app");
    String second = remote.write("app/settings.yaml", settings("green")).commit("green");
    fleet.engine().reconcile(ManualReconcile.all());
    List<Event> secondRun = of("Kustomization", "app").subList(firstRun.size(), of("Kustomization", "app").size());
    int before = sent.size();
    fleet.engine().reconcile(ManualReconcile.all());

    assertThat(firstRun).extracting(Event::severity, Event::reason).containsExactly(
        tuple(Severity.TRACE, "Progressing"),
        tuple(Severity.INFO, "ReconciliationSucceeded"),
        tuple(Severity.INFO, "ReconciliationSucceeded"));
    assertThat(firstRun).allSatisfy(e -> {
      assertThat(e.metadata()).containsEntry(REVISION, "main@sha1:" + first)
          .containsEntry("event.toolkit.fluxcd.io/team", "platform");
      assertThat(e.cluster()).isEqualTo("demo");
      assertThat(e.involvedObject().subject()).isEqualTo("Kustomization/flux-system/app");
      assertThat(e.reportingController()).isEqualTo("kustomize-controller");
    });
    assertThat(firstRun.get(1).message()).isEqualTo("ConfigMap/default/settings created");
    assertThat(firstRun.get(1).metadata()).doesNotContainKey("kustomize.toolkit.fluxcd.io/commit_status");
    assertThat(firstRun.get(2).message()).matches("Reconciliation finished in [0-9.]+m?s, next run in 10m0s");
    assertThat(firstRun.get(2).metadata()).containsEntry("kustomize.toolkit.fluxcd.io/commit_status", "update");
    assertThat(secondRun).extracting(Event::message).element(1).isEqualTo("ConfigMap/default/settings configured");
    assertThat(secondRun).allSatisfy(e -> assertThat(e.metadata()).containsEntry(REVISION, "main@sha1:" + second));
    assertThat(sent.subList(before, sent.size())).as("a run that changed nothing").isEmpty();
    assertThat(of("GitRepository", "flux-system")).extracting(Event::reason, Event::message)
        .contains(tuple("NewArtifact", "stored artifact for revision 'main@sha1:" + second + "'"));
    assertThat(fleet.store().events().forObject("demo", "Kustomization", "flux-system", "app", Instant.EPOCH))
        .extracting(Event::reason, Event::message)
        .containsExactlyElementsOf(of("Kustomization", "app").stream()
            .map(e -> tuple(e.reason(), e.message())).toList());
  }

  @Test
  void aBrokenBuildEmitsAnErrorNamingTheObjectAndTheField() {
    remote.write("app/settings.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: default
        data:
          zone: ${zone}
        """).commit("broken");

    fleet.engine().reconcile(ManualReconcile.all());

    Event last = of("Kustomization", "app").get(of("Kustomization", "app").size() - 1);
    assertThat(last.severity()).isEqualTo(Severity.ERROR);
    assertThat(last.reason()).isEqualTo("BuildFailed");
    assertThat(last.message()).contains("ConfigMap/default/settings").contains("zone").doesNotContain("\n");
    assertThat(last.metadata()).containsKey(REVISION).doesNotContainKey("kustomize.toolkit.fluxcd.io/commit_status");
  }
}
