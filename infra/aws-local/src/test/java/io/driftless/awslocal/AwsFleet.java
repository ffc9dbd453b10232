package io.driftless.awslocal;

import static io.driftless.testing.FluxLayout.configMap;
import static io.driftless.testing.FluxLayout.kustomization;

import io.driftless.config.DriftlessConfig;
import io.driftless.pipeline.Engine;
import io.driftless.record.ClusterRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.record.dynamo.DynamoStores;
import io.driftless.testing.GitRemote;
import io.driftless.testing.SignedPush;
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
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * A fleet on the AWS path: a Git repository of {@code n} Kustomizations (one ConfigMap each) under
 * clusters/demo, the real API server, the path started from function.zip, the cluster and root
 * registered in its table as {@code driftless cluster add} and {@code bootstrap} would, and pushes
 * sent to the webhook's URL signed as GitHub signs them.
 */
final class AwsFleet implements AutoCloseable {
  static final String SECRET = "aws-path-test-secret";
  final GitRemote remote;
  final TestCluster.Running cluster;
  final AwsPath path;
  final StateStore store;

  AwsFleet(Path dir, int workConcurrency, Duration visibilityTimeout) throws IOException {
    remote = GitRemote.create(dir.resolve("repo"), "main");
    cluster = TestCluster.REAL.start(dir, false);
    Path secret = Files.writeString(dir.resolve("webhook-secret"), SECRET, StandardCharsets.UTF_8);
    path = AwsPath.start(new AwsPath.Options(Path.of(System.getProperty("driftless.function-zip")),
        Path.of("../../template.yaml"), dir.resolve("aws-path"), 0, workConcurrency, visibilityTimeout, Map.of()));
    store = DynamoStores.endpoint(AwsPath.TABLE, path.dynamoDbEndpoint());
    try (Engine engine = Engine.create(DriftlessConfig.defaults().withDispatch(DriftlessConfig.Dispatch.STREAM)
        .withCacheDir(dir.resolve("cache")), DynamoStores.endpoint(AwsPath.TABLE, path.dynamoDbEndpoint()), Map.of())) {
      engine.registerCluster(new ClusterRecord("demo", cluster.kubeconfig().toString(), null, null));
      engine.bootstrap(new RootRecord("demo", remote.url(), "main", "clusters/demo", "demo", secret.toString(), null));
    }
  }

  /** Writes {@code n} Kustomizations, app-0 … app-(n-1), each with ConfigMap app-i at {@code value}. */
  AwsFleet write(int n, String value) {
    for (int i = 0; i < n; i++) {
      remote.write("clusters/demo/app-" + i + ".yaml", kustomization("app-" + i, "apps/" + i, ""));
      remote.write("apps/" + i + "/cm.yaml", configMap("default", "app-" + i, value));
    }
    return this;
  }

  /** Sends a signed push of {@code sha} to the webhook's Function URL; its HTTP status. */
  int push(String sha) throws IOException, InterruptedException {
    String body = SignedPush.body(remote.url(), "main", sha);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.webhookUrl()))
        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", "sha256=" + SignedPush.hmac(SECRET, body.getBytes(StandardCharsets.UTF_8)));
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** The {@code [cost]} lines the work processes logged: what each invocation cost the table. */
  List<String> costs() throws IOException {
    List<String> lines = new java.util.ArrayList<>();
    for (Path log : path.workLogs()) {
      Files.readAllLines(log).stream().filter(l -> l.contains("[cost]")).forEach(lines::add);
    }
    return lines;
  }

  /** Whether every Kustomization of the tree has its status at {@code sha}, Ready or not. */
  boolean attempted(String sha, int kustomizations) {
    List<KustomizationRecord> all = store.listKustomizations();
    return all.size() == kustomizations + 1 && all.stream().allMatch(k -> k.status() != null
        && String.valueOf(k.status().getLastAttemptedRevision()).endsWith(sha));
  }

  /** Waits for {@code condition}, checking twice a second, at most {@code within}; whether it held. */
  static boolean await(BooleanSupplier condition, Duration within) throws InterruptedException {
    Instant end = Instant.now().plus(within);
    while (Instant.now().isBefore(end)) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(500);
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() {
    store.close();
    path.close();
    cluster.close();
    remote.close();
  }
}
