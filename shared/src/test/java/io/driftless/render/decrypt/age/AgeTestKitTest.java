package io.driftless.render.decrypt.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.driftless.render.decrypt.TestVectors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every non-hybrid vector of the C2SP/CCTV age test kit gives the outcome the kit expects. */
class AgeTestKitTest {

  record Vector(
      String name, String expect, String payloadSha256, List<AgeIdentity> identities, boolean armored, byte[] file) {
    @Override
    public String toString() {
      return name + " (" + expect + ")";
    }
  }

  static Stream<Vector> vectors() throws IOException {
    try (Stream<Path> files = Files.list(TestVectors.age().resolve("cctv"))) {
      return files
          .filter(p -> !p.getFileName().toString().equals("README.md"))
          .sorted()
          .map(AgeTestKitTest::read)
          .filter(v -> v != null)
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void vectorGivesTheExpectedOutcome(Vector v) throws Exception {
    if (v.expect().equals("success")) {
      byte[] plain = Age.decrypt(v.file(), v.armored(), v.identities());
      assertThat(sha256(plain)).isEqualTo(v.payloadSha256());
    } else {
      java.io.ByteArrayOutputStream released = new java.io.ByteArrayOutputStream();
      AgeException e = catchThrowableOfType(
          () -> Age.decrypt(v.file(), v.armored(), v.identities(), released), AgeException.class);
      assertThat(e).as("%s must fail", v.name()).isNotNull();
      assertThat(e.failureClass().testKitName()).as(e.getMessage()).isEqualTo(v.expect());
      if (v.expect().equals("payload failure")) {
        assertThat(sha256(released.toByteArray())).as("plaintext released before the failure").isEqualTo(v.payloadSha256());
      }
    }
  }

  @org.junit.jupiter.api.Test
  void hybridIdentitiesAreRefusedWithAClearError() throws IOException {
    String text = Files.readString(TestVectors.age().resolve("cctv/hybrid"), StandardCharsets.ISO_8859_1);
    String identity = text.lines().filter(l -> l.startsWith("identity: ")).findFirst().orElseThrow();
    assertThatThrownBy(() -> AgeIdentities.parse(identity.substring(10)))
        .hasMessageContaining("post-quantum")
        .hasMessageNotContaining(identity.substring(10, 30));
  }

  @org.junit.jupiter.api.Test
  void testKitHasTheNonHybridVectorsTheReadmeCounts() throws IOException {
    assertThat(vectors().count()).isEqualTo(143 - 19);
  }

  private static Vector read(Path p) {
    try {
      byte[] all = Files.readAllBytes(p);
      int split = indexOf(all, "\n\n".getBytes(StandardCharsets.US_ASCII));
      String head = new String(all, 0, split, StandardCharsets.UTF_8);
      byte[] body = java.util.Arrays.copyOfRange(all, split + 2, all.length);
      String expect = null;
      String payload = null;
      boolean zlib = false;
      boolean armored = false;
      List<AgeIdentity> ids = new ArrayList<>();
      for (String line : head.split("\n")) {
        int c = line.indexOf(": ");
        String key = line.substring(0, c);
        String value = line.substring(c + 2);
        switch (key) {
          case "expect" -> expect = value;
          case "payload" -> payload = value;
          case "compressed" -> zlib = value.equals("zlib");
          case "armored" -> armored = value.equals("yes");
          case "passphrase" -> ids.add(new ScryptIdentity(value));
          case "identity" -> {
            if (value.startsWith("AGE-SECRET-KEY-PQ-1")) {
              return null;
            }
            ids.add(X25519Identity.parse(value));
          }
          default -> { }
        }
      }
      if (zlib) {
        try (InputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(body))) {
          body = in.readAllBytes();
        }
      }
      return new Vector(p.getFileName().toString(), expect, payload, ids, armored, body);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= data.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("no blank line after the vector header");
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
