package io.driftless.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", description = "Run the functions over HTTP on localhost (POST /webhook) and the web UI at /,"
    + " with the embedded store; the UI's writes need DRIFTLESS_UI_TOKEN.")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE})") int port;

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = Engines.environment();
    Process p = FunctionsApp.start(port, env, ProcessBuilder.Redirect.INHERIT);
    boolean readOnly = env.getOrDefault("DRIFTLESS_UI_TOKEN", "").isBlank();
    spec.commandLine().getOut().println("web UI: http://127.0.0.1:" + port + "/ " + (readOnly
        ? "(read-only: set DRIFTLESS_UI_TOKEN to allow reconcile, suspend and resume)"
        : "(reconcile, suspend and resume need the token in DRIFTLESS_UI_TOKEN)"));
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
      cmd.add("-Dquarkus.log.console.stderr=true"); // its logs on stderr: stdout is what the command prints
      cmd.add("-jar");
      cmd.add(jar().toString());
      ProcessBuilder pb = new ProcessBuilder(cmd);
      if (output == ProcessBuilder.Redirect.INHERIT) {
        pb.inheritIO();
      } else {
        pb.redirectErrorStream(true).redirectOutput(output);
      }
      pb.environment().putAll(env);
      return pb.start();
    }
  }
}
