package io.driftless.record.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * infra/dynamodb/README.md, the one description of the table, has a row in its Items table for every
 * item type the store writes, and no row for a type the store no longer has.
 */
class TableDesignDocTest {
  private static final Path DOC = Path.of("../infra/dynamodb/README.md");
  /** The first cell of an item row: a back-quoted partition key, or its prefix before {@code #}. */
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z]+)(#[^`]*)?` .*");
  /** Constants of {@link TableLayout} that name attributes, not item types. */
  private static final Set<String> ATTRIBUTES = Set.of("PK", "SK", "TTL", "CHILDREN_INDEX", "PARENT_REF",
      "DEPENDENTS_INDEX", "DEPENDS_ON_TREE", "DEPENDS_ON");

  @Test
  void theItemsTableNamesEveryItemTypeOfTheStore() throws IOException {
    assertThat(documentedItemTypes()).as(DOC + ", section Items: the partition key of each row")
        .containsExactlyElementsOf(itemTypesInCode());
  }

  private static Set<String> documentedItemTypes() throws IOException {
    List<String> lines = Files.readAllLines(DOC);
    int start = lines.indexOf("## Items");
    assertThat(start).as(DOC + " has a section Items").isNotNegative();
    Set<String> types = new TreeSet<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        types.add(row.group(1));
      }
    }
    return types;
  }

  private static Set<String> itemTypesInCode() {
    Set<String> types = new TreeSet<>();
    types.addAll(stringConstants(TableLayout.class));
    types.removeAll(ATTRIBUTES.stream().map(TableDesignDocTest::valueOf).toList());
    types.add(EventItems.OBJECT_PREFIX);
    types.add(EventItems.DAY_PREFIX);
    return new TreeSet<>(types.stream().map(t -> t.endsWith("#") ? t.substring(0, t.length() - 1) : t).toList());
  }

  private static String valueOf(String constant) {
    try {
      return (String) TableLayout.class.getDeclaredField(constant).get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("TableLayout." + constant, e);
    }
  }

  private static List<String> stringConstants(Class<?> type) {
    List<String> values = new ArrayList<>();
    for (Field f : type.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == String.class) {
        values.add(valueOf(f.getName()));
      }
    }
    return values;
  }
}
