package io.driftless.render.decrypt;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.render.decrypt.age.Age;
import io.driftless.render.decrypt.age.AgeIdentities;
import io.driftless.render.decrypt.age.AgeIdentity;
import io.driftless.render.decrypt.age.ScryptIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Drives every failure path (bad vectors, wrong keys, tampered and truncated files, broken key
 * files) and greps all that the code throws or prints, and new temp files, for plaintexts and key
 * material from the test vectors.
 */
class DecryptionNeverLeaksSecretsTest {
  private final List<String> output = new ArrayList<>();

  @Test
  void noErrorOutputOrTempFileHoldsPlaintextOrKeyMaterial() throws Exception {
    Set<Path> tempBefore = tempFiles();
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      failAgeVectors();
      failSopsFiles();
      failKeyFiles();
      output.add(DecryptionKeys.fromFiles(allKeyFiles()).toString());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    output.add(printed.toString(StandardCharsets.UTF_8));
    for (Path p : tempFiles()) {
      if (!tempBefore.contains(p) && Files.isRegularFile(p) && Files.size(p) < 1_000_000) {
        output.add(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }

    String all = String.join("\n", output);
    assertThat(output).hasSizeGreaterThan(150);
    for (String secret : secrets()) {
      assertThat(all).as("output must not contain a secret of length %d", secret.length()).doesNotContain(secret);
    }
  }

  private void failAgeVectors() throws IOException {
    try (Stream<Path> files = Files.list(TestVectors.age().resolve("cctv"))) {
      for (Path p : files.sorted().toList()) {
        String text = Files.readString(p, StandardCharsets.ISO_8859_1);
        if (p.endsWith("README.md") || text.contains("AGE-SECRET-KEY-PQ") || text.contains("compressed: zlib")) {
          continue;
        }
        List<AgeIdentity> ids = new ArrayList<>();
        text.lines().takeWhile(l -> !l.isEmpty()).forEach(l -> {
          if (l.startsWith("identity: ")) {
            ids.addAll(AgeIdentities.parse(l.substring(10)));
          } else if (l.startsWith("passphrase: ")) {
            ids.add(new ScryptIdentity(l.substring(12)));
          }
        });
        byte[] body = text.substring(text.indexOf("\n\n") + 2).getBytes(StandardCharsets.ISO_8859_1);
        attempt(() -> Age.decrypt(body, ids));
        attempt(() -> Age.decrypt(body, AgeIdentities.parse(key("age/generated/key1.txt"))));
      }
    }
  }

  private void failSopsFiles() throws IOException {
    SopsDecryptor wrongKey = new SopsDecryptor(DecryptionKeys.fromFiles(List.of(TestVectors.age().resolve("generated/key2.txt"))));
    for (SopsManifest m : SopsManifest.all()) {
      byte[] content = Files.readAllBytes(m.path());
      String name = m.path().getFileName().toString();
      attempt(() -> wrongKey.decryptFile(name, content));
      if (m.outcome() != SopsManifest.Outcome.DECRYPTS) {
        attempt(() -> new SopsDecryptor(DecryptionKeys.fromFiles(m.keyFiles())).decryptFile(name, content));
        continue;
      }
      SopsDecryptor right = new SopsDecryptor(DecryptionKeys.fromFiles(m.keyFiles()));
      String text = new String(content, StandardCharsets.UTF_8);
      attempt(() -> right.decryptFile(name, text.substring(0, text.length() / 2).getBytes(StandardCharsets.UTF_8)));
      attempt(() -> right.decryptFile(name, text.replaceFirst("data:[A-Za-z0-9+/]{2}", "data:AA").getBytes(StandardCharsets.UTF_8)));
      attempt(() -> right.decryptFile(name, text.replaceFirst("iv:[A-Za-z0-9+/]{4}", "iv:AAAA").getBytes(StandardCharsets.UTF_8)));
      attempt(() -> right.decryptFile(name, text.replace("lastmodified", "lastmodifie").getBytes(StandardCharsets.UTF_8)));
    }
  }

  private void failKeyFiles() throws IOException {
    for (Path key : allKeyFiles()) {
      String text = Files.readString(key);
      attempt(() -> DecryptionKeys.fromSecretData(Map.of("x.agekey", text.replace('q', 'p').getBytes(StandardCharsets.UTF_8))));
      attempt(() -> DecryptionKeys.fromSecretData(Map.of("x.asc", text.replace('A', 'B').getBytes(StandardCharsets.UTF_8))));
      attempt(() -> DecryptionKeys.fromSecretData(Map.of("x.agekey", text.getBytes(StandardCharsets.UTF_8))));
    }
  }

  private void attempt(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      output.add(trace.toString());
    }
  }

  /** Distinctive plaintexts and every piece of private key material in the vectors. */
  private static List<String> secrets() throws IOException {
    List<String> out = new ArrayList<>();
    for (SopsManifest m : SopsManifest.all()) {
      m.values().stream().map(Map.Entry::getValue)
          .filter(v -> v.length() >= 5 && !v.equals("value") && !m.file().contains(v))
          .forEach(out::add);
      if (m.dataKey() != null) {
        out.add(HexFormat.of().formatHex(m.dataKey()));
        out.add(HexFormat.of().formatHex(m.dataKey()).toUpperCase(Locale.ROOT));
        out.add(Base64.getEncoder().encodeToString(m.dataKey()));
      }
    }
    out.add("AGE-SECRET-KEY-1");
    out.add("PRIVATE KEY");
    for (Path key : allKeyFiles()) {
      for (String line : Files.readAllLines(key)) {
        String l = line.strip();
        if (l.length() >= 40 && !l.startsWith("#") && !l.startsWith("-----") && !l.startsWith("age1")) {
          out.add(l.toUpperCase(Locale.ROOT).startsWith("AGE-SECRET-KEY-") ? l.substring(20) : l);
        }
      }
    }
    return out;
  }

  private static List<Path> allKeyFiles() {
    Set<Path> keys = new HashSet<>();
    SopsManifest.all().forEach(m -> m.keyFiles().stream().filter(p -> !p.toString().endsWith("age-pq.txt")).forEach(keys::add));
    for (String k : List.of("key1.txt", "key2.txt", "key3.txt")) {
      keys.add(TestVectors.age().resolve("generated/" + k));
    }
    return keys.stream().sorted().toList();
  }

  private static String key(String path) {
    try {
      return Files.readString(TestVectors.root().resolve(path));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Set<Path> tempFiles() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return new HashSet<>(s.toList());
    } catch (IOException e) {
      return Set.of();
    }
  }
}
