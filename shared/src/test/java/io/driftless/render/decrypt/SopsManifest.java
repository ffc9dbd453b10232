package io.driftless.render.decrypt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The entries of testdata/sops/manifest.json. */
public record SopsManifest(
    String file,
    String format,
    List<Path> keyFiles,
    byte[] dataKey,
    List<Map.Entry<String, String>> values,
    String checkHere) {

  /** What decrypting the file must do according to the manifest. */
  public enum Outcome { DECRYPTS, MAC_MISMATCH, NO_MAC, NO_KEY, HYBRID_KEY }

  public Outcome outcome() {
    if (checkHere.contains("MAC MISMATCH")) {
      return Outcome.MAC_MISMATCH;
    }
    if (checkHere.contains("NO MAC")) {
      return Outcome.NO_MAC;
    }
    if (checkHere.contains("NO PRIVATE KEY")) {
      return Outcome.NO_KEY;
    }
    return checkHere.contains("mlkem768x25519") ? Outcome.HYBRID_KEY : Outcome.DECRYPTS;
  }

  public Path path() {
    return TestVectors.sops().resolve(file);
  }

  public static List<SopsManifest> all() {
    try {
      JsonNode root = new ObjectMapper().readTree(TestVectors.sops().resolve("manifest.json").toFile());
      List<SopsManifest> out = new ArrayList<>();
      for (JsonNode e : root) {
        List<Path> keys = new ArrayList<>();
        e.path("key_files").forEach(k -> keys.add(TestVectors.sops().resolve(k.asText())));
        List<Map.Entry<String, String>> values = new ArrayList<>();
        e.path("decrypted_values").forEach(v -> values.add(Map.entry(v.get(0).asText(), v.get(1).asText())));
        String hex = e.path("data_key_hex").asText("");
        out.add(new SopsManifest(
            e.get("file").asText(), e.get("format").asText(), keys,
            hex.isEmpty() ? null : HexFormat.of().parseHex(hex), values, e.path("check_here").asText()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return file;
  }
}
