package io.driftless.render.decrypt.age;

/**
 * An age file could not be decrypted. {@link #failureClass()} says at which layer it failed, using the
 * classes of the age test kit (C2SP/CCTV). Messages never contain key material or plaintext.
 */
public final class AgeException extends RuntimeException {
  /** Where decryption failed, named as the age test kit names its expectations. */
  public enum FailureClass {
    /** The ASCII armor is malformed. */
    ARMOR("armor failure"),
    /** The header (version line, stanzas, MAC line, nonce) is malformed. */
    HEADER("header failure"),
    /** The header parsed but no identity unwraps any stanza. */
    NO_MATCH("no match"),
    /** A file key was unwrapped but the header MAC does not verify. */
    HMAC("HMAC failure"),
    /** The STREAM payload does not decrypt to the end of the file. */
    PAYLOAD("payload failure");

    private final String testKitName;

    FailureClass(String testKitName) {
      this.testKitName = testKitName;
    }

    /** The name used by the test kit's {@code expect:} line. */
    public String testKitName() {
      return testKitName;
    }
  }

  private final FailureClass failureClass;

  public AgeException(FailureClass failureClass, String message) {
    super(failureClass.testKitName() + ": " + message);
    this.failureClass = failureClass;
  }

  public FailureClass failureClass() {
    return failureClass;
  }
}
