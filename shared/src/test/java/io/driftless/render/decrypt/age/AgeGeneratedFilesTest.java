package io.driftless.render.decrypt.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.driftless.render.decrypt.TestVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Files made with the age CLI decrypt to the plaintext listed in SHA256SUMS.plain. */
class AgeGeneratedFilesTest {
  private static final Path DIR = TestVectors.age().resolve("generated");

  static Stream<Path> encryptedFiles() throws IOException {
    try (Stream<Path> files = Files.list(DIR.resolve("enc"))) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encryptedFiles")
  void decryptsToTheListedSha256(Path file) throws Exception {
    String name = file.getFileName().toString();
    String plainName = name.substring(0, name.indexOf('.')) + ".bin";
    List<AgeIdentity> key = name.contains("key3only") ? key("key3.txt") : key("key1.txt");

    byte[] plain = Age.decrypt(Files.readAllBytes(file), key);

    assertThat(AgeTestKitTest.sha256(plain)).isEqualTo(sums().get(plainName));
  }

  @Test
  void eitherRecipientOfATwoRecipientFileDecryptsIt() throws Exception {
    byte[] file = Files.readAllBytes(DIR.resolve("enc/64KiB_plus1.key1+key2.armored.age"));
    assertThat(AgeTestKitTest.sha256(Age.decrypt(file, key("key2.txt"))))
        .isEqualTo(sums().get("64KiB_plus1.bin"));
  }

  @Test
  void aFileForAnotherKeyFailsWithNoMatchNamingTheKeysTried() throws Exception {
    byte[] file = Files.readAllBytes(DIR.resolve("enc/1byte.key3only.age"));
    List<AgeIdentity> keys = key("key1.txt");
    AgeException e = catchThrowableOfType(() -> Age.decrypt(file, keys), AgeException.class);
    assertThat(e.failureClass()).isEqualTo(AgeException.FailureClass.NO_MATCH);
    assertThat(e.getMessage()).contains(keys.get(0).recipient()).doesNotContain("AGE-SECRET-KEY");
  }

  @Test
  void sshEd25519AndScryptIdentitiesDecryptSopsTestConstants() throws Exception {
    Path dir = TestVectors.sops().resolve("getsops__sops/extracted/age_keysource_test");
    List<AgeIdentity> ssh = AgeIdentities.parse(Files.readString(dir.resolve("ssh_identity")));
    assertThat(Age.decrypt(Files.readAllBytes(dir.resolve("encrypted_ssh_key.age")), ssh))
        .isEqualTo(Files.readAllBytes(dir.resolve("encrypted_ssh_key.expected")));

    String pass = Files.readString(dir.resolve("encrypted_identity.passphrase"));
    byte[] identityFile =
        Age.decrypt(Files.readAllBytes(dir.resolve("encrypted_identity.age")), List.of(new ScryptIdentity(pass)));
    assertThat(identityFile).isEqualTo(Files.readAllBytes(dir.resolve("encrypted_identity.expected")));

    List<AgeIdentity> x25519 = AgeIdentities.parse(new String(identityFile, StandardCharsets.UTF_8));
    assertThat(Age.decrypt(Files.readAllBytes(dir.resolve("encrypted_key.age")), x25519))
        .isEqualTo(Files.readAllBytes(dir.resolve("encrypted_key.expected")));
    assertThat(x25519.get(0).recipient()).isEqualTo(Files.readString(dir.resolve("recipient.txt")).strip());
  }

  private static List<AgeIdentity> key(String name) throws IOException {
    return AgeIdentities.parse(Files.readString(DIR.resolve(name)));
  }

  private static Map<String, String> sums() throws IOException {
    Map<String, String> out = new HashMap<>();
    for (String line : Files.readAllLines(DIR.resolve("SHA256SUMS.plain"))) {
      String[] parts = line.trim().split("\\s+\\*?");
      out.put(Path.of(parts[1]).getFileName().toString(), parts[0]);
    }
    return out;
  }
}
