package io.driftless.cli;

import io.driftless.event.Event;
import io.driftless.pipeline.Engine;
import io.driftless.record.EventStore;
import io.driftless.model.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code driftless events}, shaped like {@code flux events}: the stored events of Flux objects,
 * oldest first, in columns LAST SEEN, TYPE (Normal, or Warning for errors), REASON, OBJECT, MESSAGE
 * (NAMESPACE first with {@code -A}, CLUSTER when events of several clusters are shown). Trace events
 * (a reconcile starting) are not Kubernetes events in Flux and are left out here; {@code driftless
 * logs} shows them.
 */
@Command(name = "events", description = "Show the events of Flux objects, like `flux events`.")
final class EventsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin Scope scope;
  @Option(names = "--for", description = "Kind/name (or Kind) of the object; its source's events are shown too")
  String forSelector;
  @Option(names = {"-w", "--watch"}, description = "Keep printing new events as they are stored") boolean watch;
  @Option(names = "--types", split = ",", description = "Only these types: Normal, Warning") List<String> types;
  @Option(names = "--watch-for", hidden = true, description = "Stop watching after this long (Go duration)")
  String watchFor;

  @Override
  public Integer call() {
    if (types != null) {
      types.stream().filter(t -> !t.equalsIgnoreCase("Normal") && !t.equalsIgnoreCase("Warning")).findFirst()
          .ifPresent(t -> {
            throw new IllegalArgumentException("type '" + t + "' not supported. Supported types are Normal, Warning");
          });
    }
    EventSelection selection = EventSelection.of(forSelector, scope);
    PrintWriter out = spec.commandLine().getOut();
    try (Engine engine = Engines.open()) {
      Instant since = Instant.now().minus(EventStore.ttlFrom(Engines.environment()));
      List<Event> events = selection.read(engine.fleet(), since).stream().filter(this::shown).toList();
      boolean namespaces = scope.allNamespaces
          || events.stream().map(e -> e.involvedObject().namespace()).distinct().count() > 1;
      boolean clusters = events.stream().map(Event::cluster).distinct().count() > 1 || scope.cluster == null && clusters(engine) > 1;
      if (events.isEmpty() && !watch) {
        spec.commandLine().getErr().println(scope.allNamespaces ? "✗ No events found." : "✗ No events found in " + scope.namespace + " namespace.");
        return 0;
      }
      out.print(render(events, Instant.now(), namespaces, clusters, true));
      if (watch) {
        EventFeed feed = new EventFeed(from -> selection.read(engine.fleet(), from), since);
        feed.next();
        Instant until = watchFor == null ? null : Instant.now().plus(Durations.parse(watchFor));
        feed.follow(Duration.ofSeconds(2), until, fresh -> out.print(
            render(fresh.stream().filter(this::shown).toList(), Instant.now(), namespaces, clusters, false)));
      }
    }
    return 0;
  }

  /**
   * What {@code driftless events -A} prints for {@code events} (the demo's closing block); an
   * IllegalStateException when none was stored, since every reconcile emits some.
   */
  static String printedEvents(List<Event> events, Instant now) {
    List<Event> shown = events.stream().filter(e -> e.severity() != Event.Severity.TRACE).toList();
    if (shown.isEmpty()) {
      throw new IllegalStateException("the reconciles stored no events");
    }
    return render(shown, now, true, false, true);
  }

  private static long clusters(Engine engine) {
    return engine.fleet().listClusters().size();
  }

  private boolean shown(Event e) {
    return e.severity() != Event.Severity.TRACE && (types == null || types.stream().anyMatch(t -> t.equalsIgnoreCase(type(e))));
  }

  static String type(Event e) {
    return e.severity() == Event.Severity.ERROR ? "Warning" : "Normal";
  }

  /** The table; each further line of a multi-line message (a change set) on a row of its own, as flux prints it. */
  static String render(List<Event> events, Instant now, boolean namespaces, boolean clusters, boolean header) {
    if (events.isEmpty()) {
      return "";
    }
    List<String> head = new java.util.ArrayList<>();
    if (namespaces) {
      head.add("NAMESPACE");
    }
    if (clusters) {
      head.add("CLUSTER");
    }
    head.addAll(List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"));
    Table table = new Table(head.toArray(String[]::new));
    for (Event e : events) {
      List<String> lines = e.message().lines().toList();
      List<String> row = new java.util.ArrayList<>();
      if (namespaces) {
        row.add(e.involvedObject().namespace());
      }
      if (clusters) {
        row.add(e.cluster());
      }
      row.addAll(List.of(humanDuration(Duration.between(e.timestamp(), now)), type(e), e.reason(),
          e.involvedObject().kind() + "/" + e.involvedObject().name(), lines.isEmpty() ? "" : lines.get(0)));
      table.row(row.toArray(String[]::new));
      for (String more : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] blank = new String[head.size()];
        java.util.Arrays.fill(blank, "");
        blank[blank.length - 1] = more;
        table.row(blank);
      }
    }
    String text = table.render();
    return header ? text : text.substring(text.indexOf('\n') + 1);
  }

  /** Kubernetes' short ages, as {@code kubectl get events} and flux print them: 45s, 3m12s, 2h5m, 3d. */
  static String humanDuration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 120) {
      return s + "s";
    }
    long m = s / 60;
    if (m < 10) {
      return s % 60 == 0 ? m + "m" : m + "m" + (s % 60) + "s";
    }
    if (m < 180) {
      return m + "m";
    }
    long h = m / 60;
    if (h < 8) {
      return m % 60 == 0 ? h + "h" : h + "h" + (m % 60) + "m";
    }
    if (h < 48) {
      return h + "h";
    }
    return h < 24 * 8 && h % 24 != 0 ? (h / 24) + "d" + (h % 24) + "h" : (h / 24) + "d";
  }
}
