package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Condition;
import io.driftless.model.Yaml;
import io.driftless.record.ClusterRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.SignedPush;
import io.driftless.testing.TestCluster;
import io.driftless.testing.TestStores;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 19, hole 4: an attacker who can push to one reconciled repository ({@code tenant}) adds
 * GitRepositories whose {@code spec.url} reads the function's own disk: the cached checkout of another
 * root ({@code prod}, registered by the operator over {@code file://}), and prod's repository itself
 * by {@code file://}, absolute and relative path. Each fails the build that found it, in one line naming
 * the file, the GitRepository and {@code spec.url}: no source is registered, nothing of prod's is applied,
 * and prod's secret appears nowhere.
 */
@ParameterizedClass
@EnumSource(TestCluster.class)
class LocalGitUrlFromGitTest {
  private static final String CANARY = "canary-5d1c9a-prod-private";
  private static final String WEBHOOK_SECRET = "tenant-webhook-secret";
  @Parameter TestCluster cluster;
  @TempDir Path tmp;

  @Test
  void aGitRepositoryFoundInGitCannotReadAnotherRootsCacheOrAnyLocalRepository() throws Exception {
    List<String> logs = new CopyOnWriteArrayList<>();
    try (GitRemote prod = GitRemote.create(tmp.resolve("prod"), "main");
        GitRemote tenant = GitRemote.create(tmp.resolve("tenant"), "main");
        LocalFleet fleet = LocalFleet.start(tmp, cluster);
        LogLines captured = new LogLines(logs)) {
      prod.write("clusters/prod/marker.yaml", configMap("default", "prod-marker", "prod"))
          .write("private/loot.yaml", configMap("default", "loot", CANARY)).commit("prod");
      tenant.write("clusters/tenant/marker.yaml", configMap("default", "tenant-marker", "t"))
          .commit("tenant");
      Engine engine = fleet.engine();
      ClusterRecord demo = fleet.store().getCluster("demo").orElseThrow();
      engine.registerCluster(new ClusterRecord("tenant", demo.kubeconfigPath(), null, null));
      engine.bootstrap(new RootRecord("prod", prod.url(), "main", "clusters/prod", "demo", null, null));
      Path secret = Files.writeString(tmp.resolve("webhook-secret"), WEBHOOK_SECRET);
      engine.bootstrap(new RootRecord("tenant", tenant.url(), "main", "clusters/tenant", "tenant", secret.toString(), null));
      assertThat(engine.reconcile(ManualReconcile.all()).allReady()).isTrue();
      Path prodCache = cacheHolding(tmp.resolve("cache"), "private/loot.yaml");
      Path prodBare = tmp.resolve("prod/remote.git");

      Map<String, String> attacks = new LinkedHashMap<>();
      attacks.put("cache", loot("cache", prodCache.toUri().toString(), "driftless"));
      attacks.put("file", loot("file", prodBare.toUri().toString(), "main"));
      attacks.put("path", loot("path", prodBare.toString(), "main"));
      attacks.put("relative", loot("relative", Path.of("").toAbsolutePath().relativize(prodBare).toString(), "main"));

      for (Map.Entry<String, String> attack : attacks.entrySet()) {
        tenant.write("clusters/tenant/loot.yaml", attack.getValue());
        String commit = tenant.commit("read prod's files through " + attack.getKey());
        var response = engine.webhook(SignedPush.request(WEBHOOK_SECRET, SignedPush.body(tenant.url(), "main", commit)));
        assertThat(response.status()).isEqualTo(202);
        engine.drainPending();

        Condition ready = fleet.store().getKustomization("tenant", Bootstrap.ROOT_KUSTOMIZATION_KEY)
            .map(KustomizationRecord::status).orElseThrow().condition(Condition.READY).orElseThrow();
        assertThat(ready.status()).as(attack.getKey()).isEqualTo(Condition.FALSE);
        assertThat(ready.reason()).as(attack.getKey()).isEqualTo("BuildFailed");
        assertThat(ready.message()).as(attack.getKey()).doesNotContain("\n")
            .contains("clusters/tenant/loot.yaml: GitRepository/flux-system/loot-" + attack.getKey() + ": spec.url must");
        assertThat(fleet.store().getSource(Bootstrap.sourceKey("tenant", "flux-system/loot-" + attack.getKey())))
            .as("no source registered").isEmpty();
        assertThat(fleet.store().getKustomization("tenant", "flux-system/loot-" + attack.getKey()))
            .as("no Kustomization registered").isEmpty();
      }
      KubernetesClient kube = fleet.kube();
      assertThat(kube.configMaps().inNamespace("default").withName("loot").get()).as("nothing applied").isNull();
      assertThat(kube.configMaps().inNamespace("default").withName("prod-marker").get())
          .as("the root registered over file:// still works").isNotNull();
      assertThat(everythingVisible(fleet.store(), kube, logs)).doesNotContain(CANARY);
    }
  }

  private static String loot(String name, String url, String branch) {
    return """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata:
          name: loot-%s
          namespace: flux-system
        spec:
          interval: 1m
          url: "%s"
          ref: {branch: %s}
        ---
        """.formatted(name, url, branch)
        + kustomization("loot-" + name, "private", "").replace("name: flux-system\n", "name: loot-" + name + "\n");
  }

  /** The cache directory whose checkout holds {@code file}, as an attacker who can list the disk would find it. */
  private static Path cacheHolding(Path cache, String file) throws IOException {
    try (Stream<Path> dirs = Files.list(cache)) {
      return dirs.filter(dir -> Files.isRegularFile(dir.resolve(file))).findFirst().orElseThrow();
    }
  }

  /** Cluster objects (ConfigMaps, Secrets), table items, events and log lines, as one text to search. */
  private static String everythingVisible(StateStore store, KubernetesClient kube, List<String> logs) throws Exception {
    return String.join("\n",
        Yaml.json().writeValueAsString(kube.configMaps().inAnyNamespace().list().getItems()),
        Yaml.json().writeValueAsString(kube.secrets().inAnyNamespace().list().getItems()),
        Yaml.json().writeValueAsString(store.listSources()),
        Yaml.json().writeValueAsString(store.listKustomizations()),
        String.valueOf(TestStores.allEvents(store)),
        String.join("\n", logs));
  }

  /** Every log line of io.driftless while open. */
  private static final class LogLines extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("io.driftless");
    private final List<String> lines;

    LogLines(List<String> lines) {
      this.lines = lines;
      setLevel(Level.ALL);
      logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
      lines.add(record.getMessage() + " " + record.getParameters() + " " + record.getThrown());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
    }
  }
}
