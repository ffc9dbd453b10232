package io.driftless.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KustomizeRendererTest {
  private static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n";

  @TempDir Path root;

  @Test
  void directoryWithoutKustomizationRendersEveryYamlFileBelowItAsFluxDoes() throws Exception {
    write("apps/a.yaml", CM.formatted("a"));
    write("apps/nested/b.yml", CM.formatted("b"));
    write("apps/notes.txt", "not yaml");
    write("apps/sub/kustomization.yaml", "resources:\n- c.yaml\nnamePrefix: sub-\n");
    write("apps/sub/c.yaml", CM.formatted("c"));
    write("apps/sub/ignored.yaml", CM.formatted("only-if-listed"));

    List<KubeObject> objects = new KustomizeRenderer().render(root, "apps");

    assertThat(objects).extracting(KubeObject::name).containsExactly("a", "b", "sub-c");
  }

  @Test
  void directoryWithKustomizationIsBuiltAsIs() throws Exception {
    write("k/kustomization.yaml", "resources:\n- a.yaml\nnamespace: team\n");
    write("k/a.yaml", CM.formatted("a"));

    List<KubeObject> objects = new KustomizeRenderer().render(root, "k");

    assertThat(objects).extracting(KubeObject::subject).containsExactly("ConfigMap/team/a");
    assertThat(objects.get(0).origin()).isEqualTo("k/a.yaml");
  }

  @Test
  void symlinkLeavingTheRootIsRefused(@TempDir Path outside) throws Exception {
    Files.writeString(outside.resolve("secret.yaml"), CM.formatted("stolen"));
    write("k/kustomization.yaml", "resources:\n- link.yaml\n");
    Files.createSymbolicLink(root.resolve("k/link.yaml"), outside.resolve("secret.yaml"));

    assertThatThrownBy(() -> new KustomizeRenderer().render(root, "k"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("link.yaml");
  }

  @Test
  void pathEscapingTheRootIsRefused() {
    assertThatThrownBy(() -> new KustomizeRenderer().render(root, "../elsewhere"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("outside the build root");
  }

  @Test
  void likeFluxTheRendererReadsFilesAnywhereInTheRootButRootOnlyRefusesThem() throws Exception {
    write("overlay/kustomization.yaml", "resources:\n- ../shared.yaml\n");
    write("shared.yaml", CM.formatted("shared"));
    KustomizeOptions rootOnly = KustomizeOptions.defaults();

    assertThat(new KustomizeRenderer().render(root, "overlay"))
        .extracting(KubeObject::name).containsExactly("shared");
    assertThatThrownBy(() -> new KustomizeRenderer(rootOnly).render(root, "overlay"))
        .hasMessageContaining("is not in or below 'overlay'");
  }

  @Test
  void remoteBasesAreRefusedInEveryForm() {
    for (String remote : List.of("https://example.com/x.yaml", "git@github.com:org/repo",
        "github.com/org/repo//dir", "gh:org/repo", "git::https://x/y", "ssh://git@x/y")) {
      MemoryFileSystem fs = new MemoryFileSystem()
          .write("kustomization.yaml", "resources:\n- " + remote + "\n");
      assertThatThrownBy(() -> new KustomizeRenderer().render(fs, ""))
          .as(remote)
          .isInstanceOf(ManifestException.class)
          .hasMessageContaining("kustomization.yaml: resources: remote resource");
    }
  }

  @Test
  void fileOverTheSizeLimitIsRefusedNamingTheFile() {
    MemoryFileSystem fs = new MemoryFileSystem()
        .write("kustomization.yaml", "resources:\n- big.yaml\n")
        .write("big.yaml", CM.formatted("x".repeat(200)));
    Kustomizer small = new Kustomizer(KustomizeOptions.defaults().withLimits(100, 10));

    assertThatThrownBy(() -> small.build(fs, ""))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith("big.yaml: ")
        .hasMessageContaining("over the limit of 100");
  }

  @Test
  void buildOverTheObjectLimitIsRefused() {
    MemoryFileSystem fs = new MemoryFileSystem()
        .write("kustomization.yaml", "resources:\n- many.yaml\n")
        .write("many.yaml", CM.formatted("a") + "---\n" + CM.formatted("b") + "---\n" + CM.formatted("c"));
    Kustomizer small = new Kustomizer(KustomizeOptions.defaults().withLimits(1 << 20, 2));

    assertThatThrownBy(() -> small.build(fs, ""))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("kustomization.yaml")
        .hasMessageContaining("3 objects, over the limit of 2");
  }

  private void write(String rel, String content) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }
}
