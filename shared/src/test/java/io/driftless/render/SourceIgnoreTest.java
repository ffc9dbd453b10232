package io.driftless.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.FluxObjects;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files Flux leaves out of a source's artifact (.sourceignore, spec.ignore, defaults) are not built. */
class SourceIgnoreTest {
  @TempDir Path source;

  private static Kustomization ks(String path) {
    String yaml = "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
        + "metadata: {name: apps, namespace: flux-system}\n"
        + "spec: {interval: 10m, path: " + path + ", prune: true, "
        + "sourceRef: {kind: GitRepository, name: flux-system}}\n";
    return FluxObjects.kustomization(new KubeObject(Yaml.readDocuments("ks.yaml", yaml).get(0), "ks.yaml"));
  }

  private void configMap(String path, String name) throws Exception {
    Path p = source.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n");
  }

  private List<String> names(BuildInputs inputs) {
    return FluxBuilder.forSources().build(source, ks("./apps"), inputs).objects().stream()
        .map(KubeObject::name).sorted().toList();
  }

  @Test
  void aSourceignoreFileLeavesItsPatternsOutOfTheGeneratedKustomization() throws Exception {
    configMap("apps/a.yaml", "a");
    configMap("apps/drafts/b.yaml", "b");
    configMap("apps/c.yaml", "c");
    Files.writeString(source.resolve(".sourceignore"), "# drafts are not deployed\napps/drafts/\n");
    Files.writeString(source.resolve("apps/.sourceignore"), "c.yaml\n");
    assertThat(names(BuildInputs.none())).containsExactly("a");
  }

  @Test
  void specIgnoreIsAppendedAndANegationReadmitsAFile() throws Exception {
    configMap("apps/a.yaml", "a");
    configMap("apps/b.yaml", "b");
    Files.writeString(source.resolve(".sourceignore"), "apps/*.yaml\n");
    assertThat(names(BuildInputs.none().withSourceIgnore("!apps/b.yaml\n"))).containsExactly("b");
  }

  @Test
  void withoutUserPatternsFluxsDefaultExclusionsApply() throws Exception {
    configMap("apps/a.yaml", "a");
    configMap("apps/cloudbuild.yaml", "cloudbuild");
    assertThat(names(BuildInputs.none())).containsExactly("a");
    Files.writeString(source.resolve(".sourceignore"), "nothing-matches\n");
    assertThat(names(BuildInputs.none())).containsExactly("a", "cloudbuild");
  }
}
