package io.driftless.render.decrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SOPS file in the manifest, opened with its own key files (age or PGP) through the build
 * stage's API, decrypts to output holding the expected values, or fails with the manifest's reason.
 */
class SopsFilesDecryptionTest {

  static Stream<SopsManifest> manifest() {
    return SopsManifest.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifest")
  void decryptsWithItsKeyFilesOrFailsWhereTheManifestSays(SopsManifest m) throws Exception {
    byte[] content = Files.readAllBytes(m.path());
    String name = m.format().startsWith("binary") ? "file.bin" : m.path().getFileName().toString();
    switch (m.outcome()) {
      case HYBRID_KEY -> {
        assertThatThrownBy(() -> DecryptionKeys.fromFiles(m.keyFiles()))
            .isInstanceOf(DecryptionException.class)
            .hasMessageContaining("post-quantum");
        assertThatThrownBy(() -> new SopsDecryptor(DecryptionKeys.empty()).decryptFile(name, content))
            .hasMessageContaining(name)
            .hasMessageContaining("post-quantum hybrid");
      }
      case NO_KEY -> assertThatThrownBy(() -> new SopsDecryptor(DecryptionKeys.empty()).decryptFile(name, content))
          .isInstanceOf(DecryptionException.class)
          .hasMessageContaining(name)
          .hasMessageContaining("no decryption key matched")
          .hasMessageContaining("age10la2ge0wtvx3qr7datqf7rs4yngxszdal927fs9rukamr8u2pshsvtz7ce");
      case MAC_MISMATCH -> assertThatThrownBy(() -> decryptor(m).decryptFile(name, content))
          .hasMessageContaining(name).hasMessageContaining("MAC mismatch");
      case NO_MAC -> assertThatThrownBy(() -> decryptor(m).decryptFile(name, content))
          .hasMessageContaining(name).hasMessageContaining("no sops.mac");
      case DECRYPTS -> {
        String out = new String(decryptor(m).decryptFile(name, content), StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("ENC[AES256_GCM").doesNotContain("sops_mac").doesNotContain("lastmodified");
        for (var value : m.values()) {
          assertThat(out).contains(escapedLike(name, value.getValue()));
        }
      }
    }
  }

  @Test
  void sopsFunctionalTestFormatsDecryptToTheExactOutputOfSops() throws Exception {
    SopsDecryptor d = new SopsDecryptor(DecryptionKeys.fromFiles(
        List.of(TestVectors.sops().resolve("getsops__sops/pgp/sops_functional_tests_key.asc"))));
    assertThat(decrypt(d, "format.enc.yaml")).isEqualTo("foo: bar\n");
    assertThat(decrypt(d, "format.enc.json")).isEqualTo("{\n\t\"foo\": \"bar\"\n}\n");
    assertThat(decrypt(d, "format.enc.env")).isEqualTo("foo = bar\n");
    assertThat(decrypt(d, "format.enc.ini")).isEqualTo("[foo]\nbar = baz\n");
    assertThat(decrypt(d, "format-2.enc.ini")).isEqualTo("[foo]\nbar = baz\n");
    assertThat(decrypt(d, "comments.enc.yaml"))
        .isEqualTo(Files.readString(TestVectors.sops().resolve("getsops__sops/functional-tests/res/comments.yaml")) + "\n");
  }

  @Test
  void aFileWithoutSopsMetadataComesBackUnchanged() throws Exception {
    byte[] plain = Files.readAllBytes(TestVectors.sops().resolve(
        "fluxcd__kustomize-controller@29080cb/internal/controller/testdata/sops/month/unencrypted-year.env"));
    assertThat(new SopsDecryptor(DecryptionKeys.empty()).decryptFile("unencrypted-year.env", plain)).isEqualTo(plain);
  }

  private static String decrypt(SopsDecryptor d, String file) throws Exception {
    byte[] content = Files.readAllBytes(TestVectors.sops().resolve("getsops__sops/functional-tests/res/" + file));
    return new String(d.decryptFile(file.replace(".enc", ""), content), StandardCharsets.UTF_8);
  }

  private static String escapedLike(String name, String value) {
    return name.endsWith(".env") || name.endsWith(".txt") ? value.replace("\n", "\\n") : value.lines().findFirst().orElse("");
  }

  private static SopsDecryptor decryptor(SopsManifest m) {
    return new SopsDecryptor(DecryptionKeys.fromFiles(m.keyFiles()));
  }
}
