package io.driftless.cli;

import io.driftless.model.ObjectId;
import io.driftless.pipeline.Engine;
import io.driftless.view.FluxObjectDocuments;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftless export ks|hr|source git|helm|oci NAME|--all}, like {@code flux export}: the Flux
 * objects' YAML as recorded from Git, without status ({@code spec.suspend: true} while suspended),
 * each document after a {@code ---} line, for backup or migration.
 */
@Command(name = "export", description = "Print Flux objects as YAML without status, like `flux export`.",
    subcommands = {ExportCommand.Ks.class, ExportCommand.Hr.class, ExportCommand.Source.class})
final class ExportCommand {

  abstract static class Export implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", arity = "0..1", description = "Name of the object") String name;
    @picocli.CommandLine.Option(names = "--all", description = "Every object of the kind in the namespace (-A: all)")
    boolean all;
    @Mixin Scope scope;
    private final Listing listing;

    Export(Listing listing) {
      this.listing = listing;
    }

    @Override
    public Integer call() {
      if ((name == null) == !all) {
        throw new IllegalArgumentException("give a name or --all");
      }
      List<StatusTable.Row> rows;
      try (Engine engine = Engines.open()) {
        rows = listing.rows(engine.fleet(), scope).stream()
            .filter(r -> name == null || r.name().equals(name)).sorted(StatusTable.ORDER).toList();
      }
      if (rows.isEmpty()) {
        throw new IllegalArgumentException(name == null ? scope.nothingFound(listing.kind).substring(2)
            : ObjectId.subject(listing.kind, scope.namespace, name) + " not found");
      }
      StringBuilder out = new StringBuilder();
      rows.stream().map(r -> FluxObjectDocuments.exported(r.document())).distinct()
          .forEach(doc -> out.append("---\n").append(FluxObjectDocuments.yaml(doc)));
      spec.commandLine().getOut().print(out);
      return 0;
    }
  }

  @Command(name = "kustomization", aliases = {"ks"}, description = "Export Kustomizations.")
  static final class Ks extends Export {
    Ks() {
      super(Listing.KUSTOMIZATION);
    }
  }

  @Command(name = "helmrelease", aliases = {"hr"}, description = "Export HelmReleases.")
  static final class Hr extends Export {
    Hr() {
      super(Listing.HELM_RELEASE);
    }
  }

  @Command(name = "source", aliases = {"sources"}, description = "Export sources.",
      subcommands = {Git.class, Helm.class, Oci.class})
  static final class Source {}

  @Command(name = "git", description = "Export GitRepositories.")
  static final class Git extends Export {
    Git() {
      super(Listing.GIT_REPOSITORY);
    }
  }

  @Command(name = "helm", description = "Export HelmRepositories.")
  static final class Helm extends Export {
    Helm() {
      super(Listing.HELM_REPOSITORY);
    }
  }

  @Command(name = "oci", description = "Export OCIRepositories.")
  static final class Oci extends Export {
    Oci() {
      super(Listing.OCI_REPOSITORY);
    }
  }
}
