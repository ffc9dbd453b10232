package io.driftless.render.decrypt;

/**
 * Decryption failed. The message names the file (and the object and key path where known) and the
 * public recipients tried; it never holds plaintext or private key material.
 */
public class DecryptionException extends RuntimeException {
  public DecryptionException(String message) {
    super(message);
  }
}
