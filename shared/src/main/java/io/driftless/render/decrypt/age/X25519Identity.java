package io.driftless.render.decrypt.age;

import java.util.List;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** An {@code AGE-SECRET-KEY-1…} identity, unwrapping {@code X25519} stanzas. */
public final class X25519Identity implements AgeIdentity {
  static final String LABEL = "age-encryption.org/v1/X25519";
  private final byte[] secret;
  private final byte[] publicKey = new byte[32];

  private X25519Identity(byte[] secret) {
    this.secret = secret;
    X25519.scalarMultBase(secret, 0, publicKey, 0);
  }

  /** Parses a Bech32 {@code AGE-SECRET-KEY-1…} string; the error never repeats the string. */
  public static X25519Identity parse(String encoded) {
    Bech32.Decoded d;
    try {
      d = Bech32.decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed age secret key: " + e.getMessage());
    }
    if (!d.hrp().equals("age-secret-key-") || d.data().length != 32) {
      throw new IllegalArgumentException("malformed age secret key: wrong type or length");
    }
    return new X25519Identity(d.data());
  }

  @Override
  public String recipient() {
    return Bech32.encode("age", publicKey);
  }

  @Override
  public byte[] unwrap(List<AgeHeader.Stanza> stanzas) {
    for (AgeHeader.Stanza s : stanzas) {
      if (!s.type().equals("X25519")) {
        continue;
      }
      if (s.args().size() != 2) {
        throw AgeHeader.fail("X25519 stanza must have exactly one argument");
      }
      byte[] share = StrictBase64.decodeRaw(s.args().get(1));
      if (share == null || share.length != 32) {
        throw AgeHeader.fail("X25519 share is not 32 canonical bytes");
      }
      byte[] shared = new byte[32];
      if (!X25519.calculateAgreement(secret, 0, share, 0, shared, 0)) {
        throw AgeHeader.fail("X25519 share gives the all-zero shared secret");
      }
      byte[] key = AgeCrypto.hkdf(shared, AgeCrypto.concat(share, publicKey), LABEL, 32);
      byte[] fileKey = AgeCrypto.unwrapFileKey(key, s.body(), "X25519");
      if (fileKey != null) {
        return fileKey;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "X25519Identity(" + recipient() + ")";
  }
}
