package io.driftless.cli;

import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `driftless validate` on a small repository: a root path holding Flux's components and a Kustomization
 * {@code infra}, whose build holds the Kustomization {@code apps} (two levels deep, with postBuild
 * substitute), whose build holds a HelmRelease.
 */
class ValidateCommandTest {
  @TempDir Path repo;
  private final CliOutput cli = new CliOutput();

  @BeforeEach
  void repository() throws IOException {
    write("clusters/prod/flux-system/gotk-components.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: source-controller, namespace: flux-system}
        """);
    write("clusters/prod/infra.yaml", kustomization("infra", "infra", ""));
    write("infra/apps.yaml", kustomization("apps", "apps", """
          postBuild:
            substitute:
              APP_NS: podinfo
        """));
    write("apps/source.yaml", """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata:
          name: podinfo
          namespace: ${APP_NS}
        spec:
          interval: 1h
          url: https://stefanprodan.github.io/podinfo
        """);
  }

  @Test
  void aRefusedFieldTwoKustomizationsDownIsOneLineNamingFileObjectAndFieldAndExitsOne() throws IOException {
    release("""
              verify:
                provider: cosign
        """);

    int exit = cli.run("validate", repo.toString(), "--path", "clusters/prod");

    assertThat(cli.out()).contains(
        "apps/release.yaml: HelmRelease/podinfo/podinfo: spec.chart.spec.verify: is not supported by Driftless yet\n",
        "4 objects, 1 refusals\n",
        "3 Kustomizations built",
        "skipped: 1 Flux components",
        "  HelmRelease spec.chart.spec.verify: 1\n");
    assertThat(exit).isEqualTo(1);
  }

  @Test
  void aCleanTreeFoundWithoutPathCountsEveryObjectAndExitsZero() throws IOException {
    release("");

    int exit = cli.run("validate", repo.toString());

    assertThat(cli.out()).startsWith("4 objects, 0 refusals\n")
        .contains("paths: clusters/prod;", "3 Kustomizations built", "skipped: 1 Flux components");
    assertThat(exit).isZero();
  }

  @Test
  void anotherGitRepositoryIsWalkedWhenItsCheckoutIsGivenAndNamedOtherwise(@TempDir Path tenant) throws IOException {
    release("");
    write("clusters/prod/tenant.yaml", """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: tenant, namespace: apps}
        spec:
          interval: 5m
          prune: true
          sourceRef: {kind: GitRepository, name: tenant}
        """);
    Files.writeString(tenant.resolve("repo.yaml"), """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: tenant, namespace: apps}
        spec:
          interval: 1m
          url: https://example.com/tenant.git
          recurseSubmodules: true
        """);

    assertThat(cli.run("validate", repo.toString(), "--path", "clusters/prod")).isZero();
    assertThat(cli.err()).contains("clusters/prod/tenant.yaml: Kustomization/apps/tenant: spec.sourceRef "
        + "GitRepository/apps/tenant not followed: not this checkout (give it with --source apps/tenant=DIR)");

    cli.clear();
    assertThat(cli.run("validate", repo.toString(), "--path", "clusters/prod", "--source", "apps/tenant=" + tenant))
        .isEqualTo(1);
    assertThat(cli.out()).contains("@apps/tenant/repo.yaml: GitRepository/apps/tenant: spec.recurseSubmodules: "
        + "is not supported by Driftless yet\n", "6 objects, 1 refusals\n");
  }

  private void release(String verify) throws IOException {
    write("apps/release.yaml", """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: podinfo
          namespace: ${APP_NS}
        spec:
          interval: 10m
          chart:
            spec:
              chart: podinfo
              sourceRef:
                kind: HelmRepository
                name: podinfo
        """ + verify);
  }

  private void write(String path, String text) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
