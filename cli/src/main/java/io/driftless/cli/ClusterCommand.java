package io.driftless.cli;

import io.driftless.pipeline.Engine;
import io.driftless.record.ClusterRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cluster", description = "Register the clusters Driftless applies to.",
    subcommands = {ClusterCommand.Add.class, ClusterCommand.List.class})
final class ClusterCommand {

  @Command(name = "add", description = "Register a cluster by reference to its kubeconfig (never a copy of it).")
  static final class Add implements Callable<Integer> {
    @Parameters(index = "0", description = "Cluster name") String name;
    @Option(names = "--kubeconfig", required = true, description = "Path to the kubeconfig file") Path kubeconfig;
    @Option(names = "--context", description = "Context in the kubeconfig (default: its current context)") String context;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(kubeconfig)) {
        throw new IllegalArgumentException("--kubeconfig " + kubeconfig + ": file not found");
      }
      try (Engine engine = Engines.open()) {
        engine.registerCluster(new ClusterRecord(name, kubeconfig.toAbsolutePath().toString(), context, null));
      }
      System.out.println("✔ cluster " + name + " registered (kubeconfig " + kubeconfig.toAbsolutePath() + ")");
      return 0;
    }
  }

  @Command(name = "list", description = "List registered clusters.")
  static final class List implements Callable<Integer> {
    @Override
    public Integer call() {
      try (Engine engine = Engines.open()) {
        Table table = new Table("NAME", "KUBECONFIG", "CONTEXT");
        engine.store().listClusters().forEach(c ->
            table.row(c.name(), c.kubeconfigPath() == null ? c.secretArn() : c.kubeconfigPath(),
                c.context() == null ? "" : c.context()));
        System.out.print(table.render());
      }
      return 0;
    }
  }
}
