package io.driftless.awslocal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * One Lambda function's execution environments, each a separate JVM started from the unpacked
 * function.zip with AWS's own Java runtime client ({@code aws-lambda-java-runtime-interface-client},
 * what Lambda's java21 runtime runs), talking to its own {@link RuntimeApi} endpoint. An invocation
 * takes an idle environment or starts a new one (a cold start); one environment runs one invocation at
 * a time, as on Lambda. An invocation past the function's timeout ends its environment, as Lambda does
 * ("Task timed out"); a process that dies ends its invocation as an error (Runtime.ExitError).
 */
final class FunctionPool implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(FunctionPool.class.getName());
  private static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  /**
   * How long a new environment may take to start before its first event is taken. Lambda gives the
   * init phase 10 s and then retries it within the invocation; a loaded machine starting several JVMs
   * at once needs more, and a start is not what the path measures.
   */
  private static final Duration INIT_LIMIT = Duration.ofMinutes(2);
  private static final String RUNTIME_LIBRARY = "/jni/libaws-lambda-jni.linux-x86_64.so"; // function.zip is x86_64 only
  private static final String RUNTIME_LIBRARY_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
  private static final String HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";

  /** An execution environment: the function's process and its runtime endpoint. */
  record Environment(int number, Process process, RuntimeApi api) {
    long pid() {
      return process.pid();
    }
  }

  private final String name;
  private final Path task;
  private final List<Path> runtimeJars;
  private final Map<String, String> env;
  private final Duration timeout;
  private final Path dir;
  private final Deque<Environment> idle = new ArrayDeque<>();
  /** The environments running an invocation, with what each runs (the caller's label). */
  private final Map<Environment, String> busy = new LinkedHashMap<>();
  private final AtomicInteger started = new AtomicInteger();

  /**
   * @param task the unpacked function.zip (Lambda's {@code /var/task})
   * @param runtimeJars the runtime client and what it needs, put after the task on the class path
   * @param env the function's environment variables
   */
  FunctionPool(String name, Path task, List<Path> runtimeJars, Map<String, String> env, Duration timeout, Path dir) {
    this.name = name;
    this.task = task;
    this.runtimeJars = runtimeJars;
    this.env = env;
    this.timeout = timeout;
    this.dir = dir;
  }

  String name() {
    return name;
  }

  /** Runs one invocation of {@code event} to its end in an environment of its own; {@code label} says what it runs. */
  RuntimeApi.Outcome invoke(String event, String label) {
    Environment e = take(label);
    RuntimeApi.Outcome outcome;
    try {
      RuntimeApi.Started started = e.api().invoke(event, timeout);
      started.handedOut().get(INIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS); // the environment's start, then the invocation
      outcome = started.outcome().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException late) {
      end(e);
      return new RuntimeApi.Outcome(true, "{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"Task timed out after "
          + timeout.toSeconds() + " seconds\"}");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      end(e);
      return new RuntimeApi.Outcome(true, "{\"errorType\":\"Interrupted\",\"errorMessage\":\"the path is stopping\"}");
    } catch (ExecutionException impossible) {
      throw new IllegalStateException(impossible.getCause());
    }
    synchronized (this) {
      busy.remove(e);
      if (e.process().isAlive()) {
        idle.push(e);
      } else {
        e.api().close();
      }
    }
    return outcome;
  }

  /** The processes running an invocation now, each with its invocation's label. */
  synchronized Map<Long, String> busy() {
    Map<Long, String> out = new LinkedHashMap<>();
    busy.forEach((e, label) -> out.put(e.pid(), label));
    return out;
  }

  /** How many environments were started so far (cold starts). */
  int coldStarts() {
    return started.get();
  }

  private synchronized Environment take(String label) {
    while (!idle.isEmpty()) {
      Environment e = idle.pop();
      if (e.process().isAlive()) {
        busy.put(e, label);
        return e;
      }
      e.api().close();
    }
    Environment e = start();
    busy.put(e, label);
    return e;
  }

  private Environment start() {
    int number = started.incrementAndGet();
    String arn = "arn:aws:lambda:" + env.getOrDefault("AWS_REGION", "us-east-1") + ":000000000000:function:" + name;
    RuntimeApi api = new RuntimeApi(arn);
    try {
      Path tmp = Files.createDirectories(dir.resolve(name + "-" + number).resolve("tmp"));
      Path log = dir.resolve(name + "-" + number + ".log");
      Path jni = runtimeLibrary(tmp);
      List<String> classPath = new ArrayList<>();
      classPath.add(task.toString());
      classPath.add(task.resolve("lib").resolve("*").toString());
      runtimeJars.forEach(j -> classPath.add(j.toString()));
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
          "-XX:MaxRAM=" + env.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024") + "m",
          "-Djava.io.tmpdir=" + tmp, "-D" + RUNTIME_LIBRARY_PROPERTY + "=" + jni, "-cp", String.join(java.io.File.pathSeparator, classPath), RUNTIME_CLIENT, HANDLER);
      Map<String, String> processEnv = pb.environment();
      processEnv.clear();
      processEnv.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      processEnv.putAll(env);
      processEnv.put("AWS_LAMBDA_RUNTIME_API", api.address());
      processEnv.put("AWS_LAMBDA_FUNCTION_NAME", name);
      processEnv.put("_HANDLER", HANDLER);
      processEnv.put("LAMBDA_TASK_ROOT", task.toString());
      processEnv.put("HELM_CACHE_HOME", tmp.resolve("helm/cache").toString());
      processEnv.put("HELM_CONFIG_HOME", tmp.resolve("helm/config").toString());
      processEnv.put("HELM_DATA_HOME", tmp.resolve("helm/data").toString());
      pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Process process = pb.start();
      process.onExit().thenAccept(p -> api.processExited(p.exitValue()));
      LOG.info(name + ": execution environment " + number + " started (pid " + process.pid() + ", log " + log + ")");
      return new Environment(number, process, api);
    } catch (IOException e) {
      api.close();
      throw new IllegalStateException(name + ": cannot start an execution environment: " + e.getMessage(), e);
    }
  }

  /**
   * The runtime client's native library, copied into the environment's own /tmp. Left to itself the
   * client unpacks it to the fixed path /tmp/.libaws-lambda-jni.so, which is its own on Lambda (each
   * environment has its /tmp) but shared here, where a process unpacking it over another's mapped copy
   * kills that one (SIGBUS); the client's documented property names the copy to load instead.
   */
  private static Path runtimeLibrary(Path tmp) throws IOException {
    Path jni = tmp.resolve(".libaws-lambda-jni.so");
    try (InputStream in = FunctionPool.class.getResourceAsStream(RUNTIME_LIBRARY)) {
      if (in == null) {
        throw new IllegalStateException("the Lambda runtime client's " + RUNTIME_LIBRARY + " is not on the class path");
      }
      Files.copy(in, jni, StandardCopyOption.REPLACE_EXISTING);
    }
    return jni;
  }

  private void end(Environment e) {
    e.process().destroyForcibly();
    synchronized (this) {
      busy.remove(e);
    }
    e.api().close();
  }

  @Override
  public synchronized void close() {
    List<Environment> all = new ArrayList<>(idle);
    all.addAll(busy.keySet());
    for (Environment e : all) {
      e.process().destroyForcibly();
      e.api().close();
    }
    idle.clear();
    busy.clear();
  }
}
