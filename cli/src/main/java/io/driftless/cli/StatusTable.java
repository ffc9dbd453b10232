package io.driftless.cli;

import io.driftless.model.Condition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The listing {@code flux get} prints for every kind: NAME REVISION SUSPENDED READY MESSAGE, with
 * NAMESPACE first under {@code -A}, and CLUSTER after NAME when the rows span several clusters.
 */
final class StatusTable {
  private StatusTable() {}

  /** One object on one cluster; {@code ready} is its Ready condition, empty before its first run. */
  record Row(String cluster, String namespace, String name, String revision, boolean suspended, Optional<Condition> ready) {}

  static String render(List<Row> rows, Scope scope) {
    boolean clusters = rows.stream().map(Row::cluster).distinct().count() > 1;
    List<String> header = new ArrayList<>();
    if (scope.allNamespaces) {
      header.add("NAMESPACE");
    }
    header.add("NAME");
    if (clusters) {
      header.add("CLUSTER");
    }
    header.addAll(List.of("REVISION", "SUSPENDED", "READY", "MESSAGE"));
    Table table = new Table(header.toArray(String[]::new));
    rows.stream()
        .sorted(Comparator.comparing(Row::namespace).thenComparing(Row::name).thenComparing(Row::cluster))
        .forEach(r -> {
          List<String> cells = new ArrayList<>();
          if (scope.allNamespaces) {
            cells.add(r.namespace());
          }
          cells.add(r.name());
          if (clusters) {
            cells.add(r.cluster());
          }
          cells.add(r.revision() == null ? "" : r.revision());
          cells.add(r.suspended() ? "True" : "False");
          cells.add(r.ready().map(Condition::status).orElse(Condition.UNKNOWN));
          cells.add(r.ready().map(Condition::message).orElse("waiting to be reconciled"));
          table.row(cells.toArray(String[]::new));
        });
    return table.render();
  }
}
