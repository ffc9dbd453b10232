package io.driftless.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The CLI as a test runs it: what its commands print on stdout and stderr captured through picocli's
 * writers, as a terminal would see them (logs included), with no global stream swapped.
 */
final class CliOutput {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
  private final PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);

  /** Runs the CLI and returns its exit code, adding to what was captured (a watch may be printing meanwhile). */
  int run(String... args) {
    return Main.run(outWriter, errWriter, args);
  }

  /** Runs the CLI with {@code command} added beside the others (a command that fails as a bug would, say). */
  int runWith(Object command, String... args) {
    CommandLine cli = Main.commandLine(outWriter, errWriter).addSubcommand(command);
    return cli.setOut(outWriter).setErr(errWriter).execute(args);
  }

  /** Forgets what was captured so far. */
  void clear() {
    outWriter.flush();
    errWriter.flush();
    out.reset();
    err.reset();
  }

  String out() {
    outWriter.flush();
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    errWriter.flush();
    return err.toString(StandardCharsets.UTF_8);
  }
}
