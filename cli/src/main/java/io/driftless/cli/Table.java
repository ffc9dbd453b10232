package io.driftless.cli;

import io.driftless.model.Redact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain text table with columns padded to their widest cell, like flux's and kubectl's. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();

  Table(String... header) {
    rows.add(header);
  }

  /** A row; a URL's user info in a cell is hidden ({@link Redact#url}). */
  Table row(String... cells) {
    rows.add(Arrays.stream(cells).map(c -> c == null ? null : Redact.url(c)).toArray(String[]::new));
    return this;
  }

  String render() {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        line.append(i == cols - 1 ? r[i] : String.format("%-" + (width[i] + 1) + "s", r[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
