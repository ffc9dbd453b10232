package io.driftless.render.decrypt.sops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code sops} section of a file: who the data key is encrypted for, which values are encrypted,
 * and the encrypted MAC.
 */
public record SopsMetadata(
    List<KeyGroupEntry> age,
    List<KeyGroupEntry> pgp,
    List<String> unsupportedTypes,
    String lastModified,
    String mac,
    Rules rules,
    boolean macOnlyEncrypted) {

  /** One recipient of the data key: its public identity (age recipient or PGP fingerprint) and enc. */
  public record KeyGroupEntry(String recipient, String enc) {}

  private static final Map<String, String> UNSUPPORTED =
      Map.of("kms", "AWS KMS", "gcp_kms", "GCP KMS", "azure_kv", "Azure Key Vault", "hc_vault", "HashiCorp Vault");

  /** Which values sops encrypted, from the four mutually exclusive options. */
  public record Rules(String encryptedSuffix, String unencryptedSuffix, Pattern encryptedRegex, Pattern unencryptedRegex) {
    /** True when the value at {@code path} is one sops encrypts. */
    public boolean encrypts(List<String> path) {
      if (unencryptedSuffix != null && path.stream().anyMatch(k -> k.endsWith(unencryptedSuffix))) {
        return false;
      }
      if (encryptedSuffix != null && path.stream().noneMatch(k -> k.endsWith(encryptedSuffix))) {
        return false;
      }
      if (unencryptedRegex != null && path.stream().anyMatch(k -> unencryptedRegex.matcher(k).find())) {
        return false;
      }
      return encryptedRegex == null || path.stream().anyMatch(k -> encryptedRegex.matcher(k).find());
    }
  }

  /** Reads the metadata map; IllegalArgumentException names the field that is wrong. */
  public static SopsMetadata from(Map<?, ?> sops) {
    List<String> unsupported = new ArrayList<>();
    UNSUPPORTED.forEach(
        (field, name) -> {
          if (sops.get(field) instanceof List<?> l && !l.isEmpty()) {
            unsupported.add(name);
          }
        });
    Rules rules =
        new Rules(
            string(sops, "encrypted_suffix"),
            string(sops, "unencrypted_suffix"),
            regex(sops, "encrypted_regex"),
            regex(sops, "unencrypted_regex"));
    return new SopsMetadata(
        entries(sops, "age", "recipient"),
        entries(sops, "pgp", "fp"),
        List.copyOf(unsupported),
        string(sops, "lastmodified"),
        string(sops, "mac"),
        rules,
        "true".equalsIgnoreCase(String.valueOf(sops.get("mac_only_encrypted"))));
  }

  /** Every public recipient of the data key, for error messages. */
  public List<String> recipients() {
    List<String> out = new ArrayList<>();
    age.forEach(e -> out.add(e.recipient()));
    pgp.forEach(e -> out.add("pgp:" + e.recipient()));
    return out;
  }

  private static List<KeyGroupEntry> entries(Map<?, ?> sops, String field, String idField) {
    List<KeyGroupEntry> out = new ArrayList<>();
    if (sops.get(field) instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.get("enc") != null) {
          out.add(new KeyGroupEntry(String.valueOf(m.get(idField)), String.valueOf(m.get("enc"))));
        }
      }
    }
    return out;
  }

  private static String string(Map<?, ?> sops, String field) {
    Object v = sops.get(field);
    return v == null || v.toString().isEmpty() ? null : v.toString();
  }

  private static Pattern regex(Map<?, ?> sops, String field) {
    String v = string(sops, field);
    try {
      return v == null ? null : Pattern.compile(v);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("sops." + field + " is not a valid regular expression");
    }
  }

  /**
   * Rebuilds the metadata map from flattened keys as dotenv and INI files store them, e.g. {@code
   * age__list_0__map_enc} becomes {@code age[0].enc}.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> unflatten(Map<String, String> flat) {
    Map<String, Object> root = new LinkedHashMap<>();
    flat.forEach(
        (key, value) -> {
          String[] parts = key.split("__");
          Object container = root;
          for (int i = 0; i < parts.length; i++) {
            boolean leaf = i == parts.length - 1;
            String next = leaf ? null : parts[i + 1];
            Object child = leaf ? value : (next.startsWith("list_") ? new ArrayList<>() : new LinkedHashMap<>());
            container = put(container, parts[i], child, leaf);
          }
        });
    return root;
  }

  @SuppressWarnings("unchecked")
  private static Object put(Object container, String part, Object child, boolean leaf) {
    if (container instanceof List<?> l) {
      List<Object> list = (List<Object>) l;
      int index = Integer.parseInt(part.substring("list_".length()));
      while (list.size() <= index) {
        list.add(null);
      }
      if (leaf || list.get(index) == null) {
        list.set(index, child);
      }
      return list.get(index);
    }
    Map<String, Object> map = (Map<String, Object>) container;
    String key = part.startsWith("map_") ? part.substring(4) : part;
    if (leaf) {
      map.put(key, child);
      return child;
    }
    return map.computeIfAbsent(key, k -> child);
  }
}
