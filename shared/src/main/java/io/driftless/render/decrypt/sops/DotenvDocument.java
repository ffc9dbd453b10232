package io.driftless.render.decrypt.sops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A dotenv file as sops reads it: {@code KEY=VALUE} split at the first {@code =} without trimming,
 * {@code #} comment lines, {@code \n} escapes, and metadata in flattened {@code sops_…} keys.
 */
final class DotenvDocument extends FlatMetadataDocument {
  private static final String PREFIX = "sops_";
  private final List<String[]> items = new ArrayList<>(); // {key, value} or {null, comment}

  DotenvDocument(String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        items.add(new String[] {null, line.substring(1)});
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("line " + (i + 1) + " of the dotenv file has no '='");
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1).replace("\\n", "\n");
      if (key.startsWith(PREFIX)) {
        flatMetadata.put(key.substring(PREFIX.length()), value);
      } else {
        items.add(new String[] {key, value});
      }
    }
  }

  @Override
  public List<Slot> slots() {
    List<Slot> out = new ArrayList<>();
    for (String[] item : items) {
      boolean comment = item[0] == null;
      out.add(new Slot(comment ? List.of() : List.of(item[0]), item[1], comment, v -> item[1] = text(v)));
    }
    return out;
  }

  static String text(Object v) {
    return v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v);
  }

  @Override
  public byte[] render() {
    StringBuilder out = new StringBuilder();
    for (String[] item : items) {
      if (item[0] == null) {
        out.append('#').append(item[1]).append('\n');
      } else {
        out.append(item[0]).append('=').append(item[1].replace("\n", "\\n")).append('\n');
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
