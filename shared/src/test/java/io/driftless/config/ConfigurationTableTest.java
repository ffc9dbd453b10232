package io.driftless.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.config.DriftlessConfig.Key;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/configuration.md's table of configuration keys lists exactly the keys of {@link DriftlessConfig}, with their defaults. */
class ConfigurationTableTest {
  private static final Pattern ROW = Pattern.compile("^\\| `(DRIFTLESS_[A-Z_]+)` \\| ([^|]*) \\| [^|]+ \\|$");

  @Test
  void theDocumentedTableIsTheConfigRecord() throws IOException {
    Map<String, String> documented = documentedKeys(Files.readAllLines(Path.of("../docs/configuration.md")));

    Map<String, String> expected = Arrays.stream(Key.values())
        .collect(Collectors.toMap(Key::env, Key::documentedDefault, (a, b) -> a, LinkedHashMap::new));
    assertThat(documented).as("docs/configuration.md, section Configuration keys: key and default of each row")
        .containsExactlyEntriesOf(expected);
  }

  private static Map<String, String> documentedKeys(List<String> doc) {
    int start = doc.indexOf("## Configuration keys");
    assertThat(start).as("docs/configuration.md has a section Configuration keys").isNotNegative();
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : doc.subList(start + 1, doc.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        rows.put(row.group(1), row.group(2).strip());
      }
    }
    return rows;
  }
}
