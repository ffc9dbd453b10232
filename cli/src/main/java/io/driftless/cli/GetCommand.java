package io.driftless.cli;

import io.driftless.model.Durations;
import io.driftless.pipeline.Engine;
import io.driftless.record.KustomizationRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "get", description = "Show Driftless's objects with their status, like `flux get`.",
    subcommands = {GetCommand.All.class, GetCommand.Kustomizations.class, GetCommand.HelmReleases.class,
        GetSourcesCommand.class})
final class GetCommand {

  /** What every {@code get} has: flux's scope, status selector, watch, and {@code -o}. */
  abstract static class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Scope scope;
    @Mixin OutputFormat output;
    @Option(names = "--status-selector",
        description = "Only objects whose condition matches, e.g. ready=false or ready!=true") String statusSelector;
    @Option(names = {"-w", "--watch"}, description = "After listing, print each object again when its status changes")
    boolean watch;
    @Option(names = "--timeout", defaultValue = "5m", description = "How long --watch watches (default: ${DEFAULT-VALUE})")
    String timeout;
    @Option(names = "--watch-interval", defaultValue = "2s", hidden = true) String watchInterval;
    private final List<Listing> listings;

    ListCommand(List<Listing> listings) {
      this.listings = listings;
    }

    List<Listing> listings() {
      return listings;
    }

    @Override
    public Integer call() {
      StatusSelector selector = statusSelector == null ? null : StatusSelector.parse(statusSelector);
      if (watch) {
        if (listings().size() > 1) {
          throw new IllegalArgumentException("--watch: expected a single resource type, but found all");
        }
        return new StatusWatch(listings().get(0), scope, selector, Durations.parse(watchInterval), spec.commandLine().getOut())
            .run(Durations.parse(timeout));
      }
      Map<Listing, List<StatusTable.Row>> found = read(listings(), scope, selector);
      if (!output.table()) {
        List<Map<String, Object>> docs = new ArrayList<>();
        found.values().forEach(rows -> rows.stream().sorted(StatusTable.ORDER).forEach(r -> docs.add(r.document())));
        spec.commandLine().getOut().print(output.render(docs));
      } else if (listings().size() == 1) {
        List<StatusTable.Row> rows = found.get(listings().get(0));
        print(rows.isEmpty() ? "" : StatusTable.render(rows, scope), scope, listings().get(0).kind, spec);
      } else {
        found.values().stream().filter(rows -> !rows.isEmpty())
            .forEach(rows -> spec.commandLine().getOut().println(StatusTable.render(rows, scope, true, true)));
      }
      return 0;
    }
  }

  /** The rows of each listing in the scope that the selector keeps. */
  static Map<Listing, List<StatusTable.Row>> read(List<Listing> listings, Scope scope, StatusSelector selector) {
    Map<Listing, List<StatusTable.Row>> found = new LinkedHashMap<>();
    try (Engine engine = Engines.open()) {
      for (Listing listing : listings) {
        found.put(listing, listing.rows(engine.fleet(), scope).stream()
            .filter(r -> selector == null || selector.matches(r.document())).toList());
      }
    }
    return found;
  }

  @Command(name = "all", description = "Sources, HelmReleases and Kustomizations, like `flux get all`.")
  static final class All extends ListCommand {
    All() {
      super(List.of(Listing.values()));
    }
  }

  @Command(name = "helmreleases", aliases = {"hr", "helmrelease"},
      description = "List HelmReleases with their status, like `flux get hr`.")
  static final class HelmReleases extends ListCommand {
    HelmReleases() {
      super(List.of(Listing.HELM_RELEASE));
    }

    static String render(List<io.driftless.record.HelmRecord> records, Scope scope) {
      List<StatusTable.Row> rows = HelmRows.releases(records, scope);
      return rows.isEmpty() ? "" : StatusTable.render(rows, scope);
    }
  }

  @Command(name = "kustomizations", aliases = {"ks", "kustomization"},
      description = "List Kustomizations with their status, like `flux get ks`.")
  static final class Kustomizations extends ListCommand {
    Kustomizations() {
      super(List.of(Listing.KUSTOMIZATION));
    }
  }

  /** Prints a listing, or flux's line on stderr when it is empty. */
  static void print(String listing, Scope scope, String kind, CommandSpec spec) {
    if (listing.isEmpty()) {
      spec.commandLine().getErr().println(scope.nothingFound(kind));
    } else {
      spec.commandLine().getOut().print(listing);
    }
  }

  /** The demo's table: every Kustomization of {@code cluster}, in any namespace. */
  static String render(List<KustomizationRecord> records, String cluster) {
    Scope scope = new Scope("flux-system", true, cluster);
    return StatusTable.render(Listing.kustomizationRows(records, scope), scope);
  }
}
