package io.driftless.render.decrypt.age;

import io.driftless.render.decrypt.age.AgeException.FailureClass;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** Decrypts age v1 files (binary or armored) with X25519, scrypt and ssh-ed25519 identities. */
public final class Age {
  private static final String HYBRID_TYPE = "mlkem768x25519";

  private Age() {}

  /**
   * The plaintext of {@code file}, or an {@link AgeException} naming the failure class. The file is
   * read as armored when it starts (after whitespace) with a PEM line, else as binary.
   */
  public static byte[] decrypt(byte[] file, List<? extends AgeIdentity> identities) {
    return decrypt(file, AgeArmor.isArmored(file), identities);
  }

  /** As {@link #decrypt(byte[], List)}, with the caller saying whether the file is armored. */
  public static byte[] decrypt(byte[] file, boolean armored, List<? extends AgeIdentity> identities) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(file.length);
    decrypt(file, armored, identities, out);
    return out.toByteArray();
  }

  /** Decrypts into {@code out}; after a payload failure it holds the chunks that authenticated. */
  static void decrypt(
      byte[] file, boolean armored, List<? extends AgeIdentity> identities, ByteArrayOutputStream out) {
    byte[] bytes = armored ? AgeArmor.decode(file) : file;
    AgeHeader header = AgeHeader.parse(bytes);
    List<AgeHeader.Stanza> stanzas = header.stanzas();
    if (stanzas.size() > 1 && stanzas.stream().anyMatch(s -> s.type().equals("scrypt"))) {
      throw AgeHeader.fail("an scrypt stanza must be alone in the header");
    }
    byte[] fileKey = null;
    for (AgeIdentity identity : identities) {
      fileKey = identity.unwrap(stanzas);
      if (fileKey != null) {
        break;
      }
    }
    if (fileKey == null) {
      throw new AgeException(FailureClass.NO_MATCH, noMatchMessage(stanzas, identities));
    }
    byte[] macKey = AgeCrypto.hkdf(fileKey, new byte[0], "header", 32);
    byte[] mac = AgeCrypto.hmacSha256(macKey, bytes, header.macInputLength());
    if (!MessageDigest.isEqual(mac, header.mac())) {
      throw new AgeException(FailureClass.HMAC, "header MAC does not verify");
    }
    AgePayload.decrypt(fileKey, bytes, header.payloadOffset(), out);
  }

  private static String noMatchMessage(
      List<AgeHeader.Stanza> stanzas, List<? extends AgeIdentity> identities) {
    List<String> tried = new ArrayList<>();
    identities.forEach(i -> tried.add(i.recipient()));
    String msg = "no identity matched any of the file's recipients (tried " + tried + ")";
    if (stanzas.stream().anyMatch(s -> s.type().equals(HYBRID_TYPE))) {
      msg += "; the file has post-quantum " + HYBRID_TYPE + " recipients, which are not supported";
    }
    return msg;
  }
}
