package io.driftless.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code driftless version}, like {@code flux version --client}: this build's version and the Java it runs on. */
@Command(name = "version", description = "Print the version, like `flux version`.")
final class VersionCommand implements Runnable {
  static final String VERSION = "0.1.0";
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().getOut().println("driftless: v" + VERSION);
    spec.commandLine().getOut().println("java: " + System.getProperty("java.version"));
  }
}
