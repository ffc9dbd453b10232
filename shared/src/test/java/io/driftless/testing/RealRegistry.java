package io.driftless.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A real OCI registry for tests: Debian's {@code docker-registry} (the CNCF distribution registry)
 * started on a free loopback port with its own config and storage, optionally behind htpasswd
 * (bcrypt) basic auth. {@link #start} is empty where the binary is not installed.
 */
public final class RealRegistry implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");
  private final Process process;
  private final int port;

  private RealRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** A running registry in {@code dir}; with a user, every request needs that user's basic auth. */
  public static Optional<RealRegistry> start(Path dir, String user, String password) throws IOException {
    if (!available()) {
      System.err.println("SKIPPED: " + BINARY + " is not installed (apt-get install docker-registry);"
          + " the OCI registry tests do not run");
      return Optional.empty();
    }
    Files.createDirectories(dir);
    int port = freePort();
    StringBuilder config = new StringBuilder("""
        version: 0.1
        log:
          level: error
          accesslog: {disabled: true}
        storage:
          filesystem: {rootdirectory: %s}
        http:
          addr: 127.0.0.1:%d
          secret: driftless-test
        """.formatted(dir.resolve("data"), port));
    if (user != null) {
      byte[] salt = new byte[16];
      new SecureRandom().nextBytes(salt);
      String hash = OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, 5);
      Files.writeString(dir.resolve("htpasswd"), user + ":" + hash + "\n", StandardCharsets.UTF_8);
      config.append("""
          auth:
            htpasswd: {realm: driftless-test, path: %s}
          """.formatted(dir.resolve("htpasswd")));
    }
    Path configFile = dir.resolve("config.yml");
    Files.writeString(configFile, config.toString(), StandardCharsets.UTF_8);
    Process p = new ProcessBuilder(BINARY.toString(), "serve", configFile.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("registry.log").toFile())
        .start();
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy)); // never outlive the test JVM
    RealRegistry registry = new RealRegistry(p, port);
    registry.awaitReady(dir.resolve("registry.log"));
    return Optional.of(registry);
  }

  /** {@code 127.0.0.1:<port>}, the registry's host as an OCI reference names it. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  private void awaitReady(Path log) throws IOException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("docker-registry exited: " + Files.readString(log));
      }
      try {
        HttpResponse<Void> res = client.send(
            HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (res.statusCode() == 200 || res.statusCode() == 401) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // poll interval, with the deadline above
    }
    close();
    throw new IOException("docker-registry did not answer on " + host() + " within 30s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
