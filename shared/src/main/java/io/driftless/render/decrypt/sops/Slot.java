package io.driftless.render.decrypt.sops;

import java.util.List;
import java.util.function.Consumer;

/**
 * One leaf of a SOPS document in document order: a value (or a comment) at a tree path, and how to
 * write its decrypted form back into the document.
 */
public record Slot(List<String> path, Object value, boolean comment, Consumer<Object> setter) {
  /** The additional authenticated data sops binds to a value: the path joined with ':' plus ':'. */
  public String aad() {
    return String.join(":", path) + ":";
  }
}
