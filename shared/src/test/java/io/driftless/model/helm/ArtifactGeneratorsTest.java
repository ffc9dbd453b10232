package io.driftless.model.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import io.driftless.model.Yaml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An ArtifactGenerator parses with every field kept; bad input names the file, the object and the field. */
class ArtifactGeneratorsTest {
  private static final String FILE = "clusters/prod/artifacts.yaml";

  private static ArtifactGenerator generator(String spec) {
    String yaml = """
        apiVersion: source.extensions.fluxcd.io/v1beta1
        kind: ArtifactGenerator
        metadata: {name: split, namespace: flux-system}
        spec:
        """ + spec.indent(2);
    return (ArtifactGenerator) HelmObjects.parse(new KubeObject(Yaml.readDocuments(FILE, yaml).get(0), FILE))
        .orElseThrow();
  }

  private static void assertRefused(String spec, String message) {
    assertThatThrownBy(() -> generator(spec))
        .isInstanceOf(ManifestException.class)
        .hasMessage(FILE + ": ArtifactGenerator/flux-system/split: " + message);
  }

  @Test
  void everyFieldIsKept() {
    ArtifactGenerator g = generator("""
        commonMetadata: {labels: {team: a}, annotations: {note: x}}
        sources:
          - {alias: mono, kind: GitRepository, name: flux-system, namespace: flux-system}
        artifacts:
          - name: apps
            revision: "@mono"
            originRevision: "@mono"
            copy:
              - {from: "@mono/apps/**", to: "@artifact/", exclude: ["*.md"], strategy: Merge}
        """);
    assertThat(g.spec().commonMetadata().labels()).isEqualTo(Map.of("team", "a"));
    assertThat(g.spec().sourceList()).containsExactly(
        new ArtifactGenerator.SourceReference("mono", "flux-system", "flux-system", "GitRepository"));
    ArtifactGenerator.OutputArtifact apps = g.artifact("apps").orElseThrow();
    assertThat(apps.revision()).isEqualTo("@mono");
    assertThat(apps.copyList()).containsExactly(
        new ArtifactGenerator.CopyOperation("@mono/apps/**", "@artifact/", List.of("*.md"), "Merge"));
  }

  @Test
  void badFieldsAreNamed() {
    String source = "sources: [{alias: mono, kind: GitRepository, name: flux-system}]\n";
    assertRefused(source + "artifacts: []\n", "spec.artifacts must hold at least one artifact");
    assertRefused("sources: [{alias: a, kind: GitRepository, name: x}, {alias: a, kind: GitRepository, name: y}]\n"
        + "artifacts: [{name: out, copy: [{from: '@a/x', to: '@artifact/'}]}]\n",
        "spec.sources[1].alias duplicate source alias 'a'");
    assertRefused(source + "artifacts: [{name: out, revision: '@other', copy: [{from: '@mono/x', to: '@artifact/'}]}]\n",
        "spec.artifacts[0].revision source alias 'other' not found in spec.sources");
    assertRefused(source + "artifacts: [{name: out, copy: [{from: '@mono/x', to: 'out/'}]}]\n",
        "spec.artifacts[0].copy[0].to 'out/' does not match ^@(artifact)/(.*)$");
    assertRefused(source + "artifacts: [{name: out, copy: [{from: '@mono/x', to: '@artifact/', strategy: Move}]}]\n",
        "spec.artifacts[0].copy[0].strategy 'Move' is not one of Overwrite, Merge, Extract");
  }
}
