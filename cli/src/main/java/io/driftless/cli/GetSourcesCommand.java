package io.driftless.cli;

import io.driftless.model.Condition;
import io.driftless.model.FluxObjects;
import io.driftless.model.GitRepository;
import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmChart;
import io.driftless.model.helm.HelmRepository;
import io.driftless.model.helm.OCIRepository;
import io.driftless.pipeline.Engine;
import io.driftless.record.RootRecord;
import io.driftless.record.SourceRecord;
import io.driftless.record.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code driftless get sources git|helm|oci|chart}: the sources Driftless fetches, like {@code flux get sources}. */
@Command(name = "sources", aliases = {"source"}, description = "List sources with their status, like `flux get sources`.",
    subcommands = {GetSourcesCommand.Git.class, GetSourcesCommand.Helm.class, GetSourcesCommand.Oci.class,
        GetSourcesCommand.Chart.class})
final class GetSourcesCommand {

  /** One kind of source: its rows from the store, printed as flux prints them. */
  abstract static class Listing implements Callable<Integer> {
    @Mixin Scope scope;
    private final String kind;
    private final BiFunction<StateStore, Scope, List<StatusTable.Row>> rows;

    Listing(String kind, BiFunction<StateStore, Scope, List<StatusTable.Row>> rows) {
      this.kind = kind;
      this.rows = rows;
    }

    @Override
    public Integer call() {
      try (Engine engine = Engines.open()) {
        List<StatusTable.Row> found = rows.apply(engine.store(), scope);
        GetCommand.print(found.isEmpty() ? "" : StatusTable.render(found, scope), scope, kind);
      }
      return 0;
    }
  }

  @Command(name = "git", description = "GitRepositories: each root's own and those found in Git.")
  static final class Git extends Listing {
    Git() {
      super(GitRepository.KIND, GetSourcesCommand::gitRows);
    }
  }

  @Command(name = "helm", description = "HelmRepositories, with the index revision of their last fetch.")
  static final class Helm extends Listing {
    Helm() {
      super(HelmRepository.KIND, (store, scope) -> HelmRows.sources(store.listHelmObjects(), HelmRepository.KIND, scope));
    }
  }

  @Command(name = "oci", description = "OCIRepositories, with the artifact revision of their last fetch.")
  static final class Oci extends Listing {
    Oci() {
      super(OCIRepository.KIND, (store, scope) -> HelmRows.sources(store.listHelmObjects(), OCIRepository.KIND, scope));
    }
  }

  @Command(name = "chart", description = "HelmCharts: one per HelmRelease with spec.chart, as helm-controller makes them.")
  static final class Chart extends Listing {
    Chart() {
      super(HelmChart.KIND, (store, scope) -> HelmRows.charts(store.listHelmObjects(), scope));
    }
  }

  /** A GitRepository is on its root's cluster; Ready once a revision was fetched. */
  static List<StatusTable.Row> gitRows(StateStore store, Scope scope) {
    List<StatusTable.Row> rows = new ArrayList<>();
    for (SourceRecord s : store.listSources()) {
      String cluster = store.getRoot(s.root()).map(RootRecord::cluster).orElse("");
      String namespacedName = s.key().substring(s.key().indexOf('#') + 1);
      String namespace = namespacedName.substring(0, namespacedName.indexOf('/'));
      if (!scope.includes(cluster, namespace)) {
        continue;
      }
      Optional<Condition> ready = s.lastRevision() == null ? Optional.empty()
          : Optional.of(new Condition(Condition.READY, Condition.TRUE, "Succeeded",
              "stored artifact for revision '" + s.lastRevision() + "'", s.lastFetchedAt()));
      rows.add(new StatusTable.Row(cluster, namespace, namespacedName.substring(namespace.length() + 1),
          s.lastRevision(), suspended(s), ready));
    }
    return rows;
  }

  private static boolean suspended(SourceRecord s) {
    try {
      var docs = Yaml.readDocuments(s.key(), s.manifest());
      return docs.size() == 1 && FluxObjects.gitRepository(new KubeObject(docs.get(0), s.key())).spec().suspended();
    } catch (RuntimeException unreadable) {
      return false;
    }
  }
}
