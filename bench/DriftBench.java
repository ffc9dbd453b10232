import io.driftless.apply.ApplyOptions;
import io.driftless.apply.ChangeSet;
import io.driftless.apply.OwnerLabels;
import io.driftless.apply.ResourceManager;
import io.driftless.local.ApiCalls;
import io.driftless.local.RealApiServer;
import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import io.driftless.sandbox.ApiCall;
import io.driftless.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Benchmark harness (not a test), compiled and run by drift.sh with the CLI classpath. {@code real|sandbox
 * OBJECTS RUNS}: on a fresh server, RUNS namespaces each get one Kustomization's worth of OBJECTS objects
 * (half ConfigMaps, half Deployments with {@code cpu: 1000m} and a port without protocol), applied by the
 * apply stage as a reconcile does, each run with a new client (as a fresh process has). Per scenario it
 * prints the median wall time and the requests that client sent, by verb, from the server's audit log
 * (the sandbox's own record), next to the count Flux's algorithm sends (GET + dry-run + apply per object
 * on a first apply, GET + dry-run per object on a no-op).
 */
public final class DriftBench {
  private static final OwnerLabels OWNER = new OwnerLabels("bench", "flux-system");

  /** A started server: clients that send a user agent, its request log, and how to stop it. */
  private record Server(Function<String, KubernetesClient> clients, ApiCalls calls, AutoCloseable server)
      implements AutoCloseable {
    KubernetesClient client(String userAgent) {
      return clients.apply(userAgent);
    }

    @Override
    public void close() {
      try {
        server.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop the server", e);
      }
    }
  }

  public static void main(String[] args) {
    int objects = Integer.parseInt(args[1]);
    int runs = Integer.parseInt(args[2]);
    try (Server server = args[0].equals("real") ? real() : sandbox()) {
      List<List<KubeObject>> sets = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        sets.add(objects("bench-" + run, objects));
      }
      report(args[0], "first apply", objects, 3L * objects, measure(server, sets, ApplyOptions.defaults()));
      report(args[0], "no-op reconcile", objects, 2L * objects, measure(server, sets, ApplyOptions.defaults()));
      try (KubernetesClient editor = server.client("driftless-bench-editor")) {
        for (int run = 0; run < runs; run++) {
          editor.configMaps().inNamespace("bench-" + run).withName("cm-0").edit(cm -> {
            cm.getData().put("n", "edited by hand");
            return cm;
          });
        }
      }
      report(args[0], "detect-only, 1 edited", objects, 2L * objects,
          measure(server, sets, ApplyOptions.defaults().detecting()));
      report(args[0], "reconcile, 1 edited", objects, 2L * objects + 1, measure(server, sets, ApplyOptions.defaults()));
    }
  }

  private record Run(long millis, List<ApiCall> calls, ChangeSet changes) {}

  private static List<Run> measure(Server server, List<List<KubeObject>> sets, ApplyOptions options) {
    List<Run> out = new ArrayList<>();
    for (List<KubeObject> set : sets) {
      String agent = ApiCalls.newUserAgent("driftless-bench");
      try (KubernetesClient client = server.client(agent)) {
        long start = System.nanoTime();
        ChangeSet changes = new ResourceManager(client).applyAllStaged(copies(set), options);
        long millis = (System.nanoTime() - start) / 1_000_000;
        out.add(new Run(millis, server.calls().of(client, agent), changes));
      }
    }
    return out;
  }

  private static void report(String server, String scenario, int objects, long flux, List<Run> runs) {
    long[] millis = runs.stream().mapToLong(Run::millis).sorted().toArray();
    List<Integer> counts = runs.stream().map(r -> r.calls().size()).sorted().toList();
    Run median = runs.stream().filter(r -> r.calls().size() == counts.get(counts.size() / 2)).findFirst().orElseThrow();
    Map<String, Long> byVerb = new TreeMap<>(median.calls().stream().collect(Collectors.groupingBy(
        c -> c.verb() + (c.dryRun() ? " (dry-run)" : ""), Collectors.counting())));
    Map<String, Long> actions = new TreeMap<>(median.changes().entries().stream()
        .collect(Collectors.groupingBy(e -> e.action().label(), Collectors.counting())));
    System.out.printf("%-8s %-22s %5d objects | %7d ms median (min %d, max %d, n=%d) | %5d requests (%.3f per object) %s"
            + " | Flux %d | %s | load %s%n",
        server, scenario, objects, millis[millis.length / 2], millis[0], millis[millis.length - 1], millis.length,
        median.calls().size(), median.calls().size() / (double) objects, byVerb, flux, actions, load());
  }

  private static List<KubeObject> objects(String namespace, int count) {
    List<KubeObject> out = new ArrayList<>();
    out.add(object("apiVersion: v1\nkind: Namespace\nmetadata: {name: %s}\n".formatted(namespace)));
    for (int i = 0; i < count / 2; i++) {
      out.add(object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-%d, namespace: %s}\ndata: {n: '%d'}\n"
          .formatted(i, namespace, i)));
    }
    for (int i = 0; i < count - count / 2; i++) {
      out.add(object("""
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: app-%1$d, namespace: %2$s}
          spec:
            replicas: 1
            selector: {matchLabels: {app: app-%1$d}}
            template:
              metadata: {labels: {app: app-%1$d}}
              spec:
                containers:
                - name: web
                  image: 'nginx:1.27'
                  ports: [{containerPort: 8080}]
                  resources: {limits: {cpu: 1000m, memory: 64Mi}}
          """.formatted(i, namespace)));
    }
    out.forEach(OWNER::applyTo);
    return out;
  }

  /** The objects as the build hands them to apply: a fresh copy each run. */
  private static List<KubeObject> copies(List<KubeObject> set) {
    return set.stream().map(KubeObject::deepCopy).toList();
  }

  private static KubeObject object(String yaml) {
    return new KubeObject(Yaml.readDocuments("bench.yaml", yaml).get(0), "bench.yaml");
  }

  private static String load() {
    try {
      String[] avg = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return String.join(" ", Arrays.copyOf(avg, 3));
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private static Server real() {
    RealApiServer real = RealApiServer.startFresh();
    return new Server(real::client, ApiCalls.real(real), real);
  }

  private static Server sandbox() {
    SandboxApiServer sandbox = SandboxApiServer.start(0);
    return new Server(sandbox::client, ApiCalls.sandbox(sandbox), sandbox);
  }
}
