package io.driftless.pipeline;

import io.driftless.config.DriftlessConfig;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * What {@code driftless serve} runs, cut down for a test to start as a child JVM and kill: the engine
 * over the table the environment names (DynamoDB Local over HTTP), local workers, and the queue
 * watcher that drains at start and on a timer. It runs until killed.
 */
public final class CrashableServe {
  private CrashableServe() {}

  public static void main(String[] args) throws InterruptedException {
    Engine engine = Engine.open(DriftlessConfig.fromEnvironment(System.getenv()), System.getenv(), Optional.empty());
    engine.watchQueue();
    System.out.println("serving");
    new CountDownLatch(1).await();
  }
}
