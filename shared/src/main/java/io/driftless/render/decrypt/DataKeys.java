package io.driftless.render.decrypt;

import io.driftless.render.decrypt.age.Age;
import io.driftless.render.decrypt.age.AgeException;
import io.driftless.render.decrypt.sops.DataKeySource;
import io.driftless.render.decrypt.sops.SopsMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Recovers a file's data key from its age or PGP recipients with the registered keys. */
final class DataKeys implements DataKeySource {
  private static final int DATA_KEY_SIZE = 32;
  private final DecryptionKeys keys;

  DataKeys(DecryptionKeys keys) {
    this.keys = keys;
  }

  @Override
  public byte[] dataKey(SopsMetadata meta) {
    List<String> problems = new ArrayList<>();
    if (!keys.ageIdentities().isEmpty()) {
      for (SopsMetadata.KeyGroupEntry entry : meta.age()) {
        try {
          return checked(Age.decrypt(entry.enc().getBytes(StandardCharsets.UTF_8), keys.ageIdentities()));
        } catch (AgeException e) {
          if (e.failureClass() != AgeException.FailureClass.NO_MATCH) {
            problems.add("age stanza for " + entry.recipient() + " is corrupt (" + e.failureClass().testKitName() + ")");
          }
        }
      }
    }
    if (!keys.pgpKeys().isEmpty()) {
      for (SopsMetadata.KeyGroupEntry entry : meta.pgp()) {
        try {
          byte[] key = keys.pgpKeys().decrypt(entry.enc());
          if (key != null) {
            return checked(key);
          }
        } catch (IllegalArgumentException e) {
          problems.add("pgp:" + entry.recipient() + ": " + e.getMessage());
        }
      }
    }
    throw new DecryptionException(noKeyMessage(meta, problems));
  }

  private String noKeyMessage(SopsMetadata meta, List<String> problems) {
    Set<String> unsupported = new LinkedHashSet<>(meta.unsupportedTypes());
    unsupported.retainAll(keys.unsupportedTypes().isEmpty() ? meta.unsupportedTypes() : keys.unsupportedTypes());
    StringBuilder msg = new StringBuilder("no decryption key matched: the file is encrypted for ")
        .append(meta.recipients().isEmpty() ? "no age or PGP recipient" : meta.recipients())
        .append("; keys tried ")
        .append(keys.publicRecipients());
    if (!unsupported.isEmpty() || (meta.age().isEmpty() && meta.pgp().isEmpty() && !keys.unsupportedTypes().isEmpty())) {
      Set<String> named = unsupported.isEmpty() ? keys.unsupportedTypes() : unsupported;
      msg.append("; key type ").append(String.join(", ", named)).append(" is not supported by Driftless (use age or PGP)");
    }
    if (meta.age().stream().anyMatch(e -> e.recipient().startsWith("age1pq1"))) {
      msg.append("; post-quantum hybrid (mlkem768x25519) age recipients are not supported");
    }
    problems.forEach(p -> msg.append("; ").append(p));
    return msg.toString();
  }

  private static byte[] checked(byte[] key) {
    if (key.length != DATA_KEY_SIZE) {
      throw new DecryptionException("recovered SOPS data key has " + key.length + " bytes, expected 32");
    }
    return key;
  }
}
