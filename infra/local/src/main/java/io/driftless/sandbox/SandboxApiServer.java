package io.driftless.sandbox;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-process stand-in for a Kubernetes API server, on fabric8's mock web server: discovery,
 * CRUD, label selectors, server-side apply with managedFields and dry-run, and simulated controllers
 * that make workloads ready. It is a sandbox, not a cluster: nothing runs, and state lives in memory.
 */
public final class SandboxApiServer implements AutoCloseable {
  /** Printed by the CLI so that nobody mistakes the sandbox for a real cluster. */
  public static final String BANNER =
      "SANDBOX: this is driftless's in-process stand-in for a Kubernetes API server, not a real cluster."
          + " Objects are stored in memory only; no pods run and status is simulated.";

  private static final Logger MOCK_LOG = Logger.getLogger(MockWebServer.class.getName());

  private final MockWebServer server;
  private final List<KubernetesClient> clients = new ArrayList<>();

  private final Watches watches;
  private final SandboxDispatcher dispatcher;

  private SandboxApiServer(MockWebServer server, Watches watches, SandboxDispatcher dispatcher) {
    this.server = server;
    this.watches = watches;
    this.dispatcher = dispatcher;
  }

  /** Starts on 127.0.0.1:{@code port} (0 picks a free port) with the simulated controllers on. */
  public static SandboxApiServer start(int port) {
    return start(port, true);
  }

  /** As {@link #start(int)}; {@code workloadControllers=false} leaves workload status empty. */
  public static SandboxApiServer start(int port, boolean workloadControllers) {
    MOCK_LOG.setLevel(Level.WARNING);
    MockWebServer server = new MockWebServer();
    try {
      server.start(InetAddress.getByName("127.0.0.1"), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    ApiResources resources = new ApiResources();
    Watches watches = new Watches();
    ResourceApi api = new ResourceApi(resources, new ResourceStore(watches), workloadControllers);
    api.seedNamespaces("default", "kube-system", "kube-public", "kube-node-lease");
    Discovery discovery = new Discovery(resources, "127.0.0.1:" + server.getPort());
    SandboxDispatcher dispatcher = new SandboxDispatcher(resources, discovery, api, watches);
    server.setDispatcher(dispatcher);
    return new SandboxApiServer(server, watches, dispatcher);
  }

  public String banner() {
    return BANNER + " Listening on " + url() + ".";
  }

  /** The base URL, {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** Writes a kubeconfig whose context, cluster and user are all named {@code driftless-sandbox}. */
  public Path writeKubeconfig(Path file) {
    String name = "driftless-sandbox";
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        users:
        - name: %1$s
          user:
            token: sandbox
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: default
        current-context: %1$s
        """.formatted(name, url());
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      return Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write sandbox kubeconfig " + file, e);
    }
  }

  /**
   * The requests answered so far (the last 100,000), oldest first, as an audit log at the Metadata level
   * would list them: count a client's requests by its user agent.
   */
  public List<ApiCall> calls() {
    return dispatcher.calls();
  }

  /** A new fabric8 client pointed at the sandbox; closed with the server. */
  public synchronized KubernetesClient client() {
    return client(null);
  }

  /** As {@link #client()}, sending {@code userAgent} (null: fabric8's own) so its requests can be counted. */
  public synchronized KubernetesClient client(String userAgent) {
    ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(url()).withNamespace("default")
        .withRequestRetryBackoffLimit(0);
    Config config = (userAgent == null ? builder : builder.withUserAgent(userAgent)).build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    clients.add(client);
    return client;
  }

  @Override
  public synchronized void close() {
    clients.forEach(KubernetesClient::close);
    clients.clear();
    watches.closeAll();
    server.shutdown();
  }
}
