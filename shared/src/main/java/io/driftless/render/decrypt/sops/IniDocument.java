package io.driftless.render.decrypt.sops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An INI file as sops reads it: {@code [section]} headers, {@code key = value} pairs (path
 * section:key), {@code ;} or {@code #} comments, {@code """}-quoted multi-line values, and the
 * metadata in a {@code [sops]} section with flattened keys.
 */
final class IniDocument extends FlatMetadataDocument {
  private static final String QUOTES = "\"\"\"";

  /** One line of output: a section header, a key/value pair or a comment, in the section it is in. */
  private static final class Item {
    final String section;
    final String key; // null for a comment, "" for a section header
    String value;

    Item(String section, String key, String value) {
      this.section = section;
      this.key = key;
      this.value = value;
    }
  }

  private final List<Item> items = new ArrayList<>();

  IniDocument(String text) {
    String[] lines = text.split("\r?\n", -1);
    String section = null;
    List<String> pendingComments = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith(";") || line.startsWith("#")) {
        pendingComments.add(line.substring(1).strip());
      } else if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1).strip();
        addComments(section, pendingComments);
        items.add(new Item(section, "", null));
      } else {
        int eq = line.indexOf('=');
        if (eq < 0 || section == null) {
          throw new IllegalArgumentException("line " + (i + 1) + " of the INI file is not key = value in a section");
        }
        addComments(section, pendingComments);
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        if (value.startsWith(QUOTES)) {
          StringBuilder v = new StringBuilder(value.substring(3));
          while (!v.toString().endsWith(QUOTES) && i + 1 < lines.length) {
            v.append('\n').append(lines[++i]);
          }
          value = v.substring(0, Math.max(0, v.length() - 3));
        }
        value = value.replace("\\n", "\n");
        if ("sops".equals(section)) {
          flatMetadata.put(key, value);
        } else {
          items.add(new Item(section, key, value));
        }
      }
    }
    addComments(section, pendingComments);
    items.removeIf(item -> "sops".equals(item.section));
  }

  /** A comment belongs to the section of the header or key it precedes, as go-ini attaches it. */
  private void addComments(String section, List<String> pending) {
    pending.forEach(c -> items.add(new Item(section, null, c)));
    pending.clear();
  }

  @Override
  public List<Slot> slots() {
    List<Slot> out = new ArrayList<>();
    for (Item item : items) {
      if (item.key == null) {
        List<String> path = item.section == null ? List.of() : List.of(item.section);
        out.add(new Slot(path, item.value, true, v -> item.value = DotenvDocument.text(v)));
      } else if (!item.key.isEmpty()) {
        out.add(new Slot(List.of(item.section, item.key), item.value, false, v -> item.value = DotenvDocument.text(v)));
      }
    }
    return out;
  }

  @Override
  public byte[] render() {
    StringBuilder out = new StringBuilder();
    for (Item item : items) {
      if (item.key == null) {
        out.append("; ").append(item.value).append('\n');
      } else if (item.key.isEmpty()) {
        out.append(out.length() == 0 ? "" : "\n").append('[').append(item.section).append("]\n");
      } else {
        String v = item.value.contains("\n") ? QUOTES + item.value + QUOTES : item.value;
        out.append(item.key).append(" = ").append(v).append('\n');
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
