package io.driftless.render.decrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The render stage's view: Secrets with sops metadata, Flux's key Secret, opt-out and masking. */
class SopsDecryptorTest {
  static final String KC = "fluxcd__kustomize-controller/internal/controller/testdata/sops/";
  static final Path AGE_KEY = TestVectors.sops().resolve(KC + "keys/age.txt");
  static final Path PGP_KEY = TestVectors.sops().resolve(KC + "keys/pgp.asc");

  @Test
  void anAgeEncryptedSecretDecryptsWithFluxsSopsAgeSecret() throws Exception {
    SopsDecryptor d = new SopsDecryptor(DecryptionKeys.fromSecretData(Map.of("age.agekey", Files.readAllBytes(AGE_KEY))));
    KubeObject secret = read(KC + "algorithms/age.yaml");

    assertThat(d.isEncrypted(secret)).isTrue();
    KubeObject out = d.decryptObject(secret);

    assertThat(out.content()).doesNotContainKey("sops");
    assertThat(out.content().get("stringData")).isEqualTo(Map.of("key", "value"));
    assertThat(d.isEncrypted(out)).isFalse();
    assertThat(secret.content()).containsKey("sops");
  }

  @Test
  void aPgpEncryptedSecretDecryptsWithAnAscEntry() throws Exception {
    SopsDecryptor d = new SopsDecryptor(DecryptionKeys.fromSecretData(Map.of("pgp.asc", Files.readAllBytes(PGP_KEY))));
    KubeObject out = d.decryptObject(read(KC + "algorithms/pgp.yaml"));
    assertThat(((Map<?, ?>) out.content().get("stringData")).get("key")).isEqualTo("value");
  }

  @Test
  void aSecretWhoseDataValueIsAWholeSopsFileIsDecryptedAsFluxDoes() throws Exception {
    SopsDecryptor d = new SopsDecryptor(DecryptionKeys.fromFiles(List.of(AGE_KEY)));
    KubeObject secret = read(KC + "inside/secret.yaml");
    assertThat(d.isEncrypted(secret)).isFalse();

    KubeObject out = d.decryptObject(secret);

    String key = (String) ((Map<?, ?>) out.content().get("data")).get("key");
    assertThat(new String(Base64.getDecoder().decode(key), StandardCharsets.UTF_8)).isEqualTo("value");
  }

  @Test
  void theDecryptDisabledAnnotationLeavesTheObjectAsItIs() throws Exception {
    SopsDecryptor d = new SopsDecryptor(DecryptionKeys.fromFiles(List.of(AGE_KEY)));
    KubeObject secret = read(KC + "algorithms/age.yaml");
    secret.setAnnotation(SopsDecryptor.DECRYPT_ANNOTATION, "Disabled");

    assertThat(d.decryptObject(secret)).isSameAs(secret);
  }

  @Test
  void aWrongKeyNamesTheFileTheObjectAndTheRecipientsButNoPrivateMaterial() throws Exception {
    DecryptionKeys wrong = DecryptionKeys.fromFiles(List.of(TestVectors.age().resolve("generated/key1.txt")));
    KubeObject secret = read(KC + "algorithms/age.yaml");

    assertThatThrownBy(() -> new SopsDecryptor(wrong).decryptObject(secret))
        .isInstanceOf(DecryptionException.class)
        .hasMessageContaining(KC + "algorithms/age.yaml")
        .hasMessageContaining("(Secret/age)")
        .hasMessageContaining("age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29")
        .hasMessageContaining(wrong.publicRecipients().get(0))
        .hasMessageNotContaining("AGE-SECRET-KEY");
  }

  @Test
  void aTamperedValueIsRefusedNamingItsKeyPath() throws Exception {
    KubeObject secret = read(KC + "algorithms/age.yaml");
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) secret.content().get("stringData");
    data.put("moved", data.remove("key"));

    assertThatThrownBy(() -> new SopsDecryptor(DecryptionKeys.fromFiles(List.of(AGE_KEY))).decryptObject(secret))
        .isInstanceOf(DecryptionException.class)
        .hasMessageContaining("stringData:moved:");
  }

  @Test
  void aFileForAnUnsupportedKeyTypeGetsAnErrorNamingTheType() throws Exception {
    KubeObject secret = read(KC + "algorithms/age.yaml");
    @SuppressWarnings("unchecked")
    Map<String, Object> sops = (Map<String, Object>) secret.content().get("sops");
    sops.put("age", List.of());
    sops.put("kms", List.of(Map.of("arn", "arn:aws:kms:eu-west-1:000000000000:key/x", "enc", "AQID")));
    DecryptionKeys keys = DecryptionKeys.fromSecretData(Map.of("sops.aws-kms", "creds".getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> new SopsDecryptor(keys).decryptObject(secret))
        .hasMessageContaining("AWS KMS")
        .hasMessageContaining("not supported")
        .hasMessageNotContaining("creds");
  }

  @Test
  void anSshKeyConvertedToAgeMatchesOnlyTheSecondStanza() throws Exception {
    Path dir = TestVectors.sops().resolve("derived/Mic92__sops-nix/pkgs/sops-install-secrets/test-assets");
    SopsDecryptor d = new SopsDecryptor(DecryptionKeys.fromFiles(List.of(dir.resolve("ssh-ed25519-key.as-age-x25519-identity.txt"))));
    byte[] file = Files.readAllBytes(TestVectors.sops().resolve("Mic92__sops-nix/pkgs/sops-install-secrets/test-assets/secrets.yaml"));

    assertThat(new String(d.decryptFile("secrets.yaml", file), StandardCharsets.UTF_8))
        .contains("test_key: test_value")
        .contains("file: another value");
  }

  @Test
  void malformedFilesFailNamingTheFileWithoutEchoingContent() {
    SopsDecryptor d = new SopsDecryptor(DecryptionKeys.empty());
    byte[] yaml = "sops: {mac: x}\nkey: [unclosed secret-ish\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> d.decryptFile("bad.yaml", yaml))
        .isInstanceOf(DecryptionException.class)
        .hasMessageContaining("bad.yaml")
        .hasMessageContaining("invalid YAML")
        .hasMessageNotContaining("secret-ish");
    byte[] env = "sops_mac=x\nno equals sign here\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> d.decryptFile("bad.env", env)).hasMessageContaining("bad.env").hasMessageContaining("line 2");
  }

  @Test
  void maskingReplacesEveryDataAndStringDataValue() {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("apiVersion", "v1");
    content.put("kind", "Secret");
    content.put("metadata", new LinkedHashMap<>(Map.of("name", "s")));
    content.put("data", new LinkedHashMap<>(Map.of("a", "dmFsdWU=")));
    content.put("stringData", new LinkedHashMap<>(Map.of("b", "value")));

    KubeObject masked = Masking.maskSecretValues(new KubeObject(content, "s.yaml"));

    assertThat(masked.content().get("data")).isEqualTo(Map.of("a", "**SOPS**"));
    assertThat(masked.content().get("stringData")).isEqualTo(Map.of("b", "**SOPS**"));
    assertThat(((Map<?, ?>) content.get("stringData")).get("b")).isEqualTo("value");
  }

  @Test
  void keysPrintOnlyTheirPublicSide() throws Exception {
    DecryptionKeys keys = DecryptionKeys.fromFiles(List.of(AGE_KEY, PGP_KEY));
    assertThat(keys.toString())
        .contains("age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29")
        .contains("pgp:35C1A64C")
        .doesNotContain("AGE-SECRET-KEY");
    assertThat(keys.plus(DecryptionKeys.empty()).publicRecipients()).isEqualTo(keys.publicRecipients());
  }

  static KubeObject read(String file) throws Exception {
    String text = Files.readString(TestVectors.sops().resolve(file));
    return new KubeObject(Yaml.readDocuments(file, text).get(0), file);
  }
}
