package io.driftless.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Run the functions over HTTP on localhost (POST /webhook), with the embedded store.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE})") int port;

  @Override
  public Integer call() throws Exception {
    Process p = FunctionsApp.start(port, Engines.environment(), ProcessBuilder.Redirect.INHERIT);
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
    return p.waitFor();
  }

  /** The HTTP packaging of the functions (functions/http), run as a child process. */
  static final class FunctionsApp {
    private FunctionsApp() {}

    static Path jar() {
      Path home = Path.of(System.getProperty("driftless.home", "."));
      Path jar = home.resolve("functions/http/target/quarkus-app/quarkus-run.jar");
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(jar + " is not built: run ./mvnw -DskipTests package (the ./driftless launcher does)");
      }
      return jar;
    }

    static Process start(int port, java.util.Map<String, String> env, ProcessBuilder.Redirect output) throws java.io.IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Dquarkus.http.port=" + port);
      cmd.add("-Dquarkus.http.host=127.0.0.1");
      cmd.add("-jar");
      cmd.add(jar().toString());
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output);
      pb.environment().putAll(env);
      return pb.start();
    }
  }
}
