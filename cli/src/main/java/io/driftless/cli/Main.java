package io.driftless.cli;

import picocli.CommandLine;

/** Entry point of the {@code driftless} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this directly). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new DriftlessCommand());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("error: " + e.getMessage());
      return 1;
    });
    return cli.execute(args);
  }
}
