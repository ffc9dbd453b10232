package io.driftless.render.decrypt.sops;

/**
 * A SOPS document that cannot be decrypted: a value that does not authenticate, a missing or wrong
 * MAC, or malformed metadata. {@link #keyPath()} is the value's path ({@code a:b:}) when there is one.
 * The message never holds a plaintext or a key.
 */
public final class SopsFormatException extends RuntimeException {
  private final String keyPath;

  public SopsFormatException(String keyPath, String message) {
    super(keyPath == null ? message : "value at " + keyPath + ": " + message);
    this.keyPath = keyPath;
  }

  public String keyPath() {
    return keyPath;
  }
}
