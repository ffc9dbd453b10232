package io.driftless.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Every {@code error:} line says what failed and where: never {@code error: null}. */
class ErrorLineTest {

  /** A command that fails the way a bug does: an exception with no message. */
  @Command(name = "check")
  static final class Check implements Callable<Integer> {
    @Parameters(index = "0") String name;

    @Override
    public Integer call() {
      throw new IllegalStateException();
    }
  }

  @Test
  void aCommandFailingWithNoMessageNamesTheCommandTheExceptionAndTheLineOfCode() {
    CliOutput cli = new CliOutput();

    int code = cli.runWith(new Check(), "check", "flux-system");

    assertThat(code).isEqualTo(1);
    assertThat(cli.err().strip()).startsWith("error: driftless check flux-system failed: IllegalStateException at ")
        .contains("ErrorLineTest$Check.call(ErrorLineTest.java:").doesNotContain("null");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void aFailingCommandPrintsItsMessageOnStderr() {
    CliOutput cli = new CliOutput();

    int code = cli.run("completion", "fish");

    assertThat(code).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("error: completion fish: want bash or zsh\n");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void theOutermostMessageNamesWhatFailedAndTheInnermostSaysWhy() {
    Exception wrapped = new IllegalStateException("Kustomization flux-system/apps: cannot read the build",
        new UncheckedIOException(new IOException("disk full")));

    assertThat(ErrorLine.describe(wrapped)).isEqualTo("Kustomization flux-system/apps: cannot read the build: disk full");
  }

  @Test
  void aTypeThatSaysMoreThanItsMessageIsNamedAndAMessageIsSaidOnce() {
    Exception missing = new UncheckedIOException("reading /repo/kustomization.yaml",
        new NoSuchFileException("/repo/kustomization.yaml"));
    Exception repeated = new IllegalArgumentException("cluster ghost is not registered",
        new IllegalArgumentException("cluster ghost is not registered"));

    assertThat(ErrorLine.describe(missing)).isEqualTo("reading /repo/kustomization.yaml: NoSuchFileException");
    assertThat(ErrorLine.describe(new NoSuchFileException("/repo/x.yaml"))).isEqualTo("NoSuchFileException: /repo/x.yaml");
    assertThat(ErrorLine.describe(repeated)).isEqualTo("cluster ghost is not registered");
  }

  @Test
  void aCauseWithNoMessageIsNamedWithWhereItWasThrown() {
    Exception e = new IllegalStateException("HelmRelease/hello/hello: render failed", new UnsupportedOperationException());

    assertThat(ErrorLine.describe(e))
        .startsWith("HelmRelease/hello/hello: render failed: UnsupportedOperationException at io.driftless.cli.ErrorLineTest.");
  }
}
