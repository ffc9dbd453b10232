package io.driftless.render.decrypt.age;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** An age encryptor for one X25519 recipient, armored output; used only by tests and the benchmark. */
public final class AgeTestEncryptor {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int CHUNK = 64 * 1024;

  private AgeTestEncryptor() {}

  public static byte[] encryptArmored(byte[] plain, String recipient) {
    byte[] to = Bech32.decode(recipient).data();
    byte[] fileKey = random(16);
    byte[] ephemeral = random(32);
    byte[] share = new byte[32];
    X25519.scalarMultBase(ephemeral, 0, share, 0);
    byte[] shared = new byte[32];
    X25519.scalarMult(ephemeral, 0, to, 0, shared, 0);
    byte[] wrapKey = AgeCrypto.hkdf(shared, AgeCrypto.concat(share, to), X25519Identity.LABEL, 32);
    Base64.Encoder raw = Base64.getEncoder().withoutPadding();
    String header = "age-encryption.org/v1\n-> X25519 " + raw.encodeToString(share) + "\n"
        + wrapLines(raw.encodeToString(seal(wrapKey, new byte[12], fileKey))) + "---";
    byte[] macKey = AgeCrypto.hkdf(fileKey, new byte[0], "header", 32);
    byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
    byte[] mac = AgeCrypto.hmacSha256(macKey, headerBytes, headerBytes.length);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes((header + " " + raw.encodeToString(mac) + "\n").getBytes(StandardCharsets.US_ASCII));
    byte[] nonce = random(16);
    file.writeBytes(nonce);
    byte[] payloadKey = AgeCrypto.hkdf(fileKey, nonce, "payload", 32);
    int chunks = Math.max(1, (plain.length + CHUNK - 1) / CHUNK);
    for (int i = 0; i < chunks; i++) {
      int from = i * CHUNK;
      byte[] part = java.util.Arrays.copyOfRange(plain, from, Math.min(plain.length, from + CHUNK));
      byte[] chunkNonce = new byte[12];
      chunkNonce[10] = (byte) i;
      chunkNonce[9] = (byte) (i >>> 8);
      chunkNonce[11] = (byte) (i == chunks - 1 ? 1 : 0);
      file.writeBytes(seal(payloadKey, chunkNonce, part));
    }
    String armored = "-----BEGIN AGE ENCRYPTED FILE-----\n"
        + wrapLines(Base64.getEncoder().encodeToString(file.toByteArray()))
        + "-----END AGE ENCRYPTED FILE-----\n";
    return armored.getBytes(StandardCharsets.US_ASCII);
  }

  /** 64-column lines, each ending in LF; a body that fills its last line gets an empty one (age stanzas). */
  private static String wrapLines(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i += 64) {
      out.append(text, i, Math.min(text.length(), i + 64)).append('\n');
    }
    return out.toString();
  }

  private static byte[] seal(byte[] key, byte[] nonce, byte[] plain) {
    ChaCha20Poly1305 aead = new ChaCha20Poly1305();
    aead.init(true, new AEADParameters(new KeyParameter(key), 128, nonce));
    byte[] out = new byte[aead.getOutputSize(plain.length)];
    int n = aead.processBytes(plain, 0, plain.length, out, 0);
    try {
      aead.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
