package io.driftless.render.decrypt.sops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.model.ParseLimits;
import java.nio.charset.StandardCharsets;

/** JSON as sops writes it: tab-indented, {@code "key": value}, a final newline. */
final class JsonOutput {
  private static final ObjectMapper MAPPER = ParseLimits.jsonMapper();
  private static final DefaultPrettyPrinter PRINTER;

  static {
    DefaultIndenter tabs = new DefaultIndenter("\t", "\n");
    PRINTER =
        new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(tabs)
            .withArrayIndenter(tabs);
  }

  private JsonOutput() {}

  static byte[] write(Object value) {
    try {
      return (MAPPER.writer(PRINTER).writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
