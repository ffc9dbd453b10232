package io.driftless.cli;

import io.driftless.event.Event;
import io.driftless.model.Durations;
import io.driftless.pipeline.Engine;
import io.driftless.record.EventStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code driftless logs}, shaped like {@code flux logs}: one line per reconcile step,
 * {@code <time> <level> <Kind>/<name>.<namespace> - <message>}. Driftless has no controller pods whose
 * logs could be read, so the lines are derived from the stored events (a trace or info event is an
 * {@code info} line, an error an {@code error} line; a change set's lines are joined with ", "): the
 * same retention ({@code DRIFTLESS_EVENT_TTL}) and no extra writes per reconcile.
 */
@Command(name = "logs", description = "Show what the reconciles logged, like `flux logs`.")
final class LogsCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  @Spec CommandSpec spec;
  @Option(names = "--level", description = "Only lines of this level: info or error") String level;
  @Option(names = "--kind", description = "Only this kind, e.g. Kustomization") String kind;
  @Option(names = "--name", description = "Only objects of this name") String name;
  @Option(names = {"-n", "--namespace"}, defaultValue = "flux-system",
      description = "Namespace of the objects (default: ${DEFAULT-VALUE})") String namespace = "flux-system";
  @Option(names = {"-A", "--all-namespaces"}, description = "In every namespace") boolean allNamespaces;
  @Option(names = "--cluster", description = "Only on this cluster") String cluster;
  @Option(names = "--since", description = "Only lines newer than this (Go duration: 5s, 2m, 3h); default all kept")
  String since;
  @Option(names = {"-f", "--follow"}, description = "Keep printing new lines as they are stored") boolean follow;
  @Option(names = "--follow-for", hidden = true, description = "Stop following after this long (Go duration)")
  String followFor;

  @Override
  public Integer call() {
    if (level != null && !level.equals("info") && !level.equals("error")) {
      throw new IllegalArgumentException("--level " + level + ": must be info or error");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Engine engine = Engines.open()) {
      Duration back = since == null ? EventStore.ttlFrom(Engines.environment()) : Durations.parse(since);
      Instant from = Instant.now().minus(back);
      EventFeed feed = new EventFeed(at -> engine.fleet().events().since(at), from);
      List<Event> first = feed.next();
      first.stream().filter(this::shown).map(LogsCommand::line).forEach(out::println);
      if (follow) {
        Instant until = followFor == null ? null : Instant.now().plus(Durations.parse(followFor));
        feed.follow(Duration.ofSeconds(2), until,
            fresh -> fresh.stream().filter(this::shown).map(LogsCommand::line).forEach(out::println));
      }
    }
    return 0;
  }

  private boolean shown(Event e) {
    Event.InvolvedObject o = e.involvedObject();
    return (level == null || level.equals(level(e)))
        && (kind == null || kind.equalsIgnoreCase(o.kind()))
        && (name == null || name.equalsIgnoreCase(o.name()))
        && (allNamespaces || namespace.equals(o.namespace()))
        && (cluster == null || cluster.equals(e.cluster()));
  }

  private static String level(Event e) {
    return e.severity() == Event.Severity.ERROR ? "error" : "info";
  }

  /** {@code 2026-12-01T15:04:39.123Z info Kustomization/apps.flux-system - <message>}, as flux logs prints a line. */
  static String line(Event e) {
    Event.InvolvedObject o = e.involvedObject();
    return TIME.format(e.timestamp()) + " " + level(e) + " " + o.kind() + "/" + o.name() + "."
        + o.namespace() + " - " + String.join(", ", e.message().lines().toList());
  }
}
