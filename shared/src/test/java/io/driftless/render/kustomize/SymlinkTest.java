package io.driftless.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.ManifestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file a kustomization reads through a symlink that leaves its directory is refused as kubectl
 * refuses it, in every field that reads a path; when kubectl is installed it must refuse too.
 */
class SymlinkTest {
  @TempDir Path tmp;

  /** Field, the kustomization text naming {@code link.yaml} (or another link), the outside file. */
  private record Field(String name, String kustomization, String outside) {}

  private static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: b\n";
  private static final String PATCH = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  c: d\n";

  private static final Field[] FIELDS = {
      new Field("resources", "resources:\n- link.yaml\n", CM),
      new Field("configMapGenerator files", "configMapGenerator:\n- name: g\n  files:\n  - link.yaml\n", "x"),
      new Field("configMapGenerator envs", "configMapGenerator:\n- name: g\n  envs:\n  - link.yaml\n", "A=1\n"),
      new Field("secretGenerator files", "secretGenerator:\n- name: g\n  files:\n  - link.yaml\n", "x"),
      new Field("patches path", "resources:\n- cm.yaml\npatches:\n- path: link.yaml\n", PATCH),
      new Field("patchesStrategicMerge", "resources:\n- cm.yaml\npatchesStrategicMerge:\n- link.yaml\n", PATCH),
      new Field("patchesJson6902 path", "resources:\n- cm.yaml\npatchesJson6902:\n- target:\n"
          + "    version: v1\n    kind: ConfigMap\n    name: cm\n  path: link.yaml\n",
          "- op: add\n  path: /data/e\n  value: f\n"),
      new Field("replacements path", "resources:\n- cm.yaml\nreplacements:\n- path: link.yaml\n",
          "source:\n  kind: ConfigMap\n  fieldPath: data.a\ntargets:\n- select:\n    kind: ConfigMap\n"
              + "  fieldPaths:\n  - data.z\n  options:\n    create: true\n"),
      new Field("configurations", "resources:\n- cm.yaml\nconfigurations:\n- link.yaml\n",
          "commonLabels:\n- path: data/labels\n"),
      new Field("crds", "resources:\n- cm.yaml\ncrds:\n- link.yaml\n", "{}\n"),
      new Field("openapi", "resources:\n- cm.yaml\nopenapi:\n  path: link.yaml\n",
          "{\"definitions\": {}}\n"),
      new Field("transformers", "resources:\n- cm.yaml\ntransformers:\n- link.yaml\n",
          "apiVersion: builtin\nkind: LabelTransformer\nmetadata:\n  name: l\nlabels:\n  a: b\n"
              + "fieldSpecs:\n- path: metadata/labels\n  create: true\n"),
      new Field("generators", "generators:\n- link.yaml\n",
          "apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata:\n  name: g\nliterals:\n- a=b\n"),
  };

  private Path layout(String name, Field f) throws Exception {
    Path dir = tmp.resolve(name).resolve("app");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("kustomization.yaml"), f.kustomization());
    Files.writeString(dir.resolve("cm.yaml"), CM);
    Path outside = tmp.resolve(name).resolve("outside.yaml");
    Files.writeString(outside, f.outside());
    Files.createSymbolicLink(dir.resolve("link.yaml"), outside);
    return dir;
  }

  @TestFactory
  Stream<DynamicTest> everyPathFieldRefusesASymlinkOutOfTheKustomizationAsKubectlDoes() {
    return Stream.of(FIELDS).map(f -> DynamicTest.dynamicTest(f.name(), () -> {
      Path dir = layout(f.name().replace(' ', '-'), f);
      Path root = dir.getRoot();
      assertThatThrownBy(() -> new Kustomizer().buildYaml(new DiskFileSystem(root),
          root.relativize(dir).toString()))
          .isInstanceOf(ManifestException.class)
          .hasMessageContaining("security; file '")
          .hasMessageContaining("outside.yaml' is not in or below '");
      if (Kubectl.onPath()) {
        Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(err).contains("security; file '").contains("is not in or below");
      }
    }));
  }

  @Test
  void aSymlinkInsideTheKustomizationIsFollowed() throws Exception {
    Path dir = tmp.resolve("inside");
    Files.createDirectories(dir.resolve("real"));
    Files.writeString(dir.resolve("real/cm.yaml"), CM);
    Files.createSymbolicLink(dir.resolve("link.yaml"), dir.resolve("real/cm.yaml"));
    Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n- link.yaml\n");
    Path root = dir.getRoot();
    assertThat(new Kustomizer().buildYaml(new DiskFileSystem(root), root.relativize(dir).toString()))
        .contains("name: cm");
  }

  @Test
  void inASourceASymlinkOutOfTheSourceIsAnErrorThatSaysSo() throws Exception {
    Path source = tmp.resolve("source");
    Files.createDirectories(source.resolve("apps"));
    Path outside = tmp.resolve("secret.yaml");
    Files.writeString(outside, CM);
    Files.createSymbolicLink(source.resolve("apps/cm.yaml"), outside);
    Files.writeString(source.resolve("apps/kustomization.yaml"), "resources:\n- cm.yaml\n");
    assertThatThrownBy(() -> new KustomizeRenderer().render(source, "apps"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("apps/cm.yaml")
        .hasMessageContaining("symlink to outside the build root");
  }

  @Test
  void inASourceASymlinkedDirectoryOutOfTheSourceIsAnErrorThatSaysSo() throws Exception {
    Path source = tmp.resolve("source-dir");
    Files.createDirectories(source.resolve("apps"));
    Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(tmp.resolve("elsewhere/kustomization.yaml"), "resources: []\n");
    Files.createSymbolicLink(source.resolve("apps/base"), tmp.resolve("elsewhere"));
    Files.writeString(source.resolve("apps/kustomization.yaml"), "resources:\n- base\n");
    assertThatThrownBy(() -> new KustomizeRenderer().render(source, "apps"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("apps/base")
        .hasMessageContaining("symlink to outside the build root");
  }
}
