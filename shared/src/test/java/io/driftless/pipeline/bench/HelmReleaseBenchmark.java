package io.driftless.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import io.driftless.config.DriftlessConfig;
import io.driftless.local.RealApiServer;
import io.driftless.pipeline.Engine;
import io.driftless.record.ClusterRecord;
import io.driftless.record.RootRecord;
import io.driftless.source.Digests;
import io.driftless.testing.ChartRepositoryServer;
import io.driftless.testing.FluxLayout;
import io.driftless.testing.GitRemote;
import io.driftless.testing.SignedPush;
import io.driftless.testing.TestCharts;
import io.driftless.testing.TestCluster;
import io.driftless.testing.TestStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark (not a test; bench/helm.sh runs it): a generated chart of 200 objects (ConfigMaps,
 * Services, Deployments) as a HelmRelease through Driftless's pipeline (webhook push, reconcile,
 * in-process, warm), and the same chart through Helm's own engine (helm-java's install and upgrade,
 * Helm 3.21 in-process), against one real API server: first install, no-op, one-value upgrade. API
 * requests are counted from the server's audit log by user agent. Enabled with {@code -Dbench=true}.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class HelmReleaseBenchmark {
  private static final String SECRET = "bench-webhook-secret";
  private static final int OBJECTS = Integer.getInteger("bench.objects", 200);
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;
  private RealApiServer server;
  private GitRemote remote;
  private Engine engine;

  @Test
  void installNoOpAndOneValueUpgrade() throws Exception {
    TestCluster.requireReal();
    Path chart = BenchChart.write(tmp.resolve("chart"), OBJECTS);
    byte[] packaged = TestCharts.packageChart(chart);
    try (ChartRepositoryServer charts = ChartRepositoryServer.start()) {
      server = RealApiServer.startFresh();
      charts.put("/charts/bench-1.0.0.tgz", packaged);
      charts.put("/charts/index.yaml", "apiVersion: v1\nentries:\n  bench:\n    - {name: bench, version: 1.0.0,"
          + " urls: [bench-1.0.0.tgz], digest: \"" + Digests.sha256(packaged).substring("sha256:".length()) + "\"}\n");
      startEngine(charts.url("/charts"));
      print("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs; java " + System.getProperty("java.version")
          + "; objects " + OBJECTS + "; kube-apiserver v1.20.2 (real), audit log requests (ResponseComplete)");

      // warm-up: a whole cycle on another release, then uninstalled, on each side
      ours("warm", "hello");
      push("warm: install");
      remote.write("apps/warm/unrelated.txt", "x\n");
      push("warm: no-op");
      ours("warm", "changed");
      push("warm: upgrade");
      remote.delete("apps/warm/release.yaml");
      Files.writeString(remote.workTree().resolve("apps/warm/kustomization.yaml"), kustomization(false));
      push("warm: uninstall");
      helm(chart, "ref-warm", true, "hello");
      helm(chart, "ref-warm", false, "hello");
      helm(chart, "ref-warm", false, "changed");

      Step base = measure(() -> push("a push with no HelmRelease to reconcile"));
      ours("bench", "hello");
      Step install = measure(() -> push("install"));
      remote.write("apps/bench/unrelated.txt", "x\n");
      Step noop = measure(() -> push("no-op"));
      ours("bench", "changed");
      Step upgrade = measure(() -> push("upgrade"));

      Step refInstall = measure(() -> helm(chart, "ref", true, "hello"));
      Step refNoop = measure(() -> helm(chart, "ref", false, "hello"));
      Step refUpgrade = measure(() -> helm(chart, "ref", false, "changed"));

      print("pipeline overhead, " + base.line());
      compare("first install", install, refInstall);
      compare("no-op reconcile", noop, refNoop);
      compare("one-value upgrade", upgrade, refUpgrade);
      print("helm's no-op is `helm upgrade` with the same values (Helm has no in-sync check: it writes a revision);"
          + " Driftless's counts include the whole push (the root Kustomization and apps/bench), see the overhead line");
    } finally {
      if (engine != null) {
        engine.close();
      }
      if (remote != null) {
        remote.close();
      }
      if (server != null) {
        server.close();
      }
    }
  }

  private void startEngine(String chartsUrl) throws IOException {
    remote = GitRemote.create(tmp.resolve("repo"), "main")
        .copyTree(Path.of("../examples/clusters/demo/flux-system"), "clusters/demo/flux-system");
    for (String app : List.of("warm", "bench")) {
      remote.write("clusters/demo/" + app + ".yaml", FluxLayout.kustomization(app, "apps/" + app, ""));
      remote.write("apps/" + app + "/repository.yaml", """
          apiVersion: source.toolkit.fluxcd.io/v1
          kind: HelmRepository
          metadata: {name: charts, namespace: %s}
          spec: {interval: 10m, url: "%s"}
          """.formatted(app, chartsUrl));
      remote.write("apps/" + app + "/kustomization.yaml", kustomization(false));
    }
    engine = Engine.create(DriftlessConfig.defaults().withCacheDir(tmp.resolve("cache"))
        .withDispatch(DriftlessConfig.Dispatch.STREAM), TestStores.inMemory(), Map.of());
    engine.registerCluster(new ClusterRecord("demo", server.kubeconfig().toString(), null, null));
    Path secret = Files.writeString(tmp.resolve("secret"), SECRET);
    engine.bootstrap(new RootRecord("demo", remote.url(), "main", "clusters/demo", "demo", secret.toString(), null));
  }

  private static String kustomization(boolean withRelease) {
    return "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [repository.yaml"
        + (withRelease ? ", release.yaml]" : "]") + "\n";
  }

  /** The HelmRelease {@code app}/{@code app} of the bench chart with {@code greeting}, in Git. */
  private void ours(String app, String greeting) {
    remote.write("apps/" + app + "/kustomization.yaml", kustomization(true));
    remote.write("apps/" + app + "/release.yaml", """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: %s, namespace: %s}
        spec:
          interval: 10m
          chart:
            spec: {chart: bench, version: "1.0.0", sourceRef: {kind: HelmRepository, name: charts}}
          install: {createNamespace: true, disableWait: true}
          upgrade: {disableWait: true}
          values: {greeting: %s}
        """.formatted(app, app, greeting));
  }

  private void push(String what) {
    var response = engine.webhook(SignedPush.request(SECRET, SignedPush.body(remote.url(), "main", remote.commit(what))));
    if (response.status() != 202) {
      throw new IllegalStateException(what + ": webhook answered " + response.status());
    }
    engine.drainPending();
  }

  private void helm(Path chart, String namespace, boolean install, String greeting) {
    if (install) {
      new Helm(chart).install().withName("ref").withNamespace(namespace).createNamespace()
          .withKubeConfig(server.kubeconfig()).set("greeting", greeting).call();
    } else {
      new Helm(chart).upgrade().withName("ref").withNamespace(namespace)
          .withKubeConfig(server.kubeconfig()).set("greeting", greeting).call();
    }
  }

  private record Step(long millis, Map<String, Integer> requests) {
    int ours() {
      return requests.entrySet().stream().filter(e -> e.getKey().startsWith("fabric8")).mapToInt(Map.Entry::getValue).sum();
    }

    int helm() {
      return requests.entrySet().stream().filter(e -> !e.getKey().startsWith("fabric8")).mapToInt(Map.Entry::getValue).sum();
    }

    String line() {
      return millis + " ms, requests by user agent " + requests;
    }
  }

  private Step measure(Runnable step) {
    long before = auditLines();
    long start = System.nanoTime();
    step.run();
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Step(millis, requestsSince(before));
  }

  private void compare(String name, Step ours, Step helm) {
    print(String.format("%-18s | driftless %6d ms %5d requests | helm %6d ms %5d requests | time helm/driftless %5.2fx"
            + " | requests helm/driftless %5.2fx", name, ours.millis(), ours.ours(), helm.millis(), helm.helm(),
        (double) helm.millis() / ours.millis(), (double) helm.helm() / Math.max(1, ours.ours())));
    print("   driftless " + ours.line());
    print("   helm      " + helm.line());
  }

  private long auditLines() {
    try (var lines = Files.lines(server.auditLog())) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Completed requests after line {@code from}, by user agent (product only), the control plane's own left out. */
  private Map<String, Integer> requestsSince(long from) {
    settle(this::auditLines);
    Map<String, Integer> counts = new TreeMap<>();
    try (var lines = Files.lines(server.auditLog())) {
      lines.skip(from).forEach(line -> {
        JsonNode event = read(line);
        String agent = event.path("userAgent").asText("");
        if (event.path("stage").asText().equals("ResponseComplete") && !agent.startsWith("kube-controller-manager")
            && !agent.startsWith("kube-apiserver")) {
          counts.merge(agent.split("[ /]")[0], 1, Integer::sum);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }

  /** Waits (bounded) until the audit log stops growing: the server writes its lines after answering. */
  private static void settle(Supplier<Long> size) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    long last = -1;
    while (System.nanoTime() < deadline) {
      long now = size.get();
      if (now == last) {
        return;
      }
      last = now;
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void print(String line) {
    System.out.println("BENCH " + line);
  }
}
