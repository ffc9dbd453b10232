package io.driftless.render.decrypt.age;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** The primitives age is built from: HKDF-SHA-256, HMAC-SHA-256 and ChaCha20-Poly1305. */
final class AgeCrypto {
  static final int TAG_SIZE = 16;
  static final int FILE_KEY_SIZE = 16;

  private AgeCrypto() {}

  static byte[] hkdf(byte[] ikm, byte[] salt, String info, int length) {
    HKDFBytesGenerator gen = new HKDFBytesGenerator(new SHA256Digest());
    gen.init(new HKDFParameters(ikm, salt, info.getBytes(StandardCharsets.US_ASCII)));
    byte[] out = new byte[length];
    gen.generateBytes(out, 0, length);
    return out;
  }

  static byte[] hmacSha256(byte[] key, byte[] data, int length) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    mac.update(data, 0, length);
    byte[] out = new byte[mac.getMacSize()];
    mac.doFinal(out, 0);
    return out;
  }

  /** ChaCha20-Poly1305 open; null when the tag does not verify. */
  static byte[] open(byte[] key, byte[] nonce, byte[] in, int off, int len) {
    ChaCha20Poly1305 aead = new ChaCha20Poly1305();
    aead.init(false, new AEADParameters(new KeyParameter(key), TAG_SIZE * 8, nonce));
    byte[] out = new byte[Math.max(0, len - TAG_SIZE)];
    try {
      int n = aead.processBytes(in, off, len, out, 0);
      aead.doFinal(out, n);
      return out;
    } catch (InvalidCipherTextException | IllegalStateException e) {
      return null;
    }
  }

  /** Unwraps a 16-byte file key sealed under {@code key} with the all-zero nonce; null on a bad tag. */
  static byte[] unwrapFileKey(byte[] key, byte[] body, String stanzaType) {
    if (body.length != FILE_KEY_SIZE + TAG_SIZE) {
      throw new AgeException(
          AgeException.FailureClass.HEADER, stanzaType + " stanza body is not a 16-byte file key");
    }
    return open(key, new byte[12], body, 0, body.length);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
