package io.driftless.cli;

import io.driftless.pipeline.Engine;
import io.driftless.record.ClusterRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "cluster", description = "Register the clusters Driftless applies to.",
    subcommands = {ClusterCommand.Add.class, ClusterCommand.List.class})
final class ClusterCommand {

  @Command(name = "add", description = "Register a cluster by reference to its kubeconfig (never a copy of it).")
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "Cluster name") String name;
    @Option(names = "--kubeconfig", description = "Path to the kubeconfig file") Path kubeconfig;
    @Option(names = "--kubeconfig-secret-arn", description = "Secrets Manager ARN holding the kubeconfig (on AWS)") String secretArn;
    @Option(names = "--context", description = "Context in the kubeconfig (default: its current context)") String context;

    @Override
    public Integer call() {
      if ((kubeconfig == null) == (secretArn == null)) {
        throw new IllegalArgumentException("give exactly one of --kubeconfig FILE or --kubeconfig-secret-arn ARN");
      }
      if (kubeconfig != null && !Files.isRegularFile(kubeconfig)) {
        throw new IllegalArgumentException("--kubeconfig " + kubeconfig + ": file not found");
      }
      String path = kubeconfig == null ? null : kubeconfig.toAbsolutePath().toString();
      try (Engine engine = Engines.open()) {
        engine.registerCluster(new ClusterRecord(name, path, context, secretArn));
      }
      spec.commandLine().getOut().println("✔ cluster " + name + " registered (" + (path != null ? "kubeconfig " + path : secretArn) + ")");
      return 0;
    }
  }

  @Command(name = "list", description = "List registered clusters.")
  static final class List implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Override
    public Integer call() {
      try (Engine engine = Engines.open()) {
        Table table = new Table("NAME", "KUBECONFIG", "CONTEXT");
        engine.fleet().listClusters().forEach(c ->
            table.row(c.name(), c.kubeconfigPath() == null ? c.secretArn() : c.kubeconfigPath(),
                c.context() == null ? "" : c.context()));
        spec.commandLine().getOut().print(table.render());
      }
      return 0;
    }
  }
}
