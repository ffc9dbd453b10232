package io.driftless.cli;

import io.driftless.config.DriftlessConfig.Key;
import io.driftless.model.KustomizationStatus;
import io.driftless.pipeline.Engine;
import io.driftless.record.ClusterRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.local.LocalDynamoDbServer;
import io.driftless.sandbox.SandboxApiServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo",
    description = "End to end on this machine: a Flux-layout repo from examples/, the sandbox (or --kubeconfig), "
        + "bootstrap, a signed push webhook, then a second commit that edits one object and removes another.")
final class DemoCommand implements Callable<Integer> {
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  @Option(names = "--kubeconfig", description = "Use this cluster instead of the sandbox") Path kubeconfig;
  @Option(names = "--context", description = "Context in --kubeconfig") String context;
  @Option(names = "--work-dir", defaultValue = ".driftless/demo", description = "Scratch directory (default: ${DEFAULT-VALUE})") Path workDir;

  @Override
  public Integer call() throws Exception {
    Path work = DemoFiles.fresh(workDir.toAbsolutePath());
    Path examples = Path.of(System.getProperty("driftless.home", ".")).resolve("examples").toAbsolutePath();
    step("1", "Git repository from " + examples);
    try (DemoRepo repo = DemoRepo.create(work.resolve("git"));
        SandboxApiServer sandbox = kubeconfig == null ? SandboxApiServer.start(0) : null;
        BareClusterKubelet kubelet = BareClusterKubelet.startIfNodeless(kubeconfig, context);
        LocalDynamoDbServer dynamo = LocalDynamoDbServer.start()) {
      repo.copyFrom(examples);
      String first = repo.commitAndPush("Add the demo cluster, infrastructure and podinfo");
      System.out.println("   " + repo.url() + " main@sha1:" + first);

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
      env.put(Key.DISPATCH.env(), "local");
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
        DemoCheck check = new DemoCheck(engine, log);
        step("5", "Push webhook for " + first.substring(0, 12));
        check.pushAndAwait(sender, repo.url(), "0".repeat(40), first,
            "ConfigMap/podinfo/podinfo-config created", "Service/podinfo/podinfo created");

        step("6", "Second commit: edit ConfigMap podinfo-config, remove Service podinfo");
        DemoFiles.editSecondCommit(repo.workTree());
        String second = repo.commitAndPush("Change the podinfo message, drop its Service");
        check.pushAndAwait(sender, repo.url(), first, second,
            "ConfigMap/podinfo/podinfo-config configured", "Service/podinfo/podinfo deleted");
        System.out.println("✔ demo passed: created, configured and deleted, revision main@sha1:" + second);
        return 0;
      } finally {
        serve.destroy();
        serve.waitFor();
      }
    }
  }

  private static void expect202(int status) {
    if (status != 202) {
      throw new IllegalStateException("webhook answered " + status + ", want 202");
    }
    System.out.println("   webhook answered 202 Accepted");
  }

  private static void step(String n, String text) {
    System.out.println("[" + n + "] " + text);
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

  /** Reads what the reconcile did: status from the table, change lines from the functions' log. */
  static final class DemoCheck {
    private final Engine engine;
    private final Path log;
    private int seenLines;

    DemoCheck(Engine engine, Path log) {
      this.engine = engine;
      this.log = log;
    }

    /** Sends the push, waits until every Kustomization applied it, prints and checks the change set. */
    void pushAndAwait(WebhookSender sender, String url, String before, String after, String... expected)
        throws IOException, InterruptedException {
      Instant sent = Instant.now();
      expect202(sender.push(url, "main", before, after));
      awaitApplied(after, READY_TIMEOUT);
      System.out.println("   push to applied on every Kustomization: " + Duration.between(sent, Instant.now()).toMillis() + " ms");
      System.out.print(GetCommand.render(engine.kustomizations(), "demo"));
      List<String> changes = newChanges();
      changes.forEach(l -> System.out.println("   " + l));
      for (String line : expected) {
        require(changes, line);
      }
    }

    void awaitApplied(String commit, Duration timeout) throws InterruptedException {
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline)) {
        List<KustomizationRecord> all = engine.kustomizations();
        boolean done = all.size() >= 3 && all.stream().allMatch(k -> applied(k, commit));
        if (done) {
          return;
        }
        Thread.sleep(250);
      }
      System.out.print(GetCommand.render(engine.kustomizations(), null));
      throw new IllegalStateException("not every Kustomization applied " + commit + " within " + timeout.toSeconds() + "s");
    }

    private static boolean applied(KustomizationRecord k, String commit) {
      KustomizationStatus s = k.status();
      return s != null && s.isReady() && s.getLastAppliedRevision() != null && s.getLastAppliedRevision().endsWith(commit);
    }

    List<String> newChanges() throws IOException {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> changes = lines.subList(Math.min(seenLines, lines.size()), lines.size()).stream()
          .filter(l -> l.contains("[change]"))
          .map(l -> l.substring(l.indexOf("[change]") + 9).trim())
          .toList();
      seenLines = lines.size();
      return changes;
    }

    void require(List<String> changes, String line) {
      if (changes.stream().noneMatch(c -> c.endsWith(line))) {
        throw new IllegalStateException("expected the change \"" + line + "\", got " + changes);
      }
    }
  }
}
