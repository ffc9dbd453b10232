package io.driftless.model;

/**
 * Bad input in a manifest. The message always names the file, and the object
 * ({@code Kind/namespace/name}) and field where there is one.
 */
public class ManifestException extends RuntimeException {
  private final String file;

  public ManifestException(String file, String message) {
    super((file == null || file.isEmpty() ? "" : file + ": ") + message);
    this.file = file;
  }

  public ManifestException(String file, String message, Throwable cause) {
    super((file == null || file.isEmpty() ? "" : file + ": ") + message, cause);
    this.file = file;
  }

  public String file() {
    return file;
  }
}
