package io.driftless.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code driftless get sources git|helm|oci|chart|all}: the sources Driftless fetches, like {@code flux get sources}. */
@Command(name = "sources", aliases = {"source"}, description = "List sources with their status, like `flux get sources`.",
    subcommands = {GetSourcesCommand.Git.class, GetSourcesCommand.Helm.class, GetSourcesCommand.Oci.class,
        GetSourcesCommand.Chart.class, GetSourcesCommand.All.class})
final class GetSourcesCommand {

  @Command(name = "git", description = "GitRepositories: each root's own and those found in Git.")
  static final class Git extends GetCommand.ListCommand {
    Git() {
      super(Listing.list(Listing.GIT_REPOSITORY));
    }
  }

  @Command(name = "helm", description = "HelmRepositories, with the index revision of their last fetch.")
  static final class Helm extends GetCommand.ListCommand {
    Helm() {
      super(Listing.list(Listing.HELM_REPOSITORY));
    }
  }

  @Command(name = "oci", description = "OCIRepositories, with the artifact revision of their last fetch.")
  static final class Oci extends GetCommand.ListCommand {
    Oci() {
      super(Listing.list(Listing.OCI_REPOSITORY));
    }
  }

  @Command(name = "chart", description = "HelmCharts: one per HelmRelease with spec.chart, as helm-controller makes them.")
  static final class Chart extends GetCommand.ListCommand {
    Chart() {
      super(Listing.list(Listing.HELM_CHART));
    }
  }

  @Command(name = "all", description = "Every kind of source, like `flux get sources all`.")
  static final class All extends GetCommand.ListCommand {
    All() {
      super(Listing.SOURCES);
    }
  }
}
