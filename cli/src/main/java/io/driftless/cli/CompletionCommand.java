package io.driftless.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code driftless completion bash|zsh}: the shell completion script for every command and option,
 * from picocli (zsh loads it through {@code bashcompinit}). Use {@code source <(driftless completion bash)}.
 */
@Command(name = "completion", description = "Print the shell completion script: source <(driftless completion bash).")
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Parameters(index = "0", description = "bash or zsh") String shell;

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new IllegalArgumentException("completion " + shell + ": want bash or zsh");
    }
    String script = AutoComplete.bash("driftless", new CommandLine(new DriftlessCommand()));
    spec.commandLine().getOut().print(shell.equals("zsh") ? "autoload -U +X bashcompinit && bashcompinit\n" + script : script);
    return 0;
  }
}
