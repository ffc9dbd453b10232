package io.driftless.source.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.helm.ArtifactGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copy operations as source-watcher runs them, over a real directory tree: one case per rule. */
class ArtifactBuilderTest {
  @TempDir Path tmp;
  private Path source;
  private ArtifactBuilder builder;

  @BeforeEach
  void setUp() throws IOException {
    source = tmp.resolve("src");
    write("apps/base/app.yaml", "kind: A\n");
    write("apps/base/sub/deep.yaml", "kind: D\n");
    write("apps/base/README.md", "docs\n");
    write("apps/prod/values.yaml", "replicas: 3\nlist: [c]\n");
    write("apps/prod/extra.txt", "x\n");
    write("chart/values.yaml", "replicas: 1\nimage: {tag: v1}\nlist: [a, b]\n");
    builder = new ArtifactBuilder(tmp.resolve("store"));
  }

  private void write(String rel, String content) throws IOException {
    Path p = source.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private static ArtifactGenerator.CopyOperation op(String from, String to, String... exclude) {
    return new ArtifactGenerator.CopyOperation(from, to, List.of(exclude), null);
  }

  private GeneratedArtifact build(ArtifactGenerator.CopyOperation... ops) {
    ArtifactGenerator.OutputArtifact artifact = new ArtifactGenerator.OutputArtifact("out", null, null, List.of(ops));
    ArtifactGenerator g = new ArtifactGenerator("gen", "flux-system",
        new ArtifactGenerator.Spec(null, List.of(), null, List.of(artifact)), "artifacts.yaml");
    return builder.build(g, artifact, Map.of("src", source), Map.of("src", "main@sha1:" + "a".repeat(40)));
  }

  private static List<String> files(GeneratedArtifact a) throws IOException {
    try (Stream<Path> walk = Files.walk(a.root())) {
      return walk.filter(Files::isRegularFile).map(p -> a.root().relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void aDirectoryWithATrailingSlashIsCopiedAsASubdirectory() throws IOException {
    assertThat(files(build(op("@src/apps/base/", "@artifact/out/"))))
        .containsExactly("out/base/README.md", "out/base/app.yaml", "out/base/sub/deep.yaml");
  }

  @Test
  void doubleStarCopiesTheDirectorysContentsAndExcludesMatchByNameOrRelativePath() throws IOException {
    assertThat(files(build(op("@src/apps/base/**", "@artifact/", "*.md", "sub/**"))))
        .containsExactly("app.yaml");
  }

  @Test
  void aGlobMatchesOneLevelAndKeepsTheMatchedPath() throws IOException {
    assertThat(files(build(op("@src/apps/*/*.yaml", "@artifact/all/"))))
        .containsExactly("all/apps/base/app.yaml", "all/apps/prod/values.yaml");
  }

  @Test
  void aFileGoesToTheNamedFileOrIntoADirectory() throws IOException {
    assertThat(files(build(op("@src/apps/prod/values.yaml", "@artifact/cfg/v.yaml"),
        op("@src/apps/prod/extra.txt", "@artifact/cfg/"))))
        .containsExactly("cfg/extra.txt", "cfg/v.yaml");
  }

  @Test
  void mergeDeepMergesYamlAndReplacesLists() throws IOException {
    GeneratedArtifact a = build(op("@src/chart/", "@artifact/"),
        new ArtifactGenerator.CopyOperation("@src/apps/prod/values.yaml", "@artifact/chart/values.yaml", List.of(), "Merge"));
    assertThat(Files.readString(a.root().resolve("chart/values.yaml")))
        .contains("replicas: 3").contains("tag: v1").doesNotContain("- a");
  }

  @Test
  void theRevisionIsTheContentDigestAndStaysWhenTheContentDoes() throws IOException {
    GeneratedArtifact first = build(op("@src/apps/base/**", "@artifact/"));
    write("apps/prod/other.yaml", "kind: Other\n");
    GeneratedArtifact second = build(op("@src/apps/base/**", "@artifact/"));
    assertThat(first.revision()).matches("latest@sha256:[0-9a-f]{64}").isEqualTo(second.revision());
    write("apps/base/app.yaml", "kind: Changed\n");
    assertThat(build(op("@src/apps/base/**", "@artifact/")).revision()).isNotEqualTo(first.revision());
  }

  @Test
  void failuresNameTheGeneratorTheArtifactAndTheOperation() {
    assertThatThrownBy(() -> build(op("@src/nothing/*.yaml", "@artifact/")))
        .hasMessage("ArtifactGenerator/flux-system/gen artifact out: copy from '@src/nothing/*.yaml' to '@artifact/':"
            + " no files match pattern 'nothing/*.yaml' in the source");
    assertThatThrownBy(() -> build(op("@src/../outside", "@artifact/")))
        .hasMessageEndingWith("'../outside' leaves the source");
    assertThatThrownBy(() -> build(op("@other/x", "@artifact/")))
        .hasMessageEndingWith("source alias 'other' not found");
  }
}
