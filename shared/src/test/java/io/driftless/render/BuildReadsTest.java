package io.driftless.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which changed paths can change a build, from what the build looked at. */
class BuildReadsTest {
  private static List<String> appBuild() {
    BuildReads reads = new BuildReads();
    reads.probed("apps/web", true);
    reads.listed("apps/web");
    reads.read("apps/web/kustomization.yaml");
    reads.read("apps/base/deployment.yaml");
    reads.probed("apps/web/Kustomization", false);
    return reads.entries();
  }

  @Test
  void aFileTheBuildReadChangesIt() {
    assertThat(BuildReads.touchedBy(appBuild(), Set.of("apps/base/deployment.yaml"))).isTrue();
  }

  @Test
  void aNewFileInADirectoryTheBuildListedChangesIt() {
    assertThat(BuildReads.touchedBy(appBuild(), Set.of("apps/web/extra.yaml"))).isTrue();
  }

  @Test
  void aPathTheBuildFoundMissingChangesItWhenItAppears() {
    assertThat(BuildReads.touchedBy(appBuild(), Set.of("apps/web/Kustomization"))).isTrue();
  }

  @Test
  void aSourceIgnoreAnywhereChangesEveryBuild() {
    assertThat(BuildReads.touchedBy(appBuild(), Set.of("other/.sourceignore"))).isTrue();
  }

  @Test
  void filesOfOtherAppsDoNot() {
    assertThat(BuildReads.touchedBy(appBuild(), Set.of("apps/api/deployment.yaml", "apps/base/README.md.orig", "README.md")))
        .isFalse();
  }

  @Test
  void aReadInAListedDirectoryIsKeptOnceAsTheListing() {
    assertThat(appBuild()).containsExactly(
        "l:apps/web", "r:apps/base/deployment.yaml", "a:apps/web/Kustomization");
  }
}
