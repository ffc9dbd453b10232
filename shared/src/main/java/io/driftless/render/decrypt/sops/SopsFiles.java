package io.driftless.render.decrypt.sops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.model.ParseLimits;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decrypts SOPS documents in the formats sops writes: YAML, JSON, dotenv, INI and the binary store.
 * Errors are {@link SopsFormatException} (a value, the MAC) or IllegalArgumentException (syntax).
 */
public final class SopsFiles {
  /** The format of a file, chosen from its name as sops does. */
  public enum Format { YAML, JSON, DOTENV, INI, BINARY }

  private static final ObjectMapper JSON = ParseLimits.jsonMapper();

  private SopsFiles() {}

  public static Format formatOf(String file) {
    String name = file.toLowerCase(Locale.ROOT);
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return Format.YAML;
    }
    if (name.endsWith(".json")) {
      return Format.JSON;
    }
    if (name.endsWith(".env")) {
      return Format.DOTENV;
    }
    return name.endsWith(".ini") ? Format.INI : Format.BINARY;
  }

  /** True when the map is a document carrying top-level {@code sops} metadata. */
  public static boolean isEncrypted(Map<String, Object> document) {
    return new MapDocument(document).metadata() != null;
  }

  /** Decrypts {@code document} in place and removes its {@code sops} field. */
  public static void decryptMap(Map<String, Object> document, DataKeySource keys) {
    MapDocument doc = new MapDocument(document);
    decrypt(doc, keys);
    document.remove(MapDocument.SOPS);
  }

  /**
   * The decrypted file in its own format, or {@code content} unchanged when it carries no SOPS
   * metadata. A file with an unknown extension is the binary store, or dotenv when it has {@code
   * sops_} lines (Flux reads secretGenerator env files as dotenv whatever their name).
   */
  public static byte[] decryptFile(String file, byte[] content, DataKeySource keys) {
    Format format = formatOf(file);
    String text = new String(content, StandardCharsets.UTF_8);
    if (format == Format.BINARY && !text.stripLeading().startsWith("{") && text.contains("sops_mac=")) {
      format = Format.DOTENV;
    }
    SopsDocument doc = read(format, text);
    if (doc == null || doc.metadata() == null) {
      return content;
    }
    decrypt(doc, keys);
    if (format == Format.BINARY) {
      return binaryData(((MapDocument) doc).root().get("data"));
    }
    return doc.render();
  }

  /** The decrypted values of a document as [path, value] slots, in document order (for tests). */
  static List<Slot> decryptValues(Format format, String text, DataKeySource keys) {
    return decrypt(read(format, text), keys);
  }

  private static SopsDocument read(Format format, String text) {
    return
        switch (format) {
          case YAML -> new YamlDocument(text);
          case DOTENV -> new DotenvDocument(text);
          case INI -> new IniDocument(text);
          case JSON, BINARY -> {
            Map<String, Object> map = readJson(text, format == Format.BINARY);
            yield map == null ? null : new MapDocument(map);
          }
        };
  }

  private static List<Slot> decrypt(SopsDocument doc, DataKeySource keys) {
    SopsMetadata meta = SopsMetadata.from(doc.metadata());
    return SopsTree.decrypt(doc.slots(), meta, keys.dataKey(meta));
  }

  private static byte[] binaryData(Object data) {
    if (data instanceof byte[] b) {
      return b;
    }
    if (data == null) {
      throw new SopsFormatException("data:", "binary SOPS file has no data value");
    }
    return data.toString().getBytes(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readJson(String text, boolean lenient) {
    try {
      Object v = JSON.readValue(text, Object.class);
      if (v instanceof Map<?, ?> m) {
        return new LinkedHashMap<>((Map<String, Object>) m);
      }
    } catch (JsonProcessingException e) {
      if (!lenient) {
        throw new IllegalArgumentException("invalid JSON at line " + e.getLocation().getLineNr());
      }
    }
    if (lenient) {
      return null;
    }
    throw new IllegalArgumentException("JSON document is not an object");
  }
}
