package io.driftless.source.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.driftless.model.Yaml;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart repository's {@code index.yaml} as source-controller loads it (helm.md §3.2): JSON or
 * YAML, {@code apiVersion} required, entries without a name or a valid version dropped, each
 * chart's versions newest first. {@code revision} is {@code sha256:<hex>} of the fetched bytes.
 */
public record HelmIndex(Map<String, List<IndexEntry>> entries, String revision) {

  /** Throws IllegalArgumentException with the reason (the caller adds the URL). */
  public static HelmIndex parse(byte[] bytes) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("the index is empty");
    }
    Map<?, ?> doc;
    try {
      doc = Yaml.mapper().readValue(bytes, Map.class);
    } catch (IOException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new IllegalArgumentException("the index is not valid YAML: " + why, e);
    }
    if (doc == null || doc.get("apiVersion") == null || doc.get("apiVersion").toString().isBlank()) {
      throw new IllegalArgumentException("the index has no apiVersion");
    }
    Map<String, List<IndexEntry>> entries = new LinkedHashMap<>();
    if (doc.get("entries") instanceof Map<?, ?> all) {
      all.forEach((chart, versions) -> entries.put(chart.toString(), versionsOf(chart.toString(), versions)));
    }
    return new HelmIndex(entries, ChartCache.digestOf(bytes));
  }

  private static List<IndexEntry> versionsOf(String chart, Object versions) {
    List<IndexEntry> out = new ArrayList<>();
    if (versions instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.get("version") != null && SemVer.parse(m.get("version").toString()).isPresent()) {
          out.add(new IndexEntry(chart, m.get("version").toString(), strings(m.get("urls")),
              m.get("digest") == null ? null : m.get("digest").toString(), instant(m.get("created"))));
        }
      }
    }
    out.sort(Comparator.comparing((IndexEntry e) -> SemVer.parse(e.version()).orElseThrow()).reversed());
    return out;
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }

  private static Instant instant(Object o) {
    if (o == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(o.toString()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
