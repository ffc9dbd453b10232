package io.driftless.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Entry point of the {@code driftless} command. Every command prints through picocli's writers: stdout
 * holds what the command is for, stderr its errors and the logs ({@link CliLogging}).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line on this process's stdout and stderr and returns the exit code. */
  public static int run(String... args) {
    return run(writer(System.out), writer(System.err), args);
  }

  /** Runs the command line printing to {@code out} and {@code err} (tests capture them here). */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    try {
      return commandLine(out, err).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * The {@code driftless} command line on these writers: before the command runs, the logs are set up
   * ({@code -v}); a command that throws prints one {@code error:} line ({@link ErrorLine}) and exits 1.
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new DriftlessCommand()).setOut(out).setErr(err);
    cli.setExecutionStrategy(parsed -> {
      CliLogging.configure(DriftlessCommand.verbosity(parsed), err);
      return new CommandLine.RunLast().execute(parsed);
    });
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println(ErrorLine.of(e, cmd));
      return 1;
    });
    return cli;
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }
}
