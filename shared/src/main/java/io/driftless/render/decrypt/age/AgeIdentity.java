package io.driftless.render.decrypt.age;

import java.util.List;

/** Something that can unwrap an age file key from the header's recipient stanzas. */
public interface AgeIdentity {
  /**
   * The 16-byte file key, or null when none of the stanzas is addressed to this identity. A stanza of
   * this identity's type that is malformed throws an {@link AgeException} with the header class.
   */
  byte[] unwrap(List<AgeHeader.Stanza> stanzas);

  /** The public recipient (age1…, ssh key fingerprint or "scrypt passphrase"); safe to print. */
  String recipient();
}
