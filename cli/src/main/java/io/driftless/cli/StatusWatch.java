package io.driftless.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code driftless get ... --watch}: prints the listing, then polls the table every {@code interval}
 * and prints again (without the header) each object whose revision, suspension, readiness or message
 * changed, as flux prints each watch event, until {@code timeout} passes or the thread is interrupted.
 * The store is opened for each poll only, so other commands can use an embedded one in between.
 */
final class StatusWatch {
  private final Listing listing;
  private final Scope scope;
  private final StatusSelector selector;
  private final Duration interval;
  private final Map<String, List<String>> shown = new HashMap<>();
  private final PrintWriter out;

  StatusWatch(Listing listing, Scope scope, StatusSelector selector, Duration interval, PrintWriter out) {
    this.out = out;
    this.listing = listing;
    this.scope = scope;
    this.selector = selector;
    this.interval = interval;
  }

  int run(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    boolean first = true;
    while (!Thread.currentThread().isInterrupted()) {
      List<StatusTable.Row> changed = GetCommand.read(List.of(listing), scope, selector).get(listing).stream()
          .filter(r -> !r.statusCells().equals(shown.put(r.cluster() + "/" + r.namespace() + "/" + r.name(), r.statusCells())))
          .toList();
      if (!changed.isEmpty()) {
        out.print(StatusTable.render(changed, scope, false, first));
        out.flush();
        first = false;
      }
      if (!Instant.now().plus(interval).isBefore(deadline)) {
        return 0;
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return 0;
  }
}
