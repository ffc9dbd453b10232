import io.driftless.config.DriftlessConfig;
import io.driftless.local.LocalDynamoDb;
import io.driftless.pipeline.Engine;
import io.driftless.pipeline.ManualReconcile;
import io.driftless.pipeline.ReconcileReport;
import io.driftless.record.ClusterRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.dynamo.DynamoStateStore;
import io.driftless.record.dynamo.DynamoStores;
import io.driftless.sandbox.SandboxApiServer;
import io.driftless.trigger.WebhookRequest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The fleet benchmark's driver (bench/fleet.sh runs it, one JVM per scenario and run). Usage:
 * {@code FleetBench SCENARIO SERVER WORKDIR [AUDIT_LOG]}, SCENARIO one of {@code big} (1 Kustomization
 * of BIG_OBJECTS objects: first apply, no-op drift check), {@code fleet} (FLEET_KS Kustomizations of 4
 * objects, interval 1h: first apply, a push changing one ConfigMap, an idle tick), {@code demo} (3 Kustomizations,
 * 6 objects: PUSHES second pushes, webhook to all Ready); SERVER {@code sandbox} (started in this JVM)
 * or a kubeconfig. Prints one {@code RESULT} line per step.
 */
public final class FleetBench {
  private static final String SECRET = "bench-webhook-secret";
  /** local (default): the webhook's requests run on DRIFTLESS_WORKERS threads, as under `driftless serve`; stream: one at a time. */
  private static final DriftlessConfig.Dispatch DISPATCH =
      "stream".equals(System.getenv("BENCH_DISPATCH")) ? DriftlessConfig.Dispatch.STREAM : DriftlessConfig.Dispatch.LOCAL;
  private static final Pattern VERB = Pattern.compile("\"verb\":\"([a-z]+)\"");
  private final Path work;
  private final Path auditLog;
  private final String namespace = "bench-" + UUID.randomUUID().toString().substring(0, 8);
  private final Git git;
  private final Path bare;
  private final DynamoStateStore store;
  private final Engine engine;
  private long auditOffset;

  private final LocalDynamoDb db;
  private final DriftlessConfig config;

  private FleetBench(Path work, Path kubeconfig, Path auditLog, boolean onDisk) throws Exception {
    this.work = work;
    this.auditLog = auditLog;
    this.bare = work.resolve("remote.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    this.git = Git.init().setDirectory(work.resolve("repo").toFile()).setInitialBranch("main").call();
    git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toString())).call();
    this.db = onDisk ? LocalDynamoDb.inDirectory(work.resolve("data")) : LocalDynamoDb.inMemory();
    this.store = DynamoStores.embedded(db.client(), db);
    this.config = DriftlessConfig.fromEnvironment(System.getenv())
        .withCacheDir(work.resolve("cache")).withDispatch(DISPATCH);
    this.engine = Engine.create(config, store, Map.of());
    engine.registerCluster(new ClusterRecord("bench", kubeconfig.toString(), null, null));
    Path secret = Files.writeString(work.resolve("secret"), SECRET);
    engine.bootstrap(new RootRecord("bench", bare.toUri().toString(), "main", "clusters/bench", "bench", secret.toString(), null));
  }

  public static void main(String[] args) throws Exception {
    String scenario = args[0];
    Path work = Path.of(args[2]);
    Files.createDirectories(work);
    SandboxApiServer sandbox = null;
    Path kubeconfig;
    if (args[1].equals("sandbox")) {
      sandbox = SandboxApiServer.start(0);
      kubeconfig = sandbox.writeKubeconfig(work.resolve("kubeconfig"));
    } else {
      kubeconfig = Path.of(args[1]);
    }
    Path audit = args.length > 3 && !args[3].equals("-") ? Path.of(args[3]) : null;
    FleetBench bench = new FleetBench(work, kubeconfig, audit, scenario.equals("cli"));
    try {
      switch (scenario) {
        case "big" -> bench.big(Integer.parseInt(System.getenv().getOrDefault("BIG_OBJECTS", "1000")));
        case "fleet" -> bench.fleet(Integer.parseInt(System.getenv().getOrDefault("FLEET_KS", "1000")));
        case "demo" -> bench.demo(Integer.parseInt(System.getenv().getOrDefault("PUSHES", "10")));
        case "cli" -> bench.cli(Integer.parseInt(System.getenv().getOrDefault("FLEET_KS", "1000")));
        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
      }
    } finally {
      if (!scenario.equals("cli")) {
        bench.engine.close();
      }
      bench.git.close();
      if (sandbox != null) {
        sandbox.close();
      }
    }
    System.exit(0);
  }

  /** One Kustomization of {@code objects} ConfigMaps: first apply, then a forced drift check that changes nothing. */
  private void big(int objects) throws Exception {
    rootWithChildren(List.of("big"));
    StringBuilder all = new StringBuilder();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < objects; i++) {
      all.append("---\n").append(configMap("cm-" + i, "v1"));
      names.add("cm-" + i + ".yaml");
    }
    write("big/all.yaml", all.toString());
    write("big/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - all.yaml\n");
    String commit = commit("big");
    step("big.first", () -> push(commit), fluxRequests(1, objects, objects));
    step("big.noop", () -> engine.reconcile(new ManualReconcile("flux-system/big", null, false)), fluxRequests(1, objects, 0));
  }

  /** {@code count} Kustomizations of four objects each: first apply, a push changing one ConfigMap, an idle tick. */
  private void fleet(int count) throws Exception {
    firstApplyAndOnePush(count, "fleet.first", "fleet.push-one-configmap");
    step("fleet.idle-tick", () -> engine.schedule(Instant.now().plus(Duration.ofMinutes(1))), -1);
  }

  /**
   * {@code count} Kustomizations of four objects each, the store in a data directory as the CLI keeps
   * it: first apply, a push changing one ConfigMap (the webhook path, as fleet.push-one-configmap),
   * then another ConfigMap changed in Git with no webhook, this engine closed, and {@code driftless
   * reconcile ks flux-system --with-source} run as a user types it: a fresh {@code java -jar} of the
   * CLI (BENCH_CLI_JAR) on the same data and cache directories, JVM start included.
   */
  private void cli(int count) throws Exception {
    List<String> apps = firstApplyAndOnePush(count, "cli.first", "cli.webhook-push");
    engine.close();
    int repeat = Integer.parseInt(System.getenv().getOrDefault("BENCH_CLI_REPEAT", "1"));
    int change = 0;
    for (Map.Entry<String, List<String>> variant : cliVariants().entrySet()) {
      String name = variant.getKey();
      int times = name.contains(":") ? Integer.parseInt(name.substring(name.indexOf(':') + 1)) : repeat;
      for (int r = 0; r < times; r++) {
        change++;
        writeApp(apps.get((count / 3 + change) % count), "v" + (2 + change));
        String commit = commit("one ConfigMap in another app (" + change + ")");
        runCli(name.replaceFirst(":.*", ""), variant.getValue(), count, commit);
      }
    }
  }

  /**
   * The command lines the cli scenario times, by step name: BENCH_CLI_VARIANTS ("name=command words|...";
   * "name:N=..." runs that one N times instead of BENCH_CLI_REPEAT),
   * else {@code reconcile-ks-with-source}: {@code java} with BENCH_CLI_JVM_OPTIONS and {@code -jar BENCH_CLI_JAR}.
   */
  private static Map<String, List<String>> cliVariants() {
    Map<String, List<String>> variants = new java.util.LinkedHashMap<>();
    String given = System.getenv().getOrDefault("BENCH_CLI_VARIANTS", "");
    if (!given.isBlank()) {
      for (String variant : given.split("\\|")) {
        int eq = variant.indexOf('=');
        variants.put(variant.substring(0, eq).trim(), List.of(variant.substring(eq + 1).trim().split("\\s+")));
      }
      return variants;
    }
    List<String> command = new ArrayList<>(List.of("java"));
    String jvmOptions = System.getenv().getOrDefault("BENCH_CLI_JVM_OPTIONS", "");
    if (!jvmOptions.isBlank()) {
      command.addAll(List.of(jvmOptions.trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", System.getenv("BENCH_CLI_JAR")));
    variants.put("reconcile-ks-with-source", command);
    return variants;
  }

  /** `driftless reconcile ks flux-system --with-source` through {@code command}, a fresh process on the bench's data. */
  private void runCli(String name, List<String> command, int count, String third) throws Exception {
    skipAudit();
    List<String> line = new ArrayList<>(command);
    line.addAll(List.of("reconcile", "ks", "flux-system", "--with-source"));
    ProcessBuilder cli = new ProcessBuilder(line)
        .redirectOutput(work.resolve("cli.out").toFile()).redirectError(work.resolve("cli.err").toFile());
    cli.environment().put(DriftlessConfig.Key.DATA_DIR.env(), work.resolve("data").toString());
    cli.environment().put(DriftlessConfig.Key.CACHE_DIR.env(), work.resolve("cache").toString());
    long start = System.nanoTime();
    int exit = cli.start().waitFor();
    long ms = (System.nanoTime() - start) / 1_000_000;
    List<String> out = Files.readAllLines(work.resolve("cli.out"));
    String audit = auditVerbs();
    long requests = auditTotal();
    long flux = fluxRequests(count, count * 4, 1);
    System.out.printf("RESULT cli.%s wall_ms=%d exit=%d stdout_lines=%d audit=%s requests_total=%d flux=%d"
        + " ratio_flux_requests=%.0fx revision_applied=%b%n", name, ms, exit, out.size(), audit, requests, flux,
        requests == 0 ? Double.NaN : (double) flux / requests, String.join("\n", out).contains(third));
    if (exit != 0) {
      System.out.println("WARNING cli." + name + ": exit " + exit + ": " + String.join(" | ", out.subList(Math.max(0, out.size() - 5), out.size())));
    }
  }

  /** {@code count} apps of four objects: the first apply (step {@code first}), then a push changing one ConfigMap ({@code push}). */
  private List<String> firstApplyAndOnePush(int count, String first, String push) throws Exception {
    List<String> apps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String app = String.format("app-%04d", i);
      apps.add(app);
      writeApp(app, "v1");
    }
    rootWithChildren(apps);
    String initial = commit("fleet");
    step(first, () -> push(initial), fluxRequests(count, count * 4, count * 4));
    writeApp(apps.get(count / 2), "v2");
    String second = commit("one ConfigMap in one app");
    step(push, () -> push(second), fluxRequests(count, count * 4, 1));
    return apps;
  }

  /** The demo's shape, 3 Kustomizations and 6 objects: the median second push, webhook to every Kustomization Ready. */
  private void demo(int pushes) throws Exception {
    rootWithChildren(List.of("infrastructure", "apps"));
    write("infrastructure/cm.yaml", configMap("infra-a", "v1") + "---\n" + configMap("infra-b", "v1"));
    write("apps/cm.yaml", configMap("app-a", "v0") + "---\n" + configMap("app-b", "v1") + "---\n" + configMap("app-c", "v1"));
    String first = commit("demo");
    push(first);
    List<Long> latencies = new ArrayList<>();
    Map<String, List<Double>> stages = new TreeMap<>();
    for (int i = 1; i <= pushes; i++) {
      write("apps/cm.yaml", configMap("app-a", "v" + i) + "---\n" + configMap("app-b", "v1") + "---\n" + configMap("app-c", "v1"));
      String commit = commit("push " + i);
      Map<String, Double> before = engine.stageTimes().snapshotMillis();
      long start = System.nanoTime();
      ReconcileReport report = push(commit);
      latencies.add((System.nanoTime() - start) / 1_000_000);
      if (!report.allReady()) {
        throw new IllegalStateException("push " + i + " did not leave every Kustomization Ready: " + report.outcomes());
      }
      engine.stageTimes().snapshotMillis().forEach((stage, ms) ->
          stages.computeIfAbsent(stage, k -> new ArrayList<>()).add(ms - before.get(stage)));
    }
    List<Long> sorted = latencies.stream().sorted().toList();
    StringBuilder breakdown = new StringBuilder();
    for (String stage : io.driftless.pipeline.StageTimes.STAGES) {
      List<Double> ms = stages.get(stage).stream().sorted().toList();
      breakdown.append(stage).append('=').append(String.format("%.1f", ms.get((ms.size() - 1) / 2))).append(' ');
    }
    System.out.printf("RESULT demo.second-push median_ms=%d all_ms=%s stages_median_ms={%s} rss_mb=%d flux=%d%n",
        sorted.get((sorted.size() - 1) / 2), latencies, breakdown.toString().trim(), peakRssMb(), fluxRequests(3, 6, 1));
  }

  private ReconcileReport push(String commit) {
    String body = """
        {"ref":"refs/heads/main","before":"%s","after":"%s",\
        "repository":{"full_name":"example/bench","clone_url":"%s","html_url":"%s"}}"""
        .formatted("0".repeat(40), commit, bare.toUri(), bare.toUri());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var response = engine.webhook(new WebhookRequest(Map.of(
        "X-GitHub-Event", "push", "X-GitHub-Delivery", UUID.randomUUID().toString(),
        "X-Hub-Signature-256", "sha256=" + hmac(bytes), "Content-Type", "application/json"), bytes));
    if (response.status() != 202) {
      throw new IllegalStateException("webhook answered " + response.status());
    }
    if (DISPATCH == DriftlessConfig.Dispatch.STREAM) {
      return engine.drainPending();
    }
    engine.awaitIdle();
    return new ReconcileReport(outcomesOf(commit));
  }

  /** Under the local dispatcher the outcomes are the records' statuses after the workers went idle. */
  private List<io.driftless.pipeline.ReconcileOutcome> outcomesOf(String commit) {
    List<io.driftless.pipeline.ReconcileOutcome> outcomes = new ArrayList<>();
    for (var k : store.listKustomizations()) {
      var status = k.status();
      boolean ready = status != null && status.isReady() && String.valueOf(status.getLastAppliedRevision()).endsWith(commit);
      outcomes.add(new io.driftless.pipeline.ReconcileOutcome(k.cluster(), k.key(),
          status == null ? "" : String.valueOf(status.getLastAppliedRevision()), ready, null, "", null));
    }
    return outcomes;
  }

  /**
   * Requests kustomize-controller's algorithm sends for the same work (fluxcd/pkg ssa): per reconciled
   * Kustomization two status patches, per object a GET and a dry-run apply, and an apply per changed object.
   */
  private static long fluxRequests(int kustomizations, int objects, int changed) {
    return 2L * kustomizations + 2L * objects + changed;
  }

  private interface Step {
    Object run() throws Exception;
  }

  private void step(String name, Step step, long flux) throws Exception {
    Map<String, Long> requests = engine.apiRequests().snapshot();
    Map<String, Long> dynamo = store.operations().snapshot();
    long writes = store.operations().writes();
    Map<String, Double> stagesBefore = engine.stageTimes().snapshotMillis();
    skipAudit();
    long start = System.nanoTime();
    Object result = step.run();
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (result instanceof ReconcileReport r && !r.allReady()) {
      System.out.println("WARNING " + name + ": not every Kustomization is Ready");
    }
    StringBuilder stages = new StringBuilder();
    engine.stageTimes().snapshotMillis().forEach((stage, total) ->
        stages.append(stage).append('=').append(Math.round(total - stagesBefore.get(stage))).append(','));
    System.out.printf("RESULT %s wall_ms=%d stages_ms={%s} requests=%s audit=%s dynamo=%s dynamo_writes=%d rss_mb=%d flux=%s%n",
        name, ms, stages.substring(0, stages.length() - 1), delta(requests, engine.apiRequests().snapshot()), auditVerbs(), delta(dynamo, store.operations().snapshot()),
        store.operations().writes() - writes,
        peakRssMb(), flux < 0 ? "n/a" : Long.toString(flux));
  }

  private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> out = new TreeMap<>();
    after.forEach((k, v) -> {
      long d = v - before.getOrDefault(k, 0L);
      if (d != 0) {
        out.put(k.replace(' ', '+'), d);
      }
    });
    return out;
  }

  private void skipAudit() throws IOException {
    auditOffset = auditLog == null ? 0 : Files.size(auditLog);
  }

  /** The requests with the engine's user agent logged since the step began, by verb (dry runs apart). */
  private String auditVerbs() throws IOException {
    if (auditLog == null) {
      return "-";
    }
    Map<String, Long> verbs = new TreeMap<>();
    try (RandomAccessFile in = new RandomAccessFile(auditLog.toFile(), "r")) {
      in.seek(auditOffset);
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.contains("\"stage\":\"ResponseComplete\"") || !line.contains("\"userAgent\":\"driftless\"")) {
          continue;
        }
        Matcher m = VERB.matcher(line);
        if (m.find()) {
          verbs.merge(m.group(1) + (line.contains("dryRun=All") ? "+dryRun" : ""), 1L, Long::sum);
        }
      }
    }
    return verbs.toString().replace(" ", "");
  }

  /** How many requests with the engine's user agent the audit log holds since the step began. */
  private long auditTotal() throws IOException {
    String verbs = auditVerbs();
    long total = 0;
    for (String pair : verbs.replaceAll("[{}]", "").split(",")) {
      if (!pair.isEmpty()) {
        total += Long.parseLong(pair.substring(pair.indexOf('=') + 1));
      }
    }
    return total;
  }

  private static long peakRssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  private void rootWithChildren(List<String> children) throws IOException {
    write("clusters/bench/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + namespace + "\n");
    StringBuilder ks = new StringBuilder();
    for (String child : children) {
      ks.append("""
          ---
          apiVersion: kustomize.toolkit.fluxcd.io/v1
          kind: Kustomization
          metadata:
            name: %s
            namespace: flux-system
          spec:
            interval: 1h
            path: ./%s
            prune: true
            sourceRef:
              kind: GitRepository
              name: flux-system
          """.formatted(child, child));
    }
    write("clusters/bench/kustomizations.yaml", ks.toString());
  }

  private void writeApp(String app, String value) throws IOException {
    write(app + "/objects.yaml", configMap(app + "-settings", value) + "---\n" + configMap(app + "-flags", "on")
        + "---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: " + app + "\n  namespace: " + namespace + "\n"
        + "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: " + app + "\n  namespace: " + namespace
        + "\nstringData:\n  token: not-a-secret\n");
  }

  private String configMap(String name, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: " + namespace
        + "\ndata:\n  value: \"" + value + "\"\n";
  }

  private void write(String path, String content) throws IOException {
    Path file = work.resolve("repo").resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private String commit(String message) throws Exception {
    git.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent("Bench", "bench@driftless.invalid");
    String name = git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().getName();
    git.push().setRemote("origin").add("main").call();
    return name;
  }

  private static String hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
