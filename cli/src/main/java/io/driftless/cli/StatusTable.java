package io.driftless.cli;

import io.driftless.model.Condition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The listing {@code flux get} prints for every kind: NAME REVISION SUSPENDED READY MESSAGE, with
 * NAMESPACE first under {@code -A}, CLUSTER after NAME when the rows span several clusters, and
 * NAME as {@code kind/name} in {@code get all}.
 */
final class StatusTable {
  private StatusTable() {}

  /**
   * One object on one cluster; {@code ready} is its Ready condition, empty before its first run;
   * {@code document} is the object as {@code -o json} prints it ({@code FluxObjectDocuments}).
   */
  record Row(String cluster, String namespace, String name, String revision, boolean suspended, Optional<Condition> ready,
      String kind, Map<String, Object> document) {

    Row(String cluster, String namespace, String name, String revision, boolean suspended, Optional<Condition> ready) {
      this(cluster, namespace, name, revision, suspended, ready, "", Map.of());
    }

    /** The cells after NAMESPACE, NAME and CLUSTER: what a watch compares to see a change. */
    List<String> statusCells() {
      return List.of(revision == null ? "" : revision, suspended ? "True" : "False",
          ready.map(Condition::status).orElse(Condition.UNKNOWN),
          ready.map(Condition::message).orElse("waiting to be reconciled"));
    }
  }

  static final Comparator<Row> ORDER =
      Comparator.comparing(Row::namespace).thenComparing(Row::name).thenComparing(Row::cluster);

  static String render(List<Row> rows, Scope scope) {
    return render(rows, scope, false, true);
  }

  /** {@code withKind}: NAME is {@code kind/name}, as {@code flux get all} prints it; {@code header}: print the header line. */
  static String render(List<Row> rows, Scope scope, boolean withKind, boolean header) {
    boolean clusters = rows.stream().map(Row::cluster).distinct().count() > 1;
    List<String> columns = new ArrayList<>();
    if (scope.allNamespaces) {
      columns.add("NAMESPACE");
    }
    columns.add("NAME");
    if (clusters) {
      columns.add("CLUSTER");
    }
    columns.addAll(List.of("REVISION", "SUSPENDED", "READY", "MESSAGE"));
    Table table = new Table(columns.toArray(String[]::new));
    rows.stream().sorted(ORDER).forEach(r -> {
      List<String> cells = new ArrayList<>();
      if (scope.allNamespaces) {
        cells.add(r.namespace());
      }
      cells.add(withKind ? r.kind().toLowerCase(java.util.Locale.ROOT) + "/" + r.name() : r.name());
      if (clusters) {
        cells.add(r.cluster());
      }
      cells.addAll(r.statusCells());
      table.row(cells.toArray(String[]::new));
    });
    String text = table.render();
    return header ? text : text.substring(text.indexOf('\n') + 1);
  }
}
