package io.driftless.cli;

import io.driftless.view.FluxObjectDocuments;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code -o table|json|yaml}: flux's table, or the objects as {@code kubectl get -o json|yaml} lists them. */
final class OutputFormat {
  enum Format { table, json, yaml }

  @Option(names = {"-o", "--output"}, defaultValue = "table",
      description = "table (default), json or yaml: the objects with spec and status, as a v1 List") Format format = Format.table;

  boolean table() {
    return format == Format.table;
  }

  /** The documents as one {@code kind: List} document. */
  String render(List<Map<String, Object>> documents) {
    Map<String, Object> list = FluxObjectDocuments.list(documents);
    return format == Format.json ? FluxObjectDocuments.json(list) : FluxObjectDocuments.yaml(list);
  }
}
