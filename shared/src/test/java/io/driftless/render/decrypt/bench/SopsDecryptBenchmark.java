package io.driftless.render.decrypt.bench;

import io.driftless.render.decrypt.DecryptionKeys;
import io.driftless.render.decrypt.SopsDecryptor;
import io.driftless.render.decrypt.TestVectors;
import io.driftless.render.decrypt.sops.SopsTestEncryptor;
import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark, not a test: decrypts 1,000 age-encrypted SOPS Secrets (5 values each) warm and
 * in-process and prints the time. Run with {@code ./mvnw -o -pl shared test
 * -Dtest=SopsDecryptBenchmark -Dbench=true}. Goal: under 1 s per 1,000 Secrets.
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "bench", matches = "true")
class SopsDecryptBenchmark {
  private static final int SECRETS = 1_000;
  private static final String RECIPIENT = "age1mhtqtnq547ckh46xad9v920gprd9289t5pyv9zsjekv92eww8esqn85mjg";

  @Test
  void decryptThousandSecrets() {
    main(new String[0]);
  }

  public static void main(String[] args) {
    SopsTestEncryptor encryptor = new SopsTestEncryptor(RECIPIENT).option("encrypted_regex", "^(data|stringData)$");
    List<Map<String, Object>> docs = new ArrayList<>();
    for (int i = 0; i < SECRETS; i++) {
      docs.add(encryptor.encrypt(secret(i)));
    }
    List<KubeObject> objects = new ArrayList<>();
    Yaml.readDocuments("bench.yaml", Yaml.writeDocuments(docs)).forEach(d -> objects.add(new KubeObject(d, "bench.yaml")));
    SopsDecryptor decryptor =
        new SopsDecryptor(DecryptionKeys.fromFiles(List.of(TestVectors.age().resolve("generated/key1.txt"))));

    for (int round = 0; round < 5; round++) {
      run(decryptor, objects);
    }
    long[] millis = new long[10];
    long[] cpuMillis = new long[millis.length];
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int round = 0; round < millis.length; round++) {
      long cpu = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      run(decryptor, objects);
      millis[round] = (System.nanoTime() - start) / 1_000_000;
      cpuMillis[round] = (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000;
    }
    Arrays.sort(millis);
    Arrays.sort(cpuMillis);
    List<byte[]> stanzas = new ArrayList<>();
    objects.forEach(o -> stanzas.add(((String) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) o.content().get("sops")).get("age")).get(0)).get("enc")).getBytes()));
    var ids = io.driftless.render.decrypt.age.AgeIdentities.parse(read("generated/key1.txt"));
    long ageStart = System.nanoTime();
    for (int round = 0; round < 5; round++) {
      stanzas.forEach(b -> io.driftless.render.decrypt.age.Age.decrypt(b, ids));
    }
    System.out.printf("BENCH of which age data-key unwrap: %d ms per 1,000%n", (System.nanoTime() - ageStart) / 5_000_000);
    System.out.printf(
        "BENCH decrypt %d SOPS Secrets (age, 5 values each), warm: wall min %d / median %d / max %d ms;"
            + " thread CPU min %d / median %d ms%n",
        SECRETS, millis[0], millis[millis.length / 2], millis[millis.length - 1],
        cpuMillis[0], cpuMillis[cpuMillis.length / 2]);
  }

  private static String read(String file) {
    try {
      return java.nio.file.Files.readString(TestVectors.age().resolve(file));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void run(SopsDecryptor decryptor, List<KubeObject> objects) {
    for (KubeObject o : objects) {
      if (decryptor.decryptObject(o).content().containsKey("sops")) {
        throw new IllegalStateException("not decrypted: " + o);
      }
    }
  }

  private static Map<String, Object> secret(int i) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int v = 0; v < 5; v++) {
      data.put("key" + v, "value-" + i + "-" + v + "-0123456789abcdef");
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "v1");
    doc.put("kind", "Secret");
    doc.put("metadata", new LinkedHashMap<>(Map.of("name", "secret-" + i, "namespace", "bench")));
    doc.put("type", "Opaque");
    doc.put("stringData", data);
    return doc;
  }
}
