package io.driftless.functions.http;

import io.driftless.local.LocalChartRepository;
import io.driftless.record.ClusterRecord;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.config.DriftlessConfig;
import io.driftless.local.LocalDynamoDb;
import io.driftless.record.dynamo.DynamoStateStore;
import io.driftless.record.dynamo.DynamoStores;
import io.driftless.sandbox.SandboxApiServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.URIish;

/**
 * The real parts behind an end-to-end run through the HTTP function: a bare Git repository holding
 * examples/ (Flux layout), the sandbox API server registered as cluster "demo", and root "demo"
 * bootstrapped in the embedded store the app then opens.
 */
public class SandboxFleet implements QuarkusTestResourceLifecycleManager {
  static final String SECRET = "e2e-webhook-secret";
  static SandboxApiServer sandbox;
  static LocalChartRepository charts;
  static Git work;
  static String url;

  @Override
  public Map<String, String> start() {
    try {
      Path dir = Files.createTempDirectory("driftless-e2e");
      Path bare = dir.resolve("demo.git");
      Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
      work = Git.init().setDirectory(dir.resolve("work").toFile()).setInitialBranch("main").call();
      work.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
      url = bare.toUri().toString();
      copy(Path.of("../../examples"), dir.resolve("work"));
      charts = LocalChartRepository.forExamples(Path.of("../../examples"), dir.resolve("work"));
      sandbox = SandboxApiServer.start(0);
      Path kubeconfig = sandbox.writeKubeconfig(dir.resolve("kubeconfig"));
      Path secret = Files.writeString(dir.resolve("webhook-secret"), SECRET);
      Path data = dir.resolve("data");
      try (StateStore store = embedded(data)) {
        store.putCluster(new ClusterRecord("demo", kubeconfig.toString(), null, null));
      }
      try (var engine = io.driftless.pipeline.Engine.create(
          DriftlessConfig.defaults().withCacheDir(dir.resolve("cache")).withDispatch(DriftlessConfig.Dispatch.STREAM),
          embedded(data), Map.of())) {
        engine.bootstrap(new RootRecord("demo", url, "main", "clusters/demo", "demo", secret.toString(), null));
      }
      return Map.of("driftless.data-dir", data.toString(), "driftless.cache-dir", dir.resolve("cache").toString());
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up the end-to-end fleet", e);
    }
  }

  private static DynamoStateStore embedded(Path data) {
    LocalDynamoDb db = LocalDynamoDb.inDirectory(data);
    return DynamoStores.embedded(db.client(), db);
  }

  static String commit(String message) throws Exception {
    work.add().addFilepattern(".").call();
    work.add().addFilepattern(".").setUpdate(true).call();
    PersonIdent who = new PersonIdent("E2E", "e2e@driftless.invalid");
    String id = work.commit().setMessage(message).setAuthor(who).setCommitter(who).call().getName();
    work.push().setRemote("origin").add("main").call();
    return id;
  }

  static Path workTree() {
    return work.getRepository().getWorkTree().toPath();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Override
  public void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
    if (work != null) {
      work.close();
    }
    if (charts != null) {
      charts.close();
    }
  }

}
