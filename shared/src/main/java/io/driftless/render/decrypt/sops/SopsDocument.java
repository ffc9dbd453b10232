package io.driftless.render.decrypt.sops;

import java.util.List;
import java.util.Map;

/** A SOPS file read in one of its formats: its metadata, its leaves in order, and how to write it. */
interface SopsDocument {
  /** The {@code sops} metadata as a map, or null when the document is not SOPS-encrypted. */
  Map<?, ?> metadata();

  /** The leaves (values and comments) outside the metadata, in document order. */
  List<Slot> slots();

  /** The document as bytes in its own format, without the metadata. */
  byte[] render();
}
