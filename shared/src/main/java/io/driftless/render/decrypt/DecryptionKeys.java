package io.driftless.render.decrypt;

import io.driftless.model.SecretResolver;
import io.driftless.render.decrypt.age.AgeIdentities;
import io.driftless.render.decrypt.age.AgeIdentity;
import io.driftless.render.decrypt.pgp.PgpKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Private key material for SOPS: age identities and OpenPGP secret keys. Never logged; {@link
 * #toString()} shows only public recipients.
 */
public final class DecryptionKeys {
  private static final Map<String, String> UNSUPPORTED_ENTRIES =
      Map.of(
          "sops.aws-kms", "AWS KMS",
          "sops.azure-kv", "Azure Key Vault",
          "sops.gcp-kms", "GCP KMS",
          "sops.vault-token", "HashiCorp Vault");

  private final List<AgeIdentity> age;
  private final PgpKeys pgp;
  private final Set<String> unsupportedTypes;

  private DecryptionKeys(List<AgeIdentity> age, PgpKeys pgp, Set<String> unsupportedTypes) {
    this.age = List.copyOf(age);
    this.pgp = pgp;
    this.unsupportedTypes = Set.copyOf(unsupportedTypes);
  }

  public static DecryptionKeys empty() {
    return new DecryptionKeys(List.of(), PgpKeys.empty(), Set.of());
  }

  /**
   * Keys from the data of Flux's decryption Secret: {@code *.agekey} entries (age identities, one per
   * line, {@code #} comments) and {@code *.asc} entries (armored PGP private keys). Entries for KMS,
   * Key Vault or Vault are remembered so that a file needing them gets an error naming the type.
   */
  public static DecryptionKeys fromSecretData(Map<String, byte[]> data) {
    List<AgeIdentity> age = new ArrayList<>();
    PgpKeys pgp = PgpKeys.empty();
    Set<String> unsupported = new LinkedHashSet<>();
    for (Map.Entry<String, byte[]> e : data.entrySet()) {
      String name = e.getKey();
      if (name.endsWith(".agekey")) {
        age.addAll(parse(name, () -> AgeIdentities.parse(new String(e.getValue(), StandardCharsets.UTF_8))));
      } else if (name.endsWith(".asc")) {
        pgp = pgp.plus(parse(name, () -> PgpKeys.parse(e.getValue())));
      } else if (UNSUPPORTED_ENTRIES.containsKey(name)) {
        unsupported.add(UNSUPPORTED_ENTRIES.get(name));
      }
    }
    return new DecryptionKeys(age, pgp, unsupported);
  }

  /**
   * Keys registered with Driftless by reference ({@code DRIFTLESS_SOPS_KEYS}), each read through
   * {@code secrets}: a file, {@code env:NAME} or a Secrets Manager ARN. A reference ending in
   * {@code .asc} holds a PGP key, any other age identities.
   */
  public static DecryptionKeys fromReferences(List<String> refs, SecretResolver secrets) {
    Map<String, byte[]> data = new LinkedHashMap<>();
    for (String ref : refs) {
      data.put("registered-" + data.size() + (ref.endsWith(".asc") ? ".asc" : ".agekey"), secrets.resolve(ref));
    }
    return fromSecretData(data);
  }

  /** Local key files registered by reference: {@code .asc} files are PGP keys, others age identities. */
  public static DecryptionKeys fromFiles(List<Path> files) {
    List<AgeIdentity> age = new ArrayList<>();
    PgpKeys pgp = PgpKeys.empty();
    for (Path file : files) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new DecryptionException("cannot read key file " + file + ": " + e.getClass().getSimpleName());
      }
      String name = file.toString();
      if (name.endsWith(".asc")) {
        pgp = pgp.plus(parse(name, () -> PgpKeys.parse(bytes)));
      } else {
        age.addAll(parse(name, () -> AgeIdentities.parse(new String(bytes, StandardCharsets.UTF_8))));
      }
    }
    return new DecryptionKeys(age, pgp, Set.of());
  }

  public DecryptionKeys plus(DecryptionKeys other) {
    List<AgeIdentity> allAge = new ArrayList<>(age);
    allAge.addAll(other.age);
    Set<String> allUnsupported = new LinkedHashSet<>(unsupportedTypes);
    allUnsupported.addAll(other.unsupportedTypes);
    return new DecryptionKeys(allAge, pgp.plus(other.pgp), allUnsupported);
  }

  /** The public side of every key: age recipients and {@code pgp:FINGERPRINT}s. */
  public List<String> publicRecipients() {
    List<String> out = new ArrayList<>();
    age.forEach(i -> out.add(i.recipient()));
    pgp.fingerprints().forEach(f -> out.add("pgp:" + f));
    return out;
  }

  List<AgeIdentity> ageIdentities() {
    return age;
  }

  PgpKeys pgpKeys() {
    return pgp;
  }

  Set<String> unsupportedTypes() {
    return unsupportedTypes;
  }

  private static <T> T parse(String source, java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new DecryptionException("invalid decryption key " + source + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "DecryptionKeys" + publicRecipients() + " (private material masked)";
  }
}
