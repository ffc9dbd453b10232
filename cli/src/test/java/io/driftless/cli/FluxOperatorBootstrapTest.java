package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.record.RootRecord;
import io.driftless.testing.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A repository laid out as current homelab ones are: a Flux Operator {@code FluxInstance} as the entry
 * point, the flux-operator and flux-instance HelmReleases under a Kustomization of their own, and an
 * Alert naming the FluxInstance. {@code bootstrap --from} registers its sync; the operator is skipped,
 * the apps applied, on both servers.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class FluxOperatorBootstrapTest {
  @Parameter TestCluster kind;
  @TempDir Path tmp;
  private CliHarness cli;
  private Path bare;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(kind, tmp);
    bare = tmp.resolve("home-ops.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    cli.run(0, "cluster", "add", "prod", "--kubeconfig", cli.kubeconfig().toString());
  }

  @AfterEach
  void tearDown() {
    cli.close();
  }

  private DemoRepo homelab(String syncUrl) throws Exception {
    DemoRepo repo = DemoRepo.attach(tmp.resolve("work"), bare);
    Path work = repo.workTree();
    write(work, "clusters/prod/flux-instance.yaml", """
        apiVersion: fluxcd.controlplane.io/v1
        kind: FluxInstance
        metadata:
          name: flux
          namespace: flux-system
        spec:
          distribution: {version: "2.x", registry: ghcr.io/fluxcd}
          components: [source-controller, kustomize-controller, helm-controller, notification-controller]
          cluster: {type: kubernetes, networkPolicy: true}
          sync:
            kind: GitRepository
            url: "%s"
            ref: refs/heads/main
            path: clusters/prod
        """.formatted(syncUrl));
    write(work, "clusters/prod/flux-system.yaml", kustomization("flux-operator", "./infrastructure/flux-system", ""));
    write(work, "clusters/prod/apps.yaml", kustomization("apps", "./apps", "  dependsOn: [{name: flux-operator}]\n"));
    write(work, "clusters/prod/alerts.yaml", """
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Provider
        metadata: {name: alertmanager, namespace: flux-system}
        spec:
          type: alertmanager
          address: http://alertmanager-operated.observability.svc.cluster.local:9093/api/v2/alerts/
        ---
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Alert
        metadata: {name: alertmanager, namespace: flux-system}
        spec:
          providerRef: {name: alertmanager}
          eventSeverity: error
          eventSources:
            - {kind: FluxInstance, name: flux}
            - {kind: HelmRelease, name: "*"}
          exclusionList: ["error.*lookup github\\\\.com", "waiting.*socket"]
          suspend: false
        """);
    write(work, "infrastructure/flux-system/flux-operator.yaml", operatorChart("flux-operator", """
          install: {strategy: {name: RetryOnFailure}}
          values:
            serviceMonitor: {create: true}
        """));
    write(work, "infrastructure/flux-system/flux-instance.yaml", operatorChart("flux-instance", """
          dependsOn: [{name: flux-operator}]
          values:
            instance:
              distribution: {version: "2.x", registry: ghcr.io/fluxcd}
        """));
    write(work, "apps/podinfo.yaml", """
        apiVersion: v1
        kind: Namespace
        metadata: {name: podinfo}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: podinfo-config, namespace: podinfo}
        data: {PODINFO_UI_MESSAGE: "Hello from a homelab"}
        """);
    repo.commitAndPush("home-ops");
    return repo;
  }

  private static String kustomization(String name, String path, String more) {
    return """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: %s, namespace: flux-system}
        spec:
          interval: 1h
          path: %s
          prune: true
          sourceRef: {kind: GitRepository, name: flux-system}
        """.formatted(name, path) + more;
  }

  /** The chart's OCIRepository and a HelmRelease of it, as homelab repositories install the operator. */
  private static String operatorChart(String chart, String releaseSpec) {
    return """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: OCIRepository
        metadata: {name: %1$s, namespace: flux-system}
        spec:
          interval: 5m
          layerSelector: {mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip, operation: copy}
          ref: {tag: 0.28.0}
          url: oci://ghcr.io/controlplaneio-fluxcd/charts/%1$s
        ---
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: %1$s, namespace: flux-system}
        spec:
          interval: 1h
          chartRef: {kind: OCIRepository, name: %1$s}
        """.formatted(chart) + releaseSpec;
  }

  private static void write(Path work, String file, String content) throws Exception {
    Path p = work.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  @Test
  void bootstrapFromAFluxInstanceRegistersItsSyncAndTheReconcileSkipsTheOperatorAndAppliesTheApps() throws Exception {
    DemoRepo repo = homelab(bare.toUri().toString());
    Path instance = repo.workTree().resolve("clusters/prod/flux-instance.yaml");

    String registered = cli.run(0, "bootstrap", "--from", instance.toString(), "--cluster", "prod");
    cli.run(0, "reconcile", "ks", "flux-system");
    String err = cli.err();
    String kustomizations = cli.run(0, "get", "ks");
    String releases = cli.run(0, "get", "hr", "-A");

    assertThat(registered).contains("✔ root prod registered: " + bare.toUri() + " main ./clusters/prod → cluster prod"
        + " (spec.sync of FluxInstance/flux-system/flux)");
    assertThat(cli.client().configMaps().inNamespace("podinfo").withName("podinfo-config").get().getData())
        .containsEntry("PODINFO_UI_MESSAGE", "Hello from a homelab");
    assertThat(err.lines().filter(l -> l.contains("skipped FluxInstance/flux-system/flux"))).singleElement().asString()
        .contains("its spec.sync is root prod's");
    for (String skipped : new String[] {"OCIRepository/flux-system/flux-operator", "HelmRelease/flux-system/flux-operator",
        "OCIRepository/flux-system/flux-instance", "HelmRelease/flux-system/flux-instance"}) {
      assertThat(err.lines().filter(l -> l.contains("skipped " + skipped + " ")).toList()).as(err).singleElement().asString()
          .contains("Kustomization/flux-system/flux-operator: skipped " + skipped)
          .contains("Driftless runs in its place (no second Flux is installed)");
    }
    assertThat(kustomizations).containsPattern("flux-system +main@sha1:[0-9a-f]{40} +False +True")
        .containsPattern("flux-operator +main@sha1:[0-9a-f]{40} +False +True")
        .containsPattern("apps +main@sha1:[0-9a-f]{40} +False +True");
    assertThat(releases).doesNotContain("flux-operator").doesNotContain("flux-instance");
    assertThat(cli.client().genericKubernetesResources("v1", "Namespace").list().getItems())
        .noneMatch(n -> n.getMetadata().getName().equals("flux-operator"));
    try (var engine = Engines.open()) {
      assertThat(engine.store().listNotifications("prod")).extracting(r -> r.key())
          .contains("Alert/flux-system/alertmanager");
    }
  }

  @Test
  void aFluxInstanceSyncingAnotherRepositoryIsSaidAndNotFollowed() throws Exception {
    homelab("https://github.com/someone/else.git");

    cli.run(0, "bootstrap", "--url", bare.toUri().toString(), "--path", "clusters/prod", "--cluster", "prod");
    cli.run(0, "reconcile", "ks", "flux-system");
    String err = cli.err();

    assertThat(err).contains("skipped FluxInstance/flux-system/flux from clusters/prod/flux-instance.yaml: the Flux Operator's;"
        + " its spec.sync (https://github.com/someone/else.git main ./clusters/prod) is not root prod's ("
        + bare.toUri() + " main ./clusters/prod): not followed");
    try (var engine = Engines.open()) {
      assertThat(engine.store().getRoot("prod")).map(RootRecord::url).contains(bare.toUri().toString());
    }
    assertThat(cli.client().configMaps().inNamespace("podinfo").withName("podinfo-config").get()).isNotNull();
  }

  @Test
  void bootstrapFromRefusesWhatTheRootCannotFollowNamingTheField() throws Exception {
    DemoRepo repo = homelab(bare.toUri().toString());
    Path instance = repo.workTree().resolve("clusters/prod/flux-instance.yaml");
    String yaml = Files.readString(instance);
    Path oci = Files.writeString(tmp.resolve("oci.yaml"), yaml.replace("kind: GitRepository", "kind: OCIRepository"));
    Path tag = Files.writeString(tmp.resolve("tag.yaml"), yaml.replace("refs/heads/main", "refs/tags/v1.0.0"));
    Path secret = Files.writeString(tmp.resolve("secret.yaml"), yaml.replace("path: clusters/prod",
        "path: clusters/prod\n    pullSecret: flux-system"));

    cli.run(1, "bootstrap", "--from", oci.toString(), "--cluster", "prod");
    String ociErr = cli.err();
    cli.run(1, "bootstrap", "--from", tag.toString(), "--cluster", "prod");
    String tagErr = cli.err();
    cli.run(1, "bootstrap", "--from", secret.toString(), "--cluster", "prod");
    String secretErr = cli.err();
    cli.run(1, "bootstrap", "--from", instance.toString(), "--url", "https://example.com/x", "--cluster", "prod");
    String bothErr = cli.err();
    Path token = Files.writeString(tmp.resolve("token"), "git:t0ken");
    String withToken = cli.run(0, "bootstrap", "--from", secret.toString(), "--token-file", token.toString(), "--cluster", "prod");

    assertThat(ociErr).contains("FluxInstance/flux-system/flux: spec.sync.kind 'OCIRepository' is not followed by Driftless");
    assertThat(tagErr).contains("FluxInstance/flux-system/flux: spec.sync.ref 'refs/tags/v1.0.0' is not followed by Driftless:"
        + " a root follows a branch, written refs/heads/<branch>");
    assertThat(secretErr).contains("FluxInstance/flux-system/flux: spec.sync.pullSecret names the Secret 'flux-system',"
        + " which Driftless does not read for a root: give the credentials it holds with --token-file");
    assertThat(bothErr).contains("gives --url, --branch and --path; give either, not both");
    assertThat(withToken).contains("✔ root prod registered");
    try (var engine = Engines.open()) {
      assertThat(engine.store().getRoot("prod")).map(RootRecord::credentialRef).contains(token.toAbsolutePath().toString());
    }
  }
}
