package io.driftless.render.decrypt.sops;

/** Recovers a file's 32-byte data key from its metadata, or throws saying why it cannot. */
@FunctionalInterface
public interface DataKeySource {
  byte[] dataKey(SopsMetadata metadata);
}
