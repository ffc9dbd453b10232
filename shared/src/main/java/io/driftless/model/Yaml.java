package io.driftless.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading and writing multi-document YAML; every read error names the file. */
public final class Yaml {
  private static final YAMLMapper MAPPER =
      YAMLMapper.builder(
              ParseLimits.yamlFactory(ParseLimits.loaderOptions())
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .build())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();
  private static final ObjectMapper JSON = ParseLimits.jsonMapper();

  private Yaml() {}

  public static YAMLMapper mapper() {
    return MAPPER;
  }

  public static ObjectMapper json() {
    return JSON;
  }

  /** Every non-empty document of {@code text}, as ordered maps. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> readDocuments(String file, String text) {
    List<Map<String, Object>> docs = new ArrayList<>();
    try (MappingIterator<Object> it = MAPPER.readerFor(Object.class).readValues(text)) {
      int index = 0;
      while (it.hasNextValue()) {
        Object doc = it.nextValue();
        index++;
        if (doc == null) {
          continue;
        }
        if (!(doc instanceof Map<?, ?> map)) {
          throw new ManifestException(file, "document " + index + " is not a YAML mapping");
        }
        docs.add(new LinkedHashMap<>((Map<String, Object>) map));
      }
    } catch (ManifestException e) {
      throw e;
    } catch (JsonProcessingException e) {
      String limit = ParseLimits.limitExceeded(e);
      throw new ManifestException(file, "invalid YAML: " + (limit != null ? limit : e.getOriginalMessage()), e);
    } catch (IOException | RuntimeException e) {
      throw new ManifestException(file, "invalid YAML: " + e.getMessage(), e);
    }
    return docs;
  }

  /** Writes the objects as a multi-document stream separated by {@code ---}. */
  public static String writeDocuments(List<Map<String, Object>> docs) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < docs.size(); i++) {
      if (i > 0) {
        out.append("---\n");
      }
      out.append(write(docs.get(i)));
    }
    return out.toString();
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write YAML", e);
    }
  }
}
