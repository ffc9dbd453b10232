package io.driftless.functions;

import io.driftless.config.DriftlessConfig;
import io.driftless.local.LocalDynamoDbServer;
import io.driftless.pipeline.Engine;
import io.driftless.record.ClusterRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.record.dynamo.DynamoStores;
import io.driftless.sandbox.SandboxApiServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.URIish;

/**
 * A fleet a function can really reconcile: a Git repository whose {@code clusters/prod} holds one
 * ConfigMap, the sandbox API server registered as cluster {@code prod}, and root {@code fleet}
 * bootstrapped on it in a fresh table (DynamoDB Local over HTTP, as a Lambda reaches DynamoDB) the app then opens. With the init argument
 * {@code queued=true} a request for root {@code fleet} is queued too, as a push webhook leaves it
 * (events/dynamodb-stream.json is the stream record of such a request).
 */
public class ClusterFleet implements QuarkusTestResourceLifecycleManager {
  public static final String CONFIG_MAP = "fleet-marker";
  public static final String TABLE = "driftless-cluster-fleet";
  public static SandboxApiServer sandbox;
  private LocalDynamoDbServer dynamo;
  private boolean queued;

  @Override
  public void init(Map<String, String> initArgs) {
    queued = Boolean.parseBoolean(initArgs.getOrDefault("queued", "false"));
  }

  @Override
  public Map<String, String> start() {
    try {
      Path dir = Files.createTempDirectory("driftless-cluster-fleet");
      String url = repository(dir);
      sandbox = SandboxApiServer.start(0);
      dynamo = LocalDynamoDbServer.start();
      DriftlessConfig config = DriftlessConfig.defaults().withCacheDir(dir.resolve("cache"))
          .withDispatch(DriftlessConfig.Dispatch.STREAM);
      try (Engine engine = Engine.create(config, DynamoStores.endpoint(TABLE, dynamo.endpoint()), Map.of())) {
        engine.registerCluster(new ClusterRecord("prod", sandbox.writeKubeconfig(dir.resolve("kubeconfig")).toString(), null, null));
        engine.bootstrap(new RootRecord("fleet", url, "main", "clusters/prod", "prod", null, null));
        if (queued) {
          StateStore store = engine.store();
          store.enqueue(new ReconcileRequest("github:5a7d1a40-c7f6-11f0-8d3e-1f2a3b4c5d6e:root:fleet", ReconcileRequest.KIND_ROOT, "fleet", "prod", "push", "2026-11-22T19:30:00Z"));
        }
      }
      return Map.of("driftless.table", TABLE, "driftless.dynamodb-endpoint", dynamo.endpoint().toString(),
          "driftless.cache-dir", dir.resolve("cache").toString());
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up the cluster fleet", e);
    }
  }

  private static String repository(Path dir) throws Exception {
    Path bare = dir.resolve("fleet.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    try (Git work = Git.init().setDirectory(dir.resolve("work").toFile()).setInitialBranch("main").call()) {
      work.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
      Path file = dir.resolve("work/clusters/prod/marker.yaml");
      Files.createDirectories(file.getParent());
      Files.writeString(file, """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: %s
            namespace: default
          data:
            reconciled: "yes"
          """.formatted(CONFIG_MAP));
      work.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("Fleet", "fleet@driftless.invalid");
      work.commit().setMessage("one ConfigMap").setAuthor(who).setCommitter(who).call();
      work.push().setRemote("origin").add("main").call();
    }
    return bare.toUri().toString();
  }

  @Override
  public void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
    if (dynamo != null) {
      dynamo.close();
    }
  }
}
