package io.driftless.awslocal;

import static io.driftless.testing.FluxLayout.kustomization;

import io.driftless.config.DriftlessConfig;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.pipeline.Engine;
import io.driftless.record.ClusterRecord;
import io.driftless.record.HelmRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.record.dynamo.DynamoStores;
import io.driftless.testing.GitRemote;
import io.driftless.testing.SignedPush;
import io.driftless.testing.TestCharts;
import io.driftless.testing.TestCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Benchmark (not a test; bench/coldstart.sh compiles and runs it): one cold start of each function on
 * the AWS path of infra/aws-local, every process new. A Git repository with one Kustomization holding a
 * HelmRelease (chart ./charts/web from the root GitRepository), the real API server, the path started
 * from the given function.zip with one work process at most; one signed push to the webhook's URL.
 * Prints RESULT lines: webhook (its process start to the push answered), work (the work process's start
 * to the HelmRelease Ready in the table, every item of the push run in that one process), and the bytes
 * each environment left in its /tmp.
 *
 * <p>Arguments: VARIANT FUNCTION_ZIP DIR [JAVA_TOOL_OPTIONS]. Run with infra/aws-local as the working
 * directory (template.yaml is ../../template.yaml).
 */
public final class ColdStartBench {
  private static final String SECRET = "coldstart-bench-secret";
  private static final String HR = "HelmRelease/web/web";

  public static void main(String[] args) throws Exception {
    String variant = args[0];
    Path zip = Path.of(args[1]).toAbsolutePath();
    Path dir = Files.createDirectories(Path.of(args[2]).toAbsolutePath());
    Map<String, String> extraEnv = new java.util.HashMap<>();
    if (args.length > 3 && !args[3].isBlank()) {
      extraEnv.put("JAVA_TOOL_OPTIONS", args[3]);
    }
    // the Git cache in the one work environment's /tmp, where it is on Lambda: the work process does not
    // take its default from the -Djava.io.tmpdir FunctionPool gives it, and would write to this machine's /tmp
    extraEnv.put("DRIFTLESS_CACHE_DIR", dir.resolve("aws-path/driftless-work-1/tmp/driftless/sources").toString());
    Map<String, Instant> starts = new ConcurrentHashMap<>();
    Logger pool = Logger.getLogger(FunctionPool.class.getName());
    pool.addHandler(new Handler() {
      @Override
      public void publish(LogRecord r) {
        String m = r.getMessage();
        if (m != null && m.contains(": execution environment ")) {
          starts.putIfAbsent(m.substring(0, m.indexOf(':')) + "-" + m.replaceAll(".*execution environment (\\d+).*", "$1"),
              r.getInstant());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });

    GitRemote remote = GitRemote.create(dir.resolve("repo"), "main");
    TestCharts.writeChart(remote.workTree().resolve("charts"), "web", "1.2.0");
    remote.write("clusters/demo/web.yaml", kustomization("web", "apps/web", ""));
    remote.write("apps/web/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: web}\n");
    remote.write("apps/web/release.yaml", """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: web, namespace: web}
        spec:
          interval: 10m
          chart:
            spec:
              chart: ./charts/web
              sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}
          install: {disableHooks: true, disableWait: true} # no controllers run Pods on this API server
          values: {replicaCount: 2}
        """);
    String sha = remote.commit("web with one HelmRelease");
    try (TestCluster.Running cluster = TestCluster.REAL.start(dir, false);
        AwsPath path = AwsPath.start(new AwsPath.Options(zip, Path.of("../../template.yaml").toAbsolutePath(),
            dir.resolve("aws-path"), 0, 1, null, extraEnv));
        StateStore store = DynamoStores.endpoint(AwsPath.TABLE, path.dynamoDbEndpoint())) {
      Path secret = Files.writeString(dir.resolve("webhook-secret"), SECRET, StandardCharsets.UTF_8);
      try (Engine engine = Engine.create(DriftlessConfig.defaults().withDispatch(DriftlessConfig.Dispatch.STREAM)
          .withCacheDir(dir.resolve("cache")), DynamoStores.endpoint(AwsPath.TABLE, path.dynamoDbEndpoint()), Map.of())) {
        engine.registerCluster(new ClusterRecord("demo", cluster.kubeconfig().toString(), null, null));
        engine.bootstrap(new RootRecord("demo", remote.url(), "main", "clusters/demo", "demo", secret.toString(), null));
      }

      int status = push(path.webhookUrl(), remote.url(), sha);
      Instant answered = Instant.now();
      Instant deadline = answered.plus(Duration.ofMinutes(2));
      Optional<HelmReleaseStatus> release = Optional.empty();
      while (Instant.now().isBefore(deadline)) {
        release = store.getHelmObject("demo", HR).map(HelmRecord::status);
        if (release.filter(HelmReleaseStatus::isReady).isPresent()) {
          break;
        }
        Thread.sleep(50); // a benchmark's poll: the table has no change feed for this JVM
      }
      Instant ready = Instant.now();
      boolean deployed = cluster.client().apps().deployments().inNamespace("web").withName("web-web").get() != null;
      Instant webhookStart = starts.get("driftless-webhook-1");
      Instant workStart = starts.get("driftless-work-1");
      if (status != 202 || release.filter(HelmReleaseStatus::isReady).isEmpty() || !deployed || workStart == null) {
        System.out.printf("RESULT %s FAILED webhook=%d release=%s deployed=%s work-environments=%d logs=%s%n", variant, status,
            release.map(HelmReleaseStatus::toString).orElse("none"), deployed, path.workColdStarts(), dir.resolve("aws-path"));
        return;
      }
      Path envs = dir.resolve("aws-path");
      System.out.printf("RESULT %s webhook_ms=%d work_ms=%d push_to_ready_ms=%d work_environments=%d webhook_tmp_bytes=%d "
          + "work_tmp_bytes=%d runtime_client_library_bytes=%d cds=%s%n", variant,
          Duration.between(webhookStart, answered).toMillis(), Duration.between(workStart, ready).toMillis(),
          Duration.between(webhookStart, ready).toMillis(), path.workColdStarts(),
          bytes(envs.resolve("driftless-webhook-1/tmp")), bytes(envs.resolve("driftless-work-1/tmp")),
          Files.size(envs.resolve("driftless-work-1/tmp/.libaws-lambda-jni.so")), cds(envs, extraEnv));
    } finally {
      remote.close();
    }
    System.exit(0); // an executor of the parts keeps a thread that is not a daemon
  }

  /** Sends a push of {@code sha} signed as GitHub signs it; the HTTP status. */
  private static int push(String webhookUrl, String repoUrl, String sha) throws IOException, InterruptedException {
    String body = SignedPush.body(repoUrl, "main", sha);
    HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl)).POST(HttpRequest.BodyPublishers.ofString(body))
        .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json").header("X-GitHub-Event", "push")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", "sha256=" + SignedPush.hmac(SECRET, body.getBytes(StandardCharsets.UTF_8))).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** What an environment left under its /tmp, in bytes (files only). */
  private static long bytes(Path tmp) throws IOException {
    try (Stream<Path> files = Files.walk(tmp)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  /** Whether the processes used the archive named in JAVA_TOOL_OPTIONS: the JVM warns in the log when it refuses it. */
  private static String cds(Path envs, Map<String, String> extraEnv) throws IOException {
    if (!extraEnv.getOrDefault("JAVA_TOOL_OPTIONS", "").contains("SharedArchiveFile")) {
      return "jdk-default";
    }
    for (String log : List.of("driftless-webhook-1.log", "driftless-work-1.log")) {
      if (Files.readString(envs.resolve(log)).contains("Unable to use shared archive")) {
        return "archive-refused";
      }
    }
    return "archive-used";
  }
}
