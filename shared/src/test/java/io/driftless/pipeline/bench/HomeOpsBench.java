package io.driftless.pipeline.bench;

import io.driftless.model.Condition;
import io.driftless.model.FluxStatus;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.testing.GitRemote;
import io.driftless.testing.LocalFleet;
import io.driftless.testing.OciPush;
import io.driftless.testing.PublicCharts;
import io.driftless.testing.RealRegistry;
import io.driftless.testing.SignedPush;
import io.driftless.testing.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * onedr0p/home-ops (its snapshot's HEAD, root kubernetes/flux/cluster) reconciled on a real kube-apiserver
 * v1.20.2, offline, with one change: the OCIRepositories of bjw-s's app-template point at a loopback
 * registry (and say {@code insecure: true}, as Flux requires over plain HTTP) holding the chart packaged
 * from bjw-s-labs/helm-charts ({@code bench.appTemplate}, default the snapshot's newest, app-template-4.1.1),
 * pushed under every tag the repository pins. Every Flux object's state after the run is printed and each
 * failure put into one class by its message; the table of classes and counts is what bench/homeops.sh
 * shows. {@code -Dbench.strip=VALUES_SCHEMA[,KUBE_VERSION]} takes out of the chart its values.schema.json
 * files (whose $refs Helm loads from raw.githubusercontent.com, out of reach offline) and its kubeVersion
 * constraint (>=1.28.0-0, which 1.20 fails), to show what fails after them. Not a test: it asserts
 * nothing. Enabled with {@code -Dbench=true}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class HomeOpsBench {
  private static final String SECRET = "bench-webhook-secret";
  private static final String APP_TEMPLATE = "ghcr.io/bjw-s-labs/helm/app-template";
  private static final Pattern TAG = Pattern.compile("(?m)^\\s+tag:\\s*\"?([^\"\\s]+)");
  @TempDir Path tmp;

  /** A failure class: its name, what explains it, and the pattern its message matches. */
  private record FailureClass(String name, String explainedBy, Pattern pattern) {}

  private static final List<FailureClass> CLASSES = List.of(
      new FailureClass("chart's values.schema.json $refs schemas on raw.githubusercontent.com (offline)",
          "offline test bed", Pattern.compile("values don't meet the specifications of the schema.*"
              + "(no such host|unknown host|HTTP request failed)")),
      new FailureClass("chart needs a newer Kubernetes (kubeVersion)", "real 1.20 server",
          Pattern.compile("incompatible with Kubernetes|kubeVersion")),
      new FailureClass("chart source unreachable (registry or Git host off the loopback)", "offline test bed",
          Pattern.compile("(?i)unknown ?host|no such host|connection refused|connect timed out|unresolved|"
              + "name resolution|failed to (fetch|pull|resolve)|i/o error|UnresolvedAddress|network is unreachable")),
      new FailureClass("source not ready (its chart source failed)", "offline test bed",
          Pattern.compile("(?i)(OCIRepository|HelmRepository|HelmChart|GitRepository)[^ ]* (is )?not ready|"
              + "source .* not (found|ready)|artifact .* not (found|ready)|no artifact")),
      new FailureClass("API version newer than 1.20: batch/v1 CronJob (Kubernetes 1.21)", "real 1.20 server",
          Pattern.compile("has no API for `batch/v1` CronJob")),
      new FailureClass("LoadBalancer Service with TCP and UDP ports (mixed protocols: Kubernetes 1.26)",
          "real 1.20 server", Pattern.compile("more than 1 protocol when type is 'LoadBalancer'")),
      new FailureClass("kind not served: CRD not installed (home-ops applies its CRDs before Flux, with "
          + "bootstrap/helmfile/crds.yaml, from charts on registries off the loopback)", "offline test bed",
          Pattern.compile("(?i)has no API for|no matches for kind|could not find the requested resource|"
              + "server doesn't have a resource type|not served|no resource|unknown kind|is not recognized")),
      new FailureClass("CRD refused by the 1.20 API server (needs newer Kubernetes)", "real 1.20 server",
          Pattern.compile("(?i)CustomResourceDefinition.* is invalid")),
      new FailureClass("field newer than the 1.20 schema (server-side apply refuses it)", "real 1.20 server",
          Pattern.compile("field not declared in schema")),
      new FailureClass("Secret or ConfigMap missing (made by external-secrets in the real cluster)", "offline test bed",
          Pattern.compile("(?i)(secret|configmap)s? .*(not found|missing)")),
      new FailureClass("dependency not ready", "follows from another failure",
          Pattern.compile("(?i)dependency .* (is )?not ready|DependencyNotReady")),
      new FailureClass("health check failed or timed out (a child failed)", "follows from another failure",
          Pattern.compile("(?i)timeout waiting for|health check|HealthCheckFailed")));

  @Test
  void homeOps() throws Exception {
    TestCluster.requireReal();
    Path repo = PublicCharts.mirror("onedr0p/home-ops");
    String commit = System.getProperty("bench.homeOpsRef", "HEAD");
    Path tree = PublicCharts.export(repo, commit, ".", tmp.resolve("home-ops"));
    String appTemplate = System.getProperty("bench.appTemplate", "app-template-4.1.1");
    String common = appTemplate.replace("app-template-", "common-");

    try (RealRegistry registry = RealRegistry.start(tmp.resolve("registry"), null, null).orElseThrow();
        GitRemote remote = GitRemote.create(tmp.resolve("repo"), "main").copyTree(tree, ".")) {
      List<String> tags = pointAppTemplateAt(remote.workTree(), registry.host());
      for (String tag : tags) {
        byte[] chart = PublicCharts.bjwsChart(tmp.resolve("charts-" + tag), appTemplate, "charts/other/app-template",
            tag, strip(), "charts/library/common@" + common);
        OciPush.chart(registry.host(), "bjw-s-labs/helm/app-template", tag, "app-template", tag, chart, null, null);
      }
      System.out.println("BENCH home-ops " + commit + ", app-template from bjw-s-labs/helm-charts " + appTemplate
          + " pushed as tags " + tags + " (its Chart.yaml version set to the tag), taken out: " + strip());
      Path secret = Files.writeString(tmp.resolve("secret"), SECRET);
      try (LocalFleet fleet = LocalFleet.start(tmp, TestCluster.REAL)) {
        fleet.engine().bootstrap(new RootRecord("demo", remote.url(), "main", "kubernetes/flux/cluster", "demo",
            secret.toString(), null));
        String head = remote.commit("home-ops with app-template on loopback");
        long start = System.nanoTime();
        fleet.engine().webhook(SignedPush.request(SECRET, SignedPush.body(remote.url(), "main", head)));
        fleet.engine().drainPending();
        fleet.engine().schedule(Instant.now()); // the sources' own first fetch, on their interval
        System.out.printf("BENCH reconciled in %.1f s%n", (System.nanoTime() - start) / 1e9);
        long inRepository = count(remote.workTree().resolve("kubernetes"), "(?m)^kind: HelmRelease$");
        report(fleet, inRepository);
      }
    }
  }

  /** {@code -Dbench.strip=VALUES_SCHEMA,KUBE_VERSION}: what to take out of app-template (none by default). */
  private static Set<PublicCharts.Strip> strip() {
    Set<PublicCharts.Strip> strip = EnumSet.noneOf(PublicCharts.Strip.class);
    for (String s : System.getProperty("bench.strip", "").split(",")) {
      if (!s.isBlank()) {
        strip.add(PublicCharts.Strip.valueOf(s.trim()));
      }
    }
    return strip;
  }

  /** Points every app-template OCIRepository at {@code host}; the tags they pin. */
  private static List<String> pointAppTemplateAt(Path work, String host) throws Exception {
    List<String> tags = new ArrayList<>();
    try (Stream<Path> files = Files.walk(work.resolve("kubernetes"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        String text = Files.readString(f);
        if (!text.contains("url: oci://" + APP_TEMPLATE)) {
          continue;
        }
        var m = TAG.matcher(text);
        while (m.find()) {
          if (!tags.contains(m.group(1))) {
            tags.add(m.group(1));
          }
        }
        Files.writeString(f, text.replace("url: oci://" + APP_TEMPLATE,
            "url: oci://" + host + "/bjw-s-labs/helm/app-template\n  insecure: true"));
      }
    }
    return tags;
  }

  private static long count(Path dir, String regex) throws Exception {
    Pattern p = Pattern.compile(regex);
    long n = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(x -> x.toString().endsWith(".yaml")).toList()) {
        n += p.matcher(Files.readString(f)).results().count();
      }
    }
    return n;
  }

  private static void report(LocalFleet fleet, long helmReleasesInRepository) {
    Map<String, int[]> byKind = new TreeMap<>();
    Map<String, List<String>> byClass = new TreeMap<>();
    List<String[]> rows = new ArrayList<>();
    for (KustomizationRecord k : fleet.store().listKustomizations()) {
      rows.add(new String[] {"Kustomization/" + k.key(), line(k.status())});
    }
    for (HelmRecord h : fleet.store().listHelmObjects()) {
      rows.add(new String[] {h.key(), line(h.status())});
    }
    for (String[] row : rows) {
      String kind = row[0].substring(0, row[0].indexOf('/'));
      int[] counts = byKind.computeIfAbsent(kind, k -> new int[3]);
      System.out.println("BENCH   " + row[0] + ": " + row[1]);
      if (row[1].startsWith("Ready ")) {
        counts[0]++;
      } else if (row[1].startsWith("not attempted")) {
        counts[2]++;
      } else {
        counts[1]++;
        byClass.computeIfAbsent(classify(row[1]), c -> new ArrayList<>()).add(row[0]);
      }
    }
    System.out.println("BENCH");
    System.out.println("BENCH | kind | total | Ready | failed | not attempted |");
    System.out.println("BENCH |---|---|---|---|---|");
    byKind.forEach((kind, c) -> System.out.printf("BENCH | %s | %d | %d | %d | %d |%n",
        kind, c[0] + c[1] + c[2], c[0], c[1], c[2]));
    System.out.println("BENCH");
    System.out.println("BENCH | failure class | explained by | count | by kind, e.g. |");
    System.out.println("BENCH |---|---|---|---|");
    long reached = rows.stream().filter(r -> r[0].startsWith("HelmRelease/")).count();
    System.out.printf("BENCH | HelmRelease not reached: its Kustomization is held by a failed dependency "
        + "(of %d in the repository, %d reached) | follows from another failure | %d | |%n",
        helmReleasesInRepository, reached, helmReleasesInRepository - reached);
    byClass.forEach((name, objects) -> {
      Map<String, Integer> kinds = new TreeMap<>();
      objects.forEach(o -> kinds.merge(o.substring(0, o.indexOf('/')), 1, Integer::sum));
      String explained = CLASSES.stream().filter(c -> c.name().equals(name)).map(FailureClass::explainedBy)
          .findFirst().orElse("UNEXPLAINED");
      System.out.printf("BENCH | %s | %s | %d | %s, e.g. %s |%n", name, explained, objects.size(), kinds,
          objects.get(0));
    });
  }

  /** {@code Ready <reason>}, {@code not attempted}, or {@code <status> <reason>: <message>} of the Ready condition. */
  private static String line(FluxStatus status) {
    if (status == null || status.condition(Condition.READY).isEmpty()) {
      return "not attempted";
    }
    Condition ready = status.condition(Condition.READY).orElseThrow();
    if (ready.isTrue()) {
      return "Ready " + ready.reason();
    }
    return ready.status() + " " + ready.reason() + ": " + ready.message();
  }

  private static String classify(String line) {
    for (FailureClass c : CLASSES) {
      if (c.pattern().matcher(line).find()) {
        return c.name();
      }
    }
    return "other: " + line.replaceAll("[0-9a-f]{12,}", "…").substring(0, Math.min(160, line.length()));
  }
}
