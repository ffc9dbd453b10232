package io.driftless.cli;

import io.driftless.config.DriftlessConfig;
import io.driftless.config.DriftlessConfig.Key;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", description = "Run the functions over HTTP on localhost (POST /webhook) and the web UI at /,"
    + " with the embedded store; the UI's writes need DRIFTLESS_UI_TOKEN, the function routes DRIFTLESS_API_TOKEN"
    + " (generated into the data dir's api-token when unset).")
final class ServeCommand implements Callable<Integer> {
  /** Where {@code serve} keeps the function routes' token it generated, in the data dir. */
  static final String API_TOKEN_FILE = "api-token";

  @Spec CommandSpec spec;
  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE})") int port;

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = new HashMap<>(Engines.environment());
    if (env.getOrDefault(Key.API_TOKEN.env(), "").isBlank()) {
      Path file = DriftlessConfig.fromEnvironment(env).dataDir().resolve(API_TOKEN_FILE);
      env.put(Key.API_TOKEN.env(), tokenIn(file));
      System.out.println("POST /reconcile, /schedule, /tick and /work need the bearer token in " + file);
    }
    Process p = FunctionsApp.start(port, env, ProcessBuilder.Redirect.INHERIT);
    boolean readOnly = env.getOrDefault("DRIFTLESS_UI_TOKEN", "").isBlank();
    spec.commandLine().getOut().println("web UI: http://127.0.0.1:" + port + "/ " + (readOnly
        ? "(read-only: set DRIFTLESS_UI_TOKEN to allow reconcile, suspend and resume)"
        : "(reconcile, suspend and resume need the token in DRIFTLESS_UI_TOKEN)"));
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
    return p.waitFor();
  }

  /** A random token: 32 bytes from a strong source, as 64 hex digits. */
  static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The token kept in {@code file}, made (readable by its owner only) on first use. */
  static String tokenIn(Path file) throws IOException {
    if (Files.isRegularFile(file) && !Files.readString(file).isBlank()) {
      return Files.readString(file).strip();
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    String token = newToken();
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
    }
    Files.writeString(file, token + "\n");
    return token;
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
