package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Reason;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DRIFTLESS_NO_REMOTE_BASES} (always on): a tenant's kustomization.yaml that pulls a remote
 * base, in any of kustomize's and git's spellings, is refused at build naming the file and the entry;
 * nothing is fetched or applied, not even the tenant's local objects beside it.
 */
class RemoteBasesTest {
  @TempDir Path tmp;
  private GitRemote remote;
  private LocalFleet fleet;

  @BeforeEach
  void setUp() {
    remote = GitRemote.create(tmp.resolve("repo"), "main")
        .write("clusters/demo/tenant.yaml", kustomization("tenant", "tenant", ""))
        .write("tenant/local.yaml", configMap("default", "local", "mine"));
    fleet = LocalFleet.start(tmp);
    fleet.bootstrap(remote, tmp.resolve("no-webhook").toString());
  }

  @AfterEach
  void tearDown() {
    fleet.close();
    remote.close();
  }

  @Test
  void everySpellingOfARemoteResourceIsRefused() {
    List<String> remotes = List.of(
        "https://github.com/kubernetes-sigs/kustomize//examples/multibases?ref=v3.3.1",
        "git::https://example.com/org/repo.git//base",
        "git@github.com:org/repo.git//base",
        "ssh://git@example.com/org/repo.git",
        "github.com/org/repo/base?ref=main",
        "gh:org/repo",
        "HTTP://example.com/all.yaml",
        "file:///etc/kubernetes/admin.conf");
    for (String entry : remotes) {
      remote.write("tenant/kustomization.yaml", "resources:\n  - local.yaml\n  - " + entry + "\n")
          .commit("a remote base: " + entry);

      ReconcileOutcome tenant = fleet.engine().reconcile(ManualReconcile.all()).outcomes().stream()
          .filter(o -> o.kustomization().equals("flux-system/tenant")).findFirst().orElseThrow();

      assertThat(tenant.reason()).as(entry).isEqualTo(Reason.BUILD_FAILED);
      assertThat(tenant.message()).as(entry).doesNotContain("\n")
          .contains("tenant/kustomization.yaml").contains("resources: remote resource '" + entry + "' is refused");
      assertThat(tenant.changes().entries()).as(entry).isEmpty();
      assertThat(fleet.kube().configMaps().inNamespace("default").withName("local").get()).as(entry).isNull();
    }
  }
}
