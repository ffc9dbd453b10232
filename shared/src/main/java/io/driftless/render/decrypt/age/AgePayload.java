package io.driftless.render.decrypt.age;

import io.driftless.render.decrypt.age.AgeException.FailureClass;
import java.io.ByteArrayOutputStream;

/** The STREAM payload: a 16-byte nonce, then 64 KiB ChaCha20-Poly1305 chunks, the last one flagged. */
final class AgePayload {
  private static final int NONCE_SIZE = 16;
  private static final int CHUNK = 64 * 1024;
  private static final int SEALED_CHUNK = CHUNK + AgeCrypto.TAG_SIZE;

  private AgePayload() {}

  /**
   * Decrypts the payload into {@code out}, chunk by chunk; on a failure {@code out} holds what was
   * authenticated before it (the test kit checks that part too).
   */
  static void decrypt(byte[] fileKey, byte[] file, int offset, ByteArrayOutputStream out) {
    if (file.length - offset < NONCE_SIZE) {
      throw new AgeException(FailureClass.HEADER, "payload nonce is missing or short");
    }
    byte[] salt = new byte[NONCE_SIZE];
    System.arraycopy(file, offset, salt, 0, NONCE_SIZE);
    byte[] key = AgeCrypto.hkdf(fileKey, salt, "payload", 32);
    int pos = offset + NONCE_SIZE;
    if (pos == file.length) {
      throw fail("payload has no chunks");
    }
    for (long counter = 0; ; counter++) {
      int remaining = file.length - pos;
      boolean last = remaining <= SEALED_CHUNK;
      int n = Math.min(remaining, SEALED_CHUNK);
      if (n < AgeCrypto.TAG_SIZE) {
        throw fail("chunk " + counter + " is shorter than its tag");
      }
      if (last && n == AgeCrypto.TAG_SIZE && counter > 0) {
        throw fail("final chunk is empty");
      }
      byte[] plain = AgeCrypto.open(key, nonce(counter, last), file, pos, n);
      if (plain == null && n == SEALED_CHUNK) {
        // A full chunk may carry either flag; release it as a streaming reader would, then fail.
        plain = AgeCrypto.open(key, nonce(counter, !last), file, pos, n);
        if (plain != null) {
          out.writeBytes(plain);
          throw fail(last ? "payload ends without a final chunk" : "data follows the final chunk");
        }
      }
      if (plain == null) {
        throw fail("chunk " + counter + " does not decrypt");
      }
      out.writeBytes(plain);
      pos += n;
      if (last) {
        return;
      }
    }
  }

  private static byte[] nonce(long counter, boolean last) {
    byte[] nonce = new byte[12];
    for (int i = 0; i < 8; i++) {
      nonce[10 - i] = (byte) (counter >>> (8 * i));
    }
    nonce[11] = (byte) (last ? 1 : 0);
    return nonce;
  }

  private static AgeException fail(String message) {
    return new AgeException(FailureClass.PAYLOAD, message);
  }
}
