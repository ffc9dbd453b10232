package io.driftless.cli;

import picocli.CommandLine.Command;

/** {@code driftless version}, like {@code flux version --client}: this build's version and the Java it runs on. */
@Command(name = "version", description = "Print the version, like `flux version`.")
final class VersionCommand implements Runnable {
  static final String VERSION = "0.1.0";

  @Override
  public void run() {
    System.out.println("driftless: v" + VERSION);
    System.out.println("java: " + System.getProperty("java.version"));
  }
}
