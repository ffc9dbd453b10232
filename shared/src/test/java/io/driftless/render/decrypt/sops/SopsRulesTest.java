package io.driftless.render.decrypt.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.Yaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sops options that choose which values are encrypted, and typed values, round-trip. */
class SopsRulesTest {
  private static final String RECIPIENT = "age1mhtqtnq547ckh46xad9v920gprd9289t5pyv9zsjekv92eww8esqn85mjg";

  private final DataKeySource key = meta -> {
    try {
      var ids = io.driftless.render.decrypt.age.AgeIdentities.parse(Files.readString(
          io.driftless.render.decrypt.TestVectors.age().resolve("generated/key1.txt")));
      return io.driftless.render.decrypt.age.Age.decrypt(meta.age().get(0).enc().getBytes(StandardCharsets.US_ASCII), ids);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  };

  private static Map<String, Object> document() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("password", "hunter2");
    data.put("port", 5432);
    data.put("ratio", 0.25);
    data.put("enabled", true);
    data.put("note_unencrypted", "visible");
    data.put("list", List.of("a", "b"));
    data.put("empty", "");
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", "Secret");
    doc.put("stringData", data);
    return doc;
  }

  @Test
  void defaultUnencryptedSuffixLeavesThoseValuesInClearAndTypesRoundTrip() {
    Map<String, Object> enc = new SopsTestEncryptor(RECIPIENT).encrypt(document());
    assertThat(Yaml.write(enc)).contains("note_unencrypted: visible").doesNotContain("hunter2");

    assertThat(roundTrip(enc)).isEqualTo(document());
  }

  @Test
  void encryptedRegexEncryptsOnlyMatchingSubtrees() {
    Map<String, Object> enc = new SopsTestEncryptor(RECIPIENT).option("encrypted_regex", "^(data|stringData)$").encrypt(document());
    assertThat(enc.get("kind")).isEqualTo("Secret");
    assertThat(roundTrip(enc)).isEqualTo(document());
  }

  @Test
  void unencryptedRegexEncryptedSuffixAndMacOnlyEncryptedAreHonoured() {
    Map<String, Object> a = new SopsTestEncryptor(RECIPIENT).option("unencrypted_regex", "^(kind|port)$").encrypt(document());
    assertThat(((Map<?, ?>) a.get("stringData")).get("port")).isEqualTo(5432);
    assertThat(roundTrip(a)).isEqualTo(document());

    Map<String, Object> b = new SopsTestEncryptor(RECIPIENT).option("encrypted_suffix", "word").encrypt(document());
    assertThat(((Map<?, ?>) b.get("stringData")).get("ratio")).isEqualTo(0.25);
    assertThat(roundTrip(b)).isEqualTo(document());

    Map<String, Object> c = new SopsTestEncryptor(RECIPIENT).option("encrypted_suffix", "word").option("mac_only_encrypted", true).encrypt(document());
    ((Map<String, Object>) c.get("stringData")).put("ratio", 0.5);
    assertThat(((Map<?, ?>) roundTrip(c).get("stringData")).get("ratio")).isEqualTo(0.5);
  }

  @Test
  void changingAnUnencryptedValueBreaksTheMac() {
    Map<String, Object> enc = new SopsTestEncryptor(RECIPIENT).encrypt(document());
    ((Map<String, Object>) enc.get("stringData")).put("note_unencrypted", "changed");
    assertThatThrownBy(() -> roundTrip(enc)).isInstanceOf(SopsFormatException.class).hasMessageContaining("MAC mismatch");
  }

  @Test
  void aYamlFileKeepsKeyOrderAndTypes() {
    String text = Yaml.write(new SopsTestEncryptor(RECIPIENT).encrypt(document()));
    String out = new String(SopsFiles.decryptFile("s.yaml", text.getBytes(StandardCharsets.UTF_8), key), StandardCharsets.UTF_8);
    assertThat(out).isEqualTo("kind: Secret\nstringData:\n    password: hunter2\n    port: 5432\n    ratio: 0.25\n"
        + "    enabled: true\n    note_unencrypted: visible\n    list:\n        - a\n        - b\n    empty: \"\"\n");
  }

  private Map<String, Object> roundTrip(Map<String, Object> enc) {
    Map<String, Object> doc = Yaml.readDocuments("x.yaml", Yaml.write(enc)).get(0);
    SopsFiles.decryptMap(doc, key);
    return doc;
  }
}
