package io.driftless.cli;

import io.driftless.model.Condition;
import io.driftless.model.FluxObjects;
import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import io.driftless.model.KustomizationStatus;
import io.driftless.pipeline.Engine;
import io.driftless.model.helm.HelmRelease;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "get", description = "Show Driftless's objects.",
    subcommands = {GetCommand.Kustomizations.class, GetCommand.HelmReleases.class, GetSourcesCommand.class})
final class GetCommand {

  @Command(name = "helmreleases", aliases = {"hr", "helmrelease"},
      description = "List HelmReleases with their status, like `flux get hr`.")
  static final class HelmReleases implements Callable<Integer> {
    @Mixin Scope scope;

    @Override
    public Integer call() {
      try (Engine engine = Engines.open()) {
        print(render(engine.store().listHelmObjects(), scope), scope, HelmRelease.KIND);
      }
      return 0;
    }

    static String render(List<HelmRecord> records, Scope scope) {
      List<StatusTable.Row> rows = HelmRows.releases(records, scope);
      return rows.isEmpty() ? "" : StatusTable.render(rows, scope);
    }
  }

  /** Prints a listing, or flux's line on stderr when it is empty. */
  static void print(String listing, Scope scope, String kind) {
    if (listing.isEmpty()) {
      System.err.println(scope.nothingFound(kind));
    } else {
      System.out.print(listing);
    }
  }

  @Command(name = "kustomizations", aliases = {"ks", "kustomization"},
      description = "List Kustomizations with their status, like `flux get ks`.")
  static final class Kustomizations implements Callable<Integer> {
    @Option(names = "--cluster", description = "Only this cluster") String cluster;

    @Override
    public Integer call() {
      try (Engine engine = Engines.open()) {
        System.out.print(render(engine.kustomizations(), cluster));
      }
      return 0;
    }
  }

  private static boolean suspended(KustomizationRecord r) {
    var docs = Yaml.readDocuments(r.key(), r.manifest());
    return !docs.isEmpty() && FluxObjects.kustomization(new KubeObject(docs.get(0), r.key())).spec().suspended();
  }

  static String render(java.util.List<KustomizationRecord> records, String cluster) {
    Table table = new Table("NAME", "CLUSTER", "REVISION", "SUSPENDED", "READY", "MESSAGE");
    records.stream()
        .filter(r -> cluster == null || cluster.equals(r.cluster()))
        .sorted(Comparator.comparing(KustomizationRecord::cluster).thenComparing(KustomizationRecord::key))
        .forEach(r -> {
          KustomizationStatus s = r.status() == null ? new KustomizationStatus() : r.status();
          var ready = s.condition(Condition.READY);
          table.row(
              r.key().substring(r.key().indexOf('/') + 1),
              r.cluster(),
              s.getLastAppliedRevision() == null ? "" : s.getLastAppliedRevision(),
              suspended(r) ? "True" : "False",
              ready.map(Condition::status).orElse("Unknown"),
              ready.map(Condition::message).orElse("waiting to be reconciled"));
        });
    return table.render();
  }
}
