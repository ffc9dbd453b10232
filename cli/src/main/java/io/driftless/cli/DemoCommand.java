package io.driftless.cli;

import io.driftless.apply.Action;
import io.driftless.apply.ChangeSetEntry;
import io.driftless.config.DriftlessConfig.Key;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.ObjectId;
import io.driftless.model.Yaml;
import io.driftless.pipeline.Engine;
import io.driftless.pipeline.ReconcileOutcome;
import io.driftless.pipeline.ReconcileReport;
import io.driftless.record.ClusterRecord;
import io.driftless.record.RootRecord;
import io.driftless.local.LocalChartRepository;
import io.driftless.local.LocalDynamoDbServer;
import io.driftless.sandbox.SandboxApiServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo",
    description = "End to end on this machine: a Flux-layout repo from examples/ (with a HelmRelease whose chart is "
        + "served from examples/charts on 127.0.0.1), the sandbox (or --kubeconfig), bootstrap, a signed push webhook, "
        + "then a second commit that edits one object, removes another and changes the Helm values.")
final class DemoCommand implements Callable<Integer> {
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  @Spec CommandSpec spec;
  @Option(names = "--kubeconfig", description = "Use this cluster instead of the sandbox") Path kubeconfig;
  @Option(names = "--context", description = "Context in --kubeconfig") String context;
  @Option(names = "--work-dir", defaultValue = ".driftless/demo", description = "Scratch directory (default: ${DEFAULT-VALUE})") Path workDir;

  @Override
  public Integer call() throws Exception {
    Instant started = Instant.now();
    PrintWriter out = spec.commandLine().getOut();
    Path work = DemoFiles.fresh(workDir.toAbsolutePath());
    Path examples = Path.of(System.getProperty("driftless.home", ".")).resolve("examples").toAbsolutePath();
    step("1", "Git repository from " + examples);
    try (DemoRepo repo = DemoRepo.create(work.resolve("git"));
        SandboxApiServer sandbox = kubeconfig == null ? SandboxApiServer.start(0) : null;
        BareClusterKubelet kubelet = BareClusterKubelet.startIfNodeless(kubeconfig, context, out);
        LocalDynamoDbServer dynamo = LocalDynamoDbServer.start();
        LocalChartRepository charts = LocalChartRepository.servePreferringExamplesPort(examples.resolve("charts"))) {
      repo.copyFrom(examples);
      boolean moved = !charts.pointExamplesAt(repo.workTree()).isEmpty();
      String first = repo.commitAndPush("Add the demo cluster, infrastructure, the hello HelmRelease and podinfo");
      out.println("   " + repo.url() + " main@sha1:" + first);
      out.println("   Helm chart repository for examples/charts at " + charts.url()
          + (moved ? " (port " + LocalChartRepository.EXAMPLES_PORT + " was taken: the HelmRepository's URL was rewritten)" : ""));

      Path kube = kubeconfig;
      if (sandbox != null) {
        kube = sandbox.writeKubeconfig(work.resolve("sandbox.kubeconfig"));
        step("2", "Cluster: " + SandboxApiServer.BANNER.lines().findFirst().orElse("sandbox") + " at " + sandbox.url());
      } else {
        step("2", "Cluster: " + kubeconfig);
      }

      Map<String, String> env = new HashMap<>(System.getenv());
      env.put(Key.TABLE.env(), "driftless-demo");
      env.put(Key.DYNAMODB_ENDPOINT.env(), dynamo.endpoint().toString());
      env.put(Key.CACHE_DIR.env(), work.resolve("cache").toString());
      env.put(Key.DISPATCH.env(), "stream"); // the webhook only queues; the demo then plays the table's stream
      String apiToken = ServeCommand.newToken();
      env.put(Key.API_TOKEN.env(), apiToken); // the reconcile function answers only with it
      int port = freePort();
      Path log = work.resolve("serve.log");
      step("3", "Functions over HTTP on 127.0.0.1:" + port + " (log: " + log + ")");
      Process serve = ServeCommand.FunctionsApp.start(port, env, ProcessBuilder.Redirect.to(log.toFile()));
      try (Engine engine = Engines.open(env)) {
        waitForPort(port, serve);
        Path secret = work.resolve("webhook-secret");
        Files.writeString(secret, java.util.UUID.randomUUID().toString());
        engine.registerCluster(new ClusterRecord("demo", kube.toAbsolutePath().toString(), context, null));
        engine.bootstrap(new RootRecord("demo", repo.url(), "main", "clusters/demo", "demo", secret.toString(), null));
        step("4", "Bootstrapped root demo: clusters/demo → cluster demo");

        WebhookSender sender = new WebhookSender(URI.create("http://127.0.0.1:" + port + "/webhook"),
            Files.readAllBytes(secret));
        DemoCheck check = new DemoCheck(engine, URI.create("http://127.0.0.1:" + port + "/reconcile"), out, apiToken);
        step("5", "Push webhook for " + first.substring(0, 12) + ", then the reconcile function, as the table's stream calls it");
        check.pushAndRun(sender, repo.url(), "0".repeat(40), first,
            change("ConfigMap", "podinfo-config", Action.CREATED), change("Service", "podinfo", Action.CREATED),
            helmChange("ConfigMap", Action.CREATED));

        step("6", "Second commit: edit ConfigMap podinfo-config, remove Service podinfo, change the hello values");
        DemoFiles.editSecondCommit(repo.workTree());
        String second = repo.commitAndPush("Change the podinfo message, drop its Service, change the hello color");
        check.pushAndRun(sender, repo.url(), first, second,
            change("ConfigMap", "podinfo-config", Action.CONFIGURED), change("Service", "podinfo", Action.DELETED),
            helmChange("ConfigMap", Action.CONFIGURED));
        step("7", "Events the reconciles emitted and stored, as `driftless events -A` lists them");
        out.print(EventsCommand.printedEvents(engine.fleet().events().since(started), Instant.now()));
        out.println("✔ demo passed: created, configured and deleted, revision main@sha1:" + second
            + "; Helm release hello/hello upgraded to v2");
        return 0;
      } finally {
        stop(serve);
      }
    }
  }

  /**
   * Stops the functions app: SIGTERM, then SIGKILL after 10 s. Once it has rendered a chart it ignores
   * SIGTERM: helm-java's Go library replaces the JVM's signal handlers (manusa/helm-java#409).
   */
  private static void stop(Process serve) throws InterruptedException {
    serve.destroy();
    if (!serve.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      serve.destroyForcibly().waitFor();
    }
  }

  private void step(String n, String text) {
    spec.commandLine().getOut().println("[" + n + "] " + text);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void waitForPort(int port, Process serve) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (!serve.isAlive()) {
        throw new IllegalStateException("the functions app exited with " + serve.exitValue() + "; see its log");
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("the functions app did not open port " + port + " within 90s");
  }

  private static DemoCheck.Expected change(String kind, String name, Action action) {
    return new DemoCheck.Expected(new ObjectId("", kind, "podinfo", name), action);
  }

  /** A change to an object of the hello release (namespace hello, named after the release). */
  private static DemoCheck.Expected helmChange(String kind, Action action) {
    return new DemoCheck.Expected(new ObjectId("", kind, "hello", "hello"), action);
  }

  /**
   * Plays the table's stream: after the webhook queued the push, calls the functions' reconcile with a
   * stream event and checks the typed report it answers (every Kustomization Ready at the commit, and
   * the expected changes in their change sets).
   */
  static final class DemoCheck {
    private static final String HELLO = "HelmRelease/hello/hello";
    private static final String STREAM_EVENT = "{\"Records\": [{\"eventName\": \"INSERT\", \"eventSource\": \"aws:dynamodb\"}]}";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Engine engine;
    private final URI reconcile;
    private final PrintWriter out;
    private final String apiToken;

    DemoCheck(Engine engine, URI reconcile, PrintWriter out, String apiToken) {
      this.engine = engine;
      this.reconcile = reconcile;
      this.out = out;
      this.apiToken = apiToken;
    }

    /** One object and what the run must have done to it. */
    record Expected(ObjectId id, Action action) {
      String line() {
        return new ChangeSetEntry(id, "", action).line();
      }
    }

    void pushAndRun(WebhookSender sender, String url, String before, String after, Expected... expected)
        throws IOException, InterruptedException {
      Instant sent = Instant.now();
      int status = sender.push(url, "main", before, after);
      if (status != 202) {
        throw new IllegalStateException("webhook answered " + status + ", want 202");
      }
      out.println("   webhook answered 202 Accepted");
      ReconcileReport report = runQueued();
      out.println("   push to applied on every Kustomization: " + Duration.between(sent, Instant.now()).toMillis() + " ms");
      out.print(GetCommand.render(engine.kustomizations(), "demo"));
      out.print(GetCommand.HelmReleases.render(engine.fleet().listHelmObjects(), new Scope(null, true, "demo")));
      report.outcomes().forEach(o -> o.changes().changed().forEach(e -> out.println("   " + o.kustomization() + " " + e.line())));
      verify(report, after, expected);
    }

    private ReconcileReport runQueued() throws IOException, InterruptedException {
      HttpRequest request = HttpRequest.newBuilder(reconcile).timeout(READY_TIMEOUT)
          .header("Content-Type", "application/json")
          .header("Authorization", "Bearer " + apiToken)
          .POST(HttpRequest.BodyPublishers.ofString(STREAM_EVENT)).build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new IllegalStateException("the reconcile function answered " + response.statusCode() + ": " + response.body());
      }
      return Yaml.json().readValue(response.body(), ReconcileReport.class);
    }

    /**
     * Every Kustomization ran and is Ready at {@code commit}, the HelmRelease hello/hello is Ready, and
     * each expected change is in the report.
     */
    static void verify(ReconcileReport report, String commit, Expected... expected) {
      long kustomizations = report.outcomes().stream().filter(o -> !isHelmRelease(o)).count();
      if (kustomizations < 3) {
        throw new IllegalStateException("expected the three Kustomizations to run, got " + kustomizations);
      }
      if (report.outcomes().stream().noneMatch(o -> HELLO.equals(o.kustomization()))) {
        throw new IllegalStateException("expected " + HELLO + " to be reconciled, it is not in the report");
      }
      for (ReconcileOutcome o : report.outcomes()) {
        if (!o.ready() || !isHelmRelease(o) && !o.revision().endsWith(commit)) {
          throw new IllegalStateException(o.kustomization() + " did not apply " + commit + ": " + o.reason() + ": " + o.message());
        }
      }
      for (Expected e : expected) {
        if (report.outcomes().stream().noneMatch(o -> o.changes().contains(e.id(), e.action()))) {
          throw new IllegalStateException("expected the change \"" + e.line() + "\", it is in no change set");
        }
      }
    }

    private static boolean isHelmRelease(ReconcileOutcome o) {
      return o.kustomization().startsWith("HelmRelease/");
    }
  }
}
