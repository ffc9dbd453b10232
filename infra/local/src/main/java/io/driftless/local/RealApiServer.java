package io.driftless.local;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real control plane on loopback (etcd, kube-apiserver v1.20.2, kube-controller-manager), started and
 * stopped through {@code infra/local/real-apiserver-start.sh} and {@code -stop.sh}. The binaries come from
 * {@code real-apiserver-build.sh}'s cache; {@link #availability()} says why a machine cannot start one.
 */
public final class RealApiServer implements AutoCloseable {
  private static final String START = "real-apiserver-start.sh";
  private static final String STOP = "real-apiserver-stop.sh";
  private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

  private final Path scripts;
  private final Path workdir;
  private final Path kubeconfig;
  private boolean deleteOnClose;

  private RealApiServer(Path scripts, Path workdir, Path kubeconfig) {
    this.scripts = scripts;
    this.workdir = workdir;
    this.kubeconfig = kubeconfig;
  }

  /**
   * Starts a server in a new temporary directory of its own, deleted when it stops: its etcd holds what
   * the cluster holds (Secrets included), so it must not sit inside a directory a test inspects.
   */
  public static RealApiServer startFresh() {
    try {
      RealApiServer server = start(Files.createTempDirectory("driftless-real-apiserver-"));
      server.deleteOnClose = true;
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Empty when a server can be started here; otherwise the one-line reason it cannot. */
  public static Optional<String> availability() {
    if (scripts().isEmpty()) {
      return Optional.of("infra/local/" + START + " not found above " + Path.of("").toAbsolutePath());
    }
    Path bin = binaries();
    for (String binary : List.of("kube-apiserver", "kube-controller-manager")) {
      if (!Files.isExecutable(bin.resolve(binary))) {
        return Optional.of("no " + bin.resolve(binary) + " (build it with infra/local/real-apiserver-build.sh)");
      }
    }
    if (!onPath("etcd")) {
      return Optional.of("no etcd on PATH (infra/local/real-apiserver-build.sh installs etcd-server)");
    }
    return Optional.empty();
  }

  /** Starts a server in {@code workdir} on free loopback ports; blocks until {@code /readyz} answers. */
  public static RealApiServer start(Path workdir) {
    availability().ifPresent(reason -> {
      throw new IllegalStateException("cannot start a real API server: " + reason);
    });
    Path scripts = scripts().orElseThrow();
    int port = freePortBlock(4);
    try {
      Files.createDirectories(workdir);
      Process start = new ProcessBuilder(scripts.resolve(START).toString(), workdir.toString(), Integer.toString(port))
          .redirectErrorStream(true)
          .redirectOutput(workdir.resolve("start.log").toFile())
          .start();
      if (!start.waitFor(3, TimeUnit.MINUTES) || start.exitValue() != 0) {
        start.destroyForcibly();
        String log = Files.readString(workdir.resolve("start.log"), StandardCharsets.UTF_8).strip();
        new RealApiServer(scripts, workdir, null).close();
        throw new IllegalStateException("real API server did not start in " + workdir + ": " + lastLine(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the real API server", e);
    }
    return new RealApiServer(scripts, workdir, workdir.resolve("kubeconfig"));
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The audit log: one JSON line per request the server answered. */
  public Path auditLog() {
    return workdir.resolve("audit.log");
  }

  /** A new client for this server, as a user's kubeconfig would give it. */
  public KubernetesClient client() {
    return client(null);
  }

  /** As {@link #client()}, sending {@code userAgent} (null: fabric8's own), to count its requests in {@link #auditLog()}. */
  public KubernetesClient client(String userAgent) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
      // as fabric8 configures a client from a kubeconfig file: the retry backoff may come from the JVM
      config.setRequestRetryBackoffInterval(Integer.getInteger(Config.KUBERNETES_REQUEST_RETRY_BACKOFFINTERVAL_SYSTEM_PROPERTY,
          config.getRequestRetryBackoffInterval()));
      if (userAgent != null) {
        config.setUserAgent(userAgent);
      }
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      List<String> command = new java.util.ArrayList<>(List.of(scripts.resolve(STOP).toString(), workdir.toString()));
      if (deleteOnClose) {
        command.add("--clean");
      }
      Process stop = new ProcessBuilder(command)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      stop.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Path binaries() {
    String configured = System.getenv("DRIFTLESS_KUBE_BIN");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "driftless-k8s", "v1.20.2-r2");
  }

  /** The directory holding the scripts: {@code infra/local} of the checkout this process runs in. */
  static Optional<Path> scripts() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("infra").resolve("local");
      if (Files.isExecutable(candidate.resolve(START))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first port of {@code count} consecutive free loopback ports, none of them handed out before by this
   * JVM (servers starting at once here must not probe the same ports free).
   */
  private static synchronized int freePortBlock(int count) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int first;
      try (ServerSocket probe = new ServerSocket(0)) {
        first = probe.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (first + count < 65535 && allFree(first, count)
          && java.util.stream.IntStream.range(first, first + count).noneMatch(HANDED_OUT::contains)) {
        java.util.stream.IntStream.range(first, first + count).forEach(HANDED_OUT::add);
        return first;
      }
    }
    throw new IllegalStateException("no block of " + count + " free loopback ports");
  }

  private static boolean allFree(int first, int count) {
    for (int port = first; port < first + count; port++) {
      try (ServerSocket ignored = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        // free
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  private static String lastLine(String log) {
    int newline = log.lastIndexOf('\n');
    return newline < 0 ? log : log.substring(newline + 1);
  }
}
