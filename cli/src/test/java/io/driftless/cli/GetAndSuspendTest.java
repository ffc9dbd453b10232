package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.testing.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code get all|ks|sources} with flux's flags and {@code -o}, and {@code suspend|resume} of each kind, on both servers. */
@ParameterizedClass
@EnumSource(TestCluster.class)
class GetAndSuspendTest {
  @Parameter TestCluster kind;
  @TempDir Path tmp;
  private CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(kind, tmp).reconciledExamples();
  }

  @AfterEach
  void tearDown() {
    cli.close();
  }

  private String podinfoMessage() {
    return cli.client().configMaps().inNamespace("podinfo").withName("podinfo-config").get().getData().get("PODINFO_UI_MESSAGE");
  }

  private String commitPodinfoMessage(String message) throws Exception {
    Path file = cli.repo().workTree().resolve("apps/podinfo/configmap.yaml");
    Files.writeString(file, Files.readString(file).replace("Hello from Driftless", message));
    return cli.repo().commitAndPush(message);
  }

  @Test
  void getAllListsEveryKindAsFluxDoesAndTheSelectorAndOutputFormatsFilterAndShow() throws Exception {
    String all = cli.run(0, "get", "all", "-A");
    String ready = cli.run(0, "get", "ks", "--status-selector", "ready=true");
    String notReady = cli.run(0, "get", "ks", "--status-selector", "ready=false");
    String notReadyErr = cli.err();
    JsonNode json = new ObjectMapper().readTree(cli.run(0, "get", "ks", "-o", "json"));
    String yaml = cli.run(0, "get", "sources", "all", "-A", "-o", "yaml");
    String sources = cli.run(0, "get", "sources", "all", "-A");

    assertThat(all).containsPattern("flux-system +gitrepository/flux-system +main@sha1:[0-9a-f]{40} +False +True")
        .containsPattern("flux-system +helmrepository/demo-charts +sha256:")
        .containsPattern("hello +helmrelease/hello +0\\.1\\.0 +False +True")
        .containsPattern("flux-system +kustomization/apps +main@sha1:[0-9a-f]{40} +False +True +Applied revision");
    assertThat(all.indexOf("gitrepository/")).isLessThan(all.indexOf("helmrelease/"));
    assertThat(all.indexOf("helmrelease/")).isLessThan(all.indexOf("kustomization/"));
    assertThat(ready.lines().findFirst().orElseThrow()).matches("NAME +REVISION +SUSPENDED +READY +MESSAGE");
    assertThat(ready).contains("apps").contains("infrastructure").contains("flux-system");
    assertThat(notReady).isEmpty();
    assertThat(notReadyErr).contains("✗ no Kustomization objects found in \"flux-system\" namespace");
    assertThat(json.get("kind").asText()).isEqualTo("List");
    JsonNode apps = null;
    for (JsonNode item : json.get("items")) {
      if (item.at("/metadata/name").asText().equals("apps")) {
        apps = item;
      }
    }
    assertThat(apps).isNotNull();
    assertThat(apps.at("/apiVersion").asText()).isEqualTo("kustomize.toolkit.fluxcd.io/v1");
    assertThat(apps.at("/spec/path").asText()).isEqualTo("./apps/podinfo");
    assertThat(apps.at("/status/conditions/0/type").asText()).isEqualTo("Ready");
    assertThat(apps.at("/status/lastAppliedRevision").asText()).startsWith("main@sha1:");
    assertThat(apps.at("/status/inventory/entries").toString()).contains("podinfo_podinfo-config__ConfigMap");
    assertThat(apps.at("/driftless/cluster").asText()).isEqualTo("prod");
    assertThat(yaml).contains("kind: List").contains("kind: GitRepository").contains("kind: HelmRepository")
        .contains("kind: HelmChart");
    assertThat(sources).contains("helmchart/hello-hello").doesNotContain("kustomization/");
  }

  @Test
  void aSuspendedKustomizationIsLeftAloneUntilResumeReconcilesIt() throws Exception {
    String suspended = cli.run(0, "suspend", "ks", "apps");
    String commit = commitPodinfoMessage("Hello while suspended");
    cli.run(0, "reconcile", "ks", "flux-system", "--with-source");
    String whileSuspended = podinfoMessage();
    String table = cli.run(0, "get", "ks");
    String exported = cli.run(0, "get", "ks", "-o", "yaml");
    String resumed = cli.run(0, "resume", "ks", "apps");

    assertThat(suspended).contains("► suspending Kustomization/flux-system/apps")
        .contains("✔ Kustomization/flux-system/apps on prod suspended");
    assertThat(whileSuspended).isEqualTo("Hello from Driftless");
    assertThat(table).containsPattern("apps +main@sha1:[0-9a-f]{40} +True +True");
    assertThat(exported).contains("suspend: true");
    assertThat(resumed).contains("✔ Kustomization/flux-system/apps on prod resumed")
        .contains("◎ waiting for Kustomization reconciliation")
        .contains("ConfigMap/podinfo/podinfo-config configured")
        .contains("✔ flux-system/apps on prod: applied revision main@sha1:" + commit);
    assertThat(podinfoMessage()).isEqualTo("Hello while suspended");
    assertThat(cli.run(0, "get", "ks")).containsPattern("apps +main@sha1:" + commit + " +False +True");
  }

  @Test
  void suspendAllAndResumeAllWithWait() throws Exception {
    String suspended = cli.run(0, "suspend", "ks", "--all");
    String commit = commitPodinfoMessage("Hello after resume all");
    String refused = cli.run(1, "reconcile", "ks", "flux-system", "--with-source");
    String whileSuspended = podinfoMessage();
    String resumedNoWait = cli.run(0, "resume", "ks", "--all");
    String afterNoWait = podinfoMessage();
    cli.run(0, "suspend", "ks", "--all");
    String resumed = cli.run(0, "resume", "ks", "--all", "--wait");

    assertThat(suspended).contains("Kustomization/flux-system/apps on prod suspended")
        .contains("Kustomization/flux-system/flux-system on prod suspended")
        .contains("Kustomization/flux-system/infrastructure on prod suspended");
    assertThat(refused).contains("✗ Kustomization/flux-system/flux-system is suspended");
    assertThat(whileSuspended).isEqualTo("Hello from Driftless");
    assertThat(resumedNoWait).contains("◎ the next run reconciles them");
    assertThat(afterNoWait).isEqualTo("Hello from Driftless");
    assertThat(resumed).contains("✔ flux-system/apps on prod: applied revision main@sha1:" + commit);
    assertThat(podinfoMessage()).isEqualTo("Hello after resume all");
  }

  @Test
  void aSuspendedGitRepositoryIsNotFetchedAndResumeFetchesIt() throws Exception {
    String before = cli.run(0, "get", "sources", "git");
    String suspended = cli.run(0, "suspend", "source", "git", "flux-system");
    String commit = commitPodinfoMessage("Hello from a suspended source");
    cli.run(0, "reconcile", "ks", "apps", "--with-source");
    String whileSuspended = podinfoMessage();
    String table = cli.run(0, "get", "sources", "git");
    String resumed = cli.run(0, "resume", "source", "git", "flux-system");
    cli.run(0, "reconcile", "ks", "apps");

    assertThat(suspended).contains("✔ GitRepository/flux-system/flux-system on prod suspended");
    assertThat(whileSuspended).isEqualTo("Hello from Driftless");
    assertThat(table).containsPattern("flux-system +main@sha1:[0-9a-f]{40} +True +True");
    assertThat(table).doesNotContain(commit);
    assertThat(before).containsPattern("flux-system +main@sha1:[0-9a-f]{40} +False +True");
    assertThat(resumed).contains("◎ waiting for GitRepository reconciliation")
        .contains("✔ GitRepository/flux-system/flux-system on prod: fetched revision main@sha1:" + commit);
    assertThat(podinfoMessage()).isEqualTo("Hello from a suspended source");
  }

  @Test
  void aSuspendedHelmRepositoryHoldsItsReleasesUntilResumeReconcilesThem() {
    String suspended = cli.run(0, "suspend", "source", "helm", "demo-charts");
    String refused = cli.run(1, "reconcile", "hr", "hello", "-n", "hello");
    String table = cli.run(0, "get", "sources", "helm");
    String resumed = cli.run(0, "resume", "source", "helm", "demo-charts");

    assertThat(suspended).contains("✔ HelmRepository/flux-system/demo-charts on prod suspended");
    assertThat(refused).contains("HelmRepository/flux-system/demo-charts is suspended");
    assertThat(table).containsPattern("demo-charts +sha256:[0-9a-f]{64} +True");
    assertThat(resumed).contains("✔ HelmRelease/hello/hello on prod: applied revision 0.1.0");
    assertThat(cli.run(0, "get", "hr", "-n", "hello")).containsPattern("hello +0\\.1\\.0 +False +True");
  }
}
