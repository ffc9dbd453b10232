package io.driftless.render.decrypt.age;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.SCrypt;

/** A passphrase, unwrapping the single {@code scrypt} stanza of a passphrase-encrypted file. */
public final class ScryptIdentity implements AgeIdentity {
  private static final byte[] LABEL = "age-encryption.org/v1/scrypt".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern DECIMAL = Pattern.compile("[1-9][0-9]{0,2}");
  private static final int MAX_WORK_FACTOR = 22;
  private final byte[] passphrase;

  public ScryptIdentity(String passphrase) {
    this.passphrase = passphrase.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String recipient() {
    return "scrypt passphrase";
  }

  @Override
  public byte[] unwrap(List<AgeHeader.Stanza> stanzas) {
    for (AgeHeader.Stanza s : stanzas) {
      if (!s.type().equals("scrypt")) {
        continue;
      }
      if (s.args().size() != 3) {
        throw AgeHeader.fail("scrypt stanza must have a salt and a work factor");
      }
      byte[] salt = StrictBase64.decodeRaw(s.args().get(1));
      if (salt == null || salt.length != 16) {
        throw AgeHeader.fail("scrypt salt is not 16 canonical bytes");
      }
      String factor = s.args().get(2);
      if (!DECIMAL.matcher(factor).matches() || Integer.parseInt(factor) > MAX_WORK_FACTOR) {
        throw AgeHeader.fail("scrypt work factor is invalid or above " + MAX_WORK_FACTOR);
      }
      if (s.body().length != AgeCrypto.FILE_KEY_SIZE + AgeCrypto.TAG_SIZE) {
        throw AgeHeader.fail("scrypt stanza body is not a 16-byte file key");
      }
      int n = 1 << Integer.parseInt(factor);
      byte[] key = SCrypt.generate(passphrase, AgeCrypto.concat(LABEL, salt), n, 8, 1, 32);
      byte[] fileKey = AgeCrypto.unwrapFileKey(key, s.body(), "scrypt");
      if (fileKey != null) {
        return fileKey;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "ScryptIdentity(***)";
  }
}
