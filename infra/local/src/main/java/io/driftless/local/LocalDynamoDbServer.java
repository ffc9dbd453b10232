package io.driftless.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;

/**
 * DynamoDB Local served over HTTP from this process, in memory, on a free port of 127.0.0.1, so
 * several processes share one store (the demo runs the functions in a child process against it; the
 * Lambda tests point the function at it as at an AWS endpoint).
 */
public final class LocalDynamoDbServer implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final URI endpoint;

  private LocalDynamoDbServer(DynamoDBProxyServer server, URI endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  public static LocalDynamoDbServer start() {
    try {
      int port;
      try (ServerSocket probe = new ServerSocket(0)) {
        port = probe.getLocalPort();
      }
      DynamoDBProxyServer server = create("-inMemory", "-port", String.valueOf(port), "-disableTelemetry");
      server.start();
      return new LocalDynamoDbServer(server, URI.create("http://127.0.0.1:" + port));
    } catch (Exception e) {
      throw new IllegalStateException("cannot start DynamoDB Local: " + e.getMessage(), e);
    }
  }

  /**
   * DynamoDB Local prints its configuration with {@code System.out} as it is created: that goes to
   * stderr, with the logs, so that a command's stdout (the demo's) holds only what it prints.
   */
  private static synchronized DynamoDBProxyServer create(String... args) throws Exception {
    PrintStream out = System.out;
    System.setOut(System.err);
    try {
      return ServerRunner.createServerFromCommandLineArgs(args);
    } finally {
      System.setOut(out);
    }
  }

  /** Where clients reach it; any credentials and region are accepted. */
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop DynamoDB Local", e);
    }
  }
}
