package io.driftless.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * What one compressed object (a chart with every subchart archive inside it, a stored release) may
 * expand to: one budget of decompressed bytes shared by every gzip stream opened through it, a cap
 * on the number of archive entries, a cap per file and on how deep archives nest. Every gzip stream
 * Driftless inflates goes through {@link #gunzip}, so nothing is inflated outside a budget. A limit
 * crossed throws {@link LimitException} naming {@code what} and the limit.
 */
public final class DecompressionBudget {
  private final String what;
  private final Limits limits;
  private long inflated;
  private int entries;

  /**
   * @param maxBytes decompressed bytes of all streams together (tar headers and padding included)
   * @param maxFileBytes bytes of one file in an archive
   * @param maxEntries archive entries of every kind together (files, directories, links)
   * @param maxDepth archives inside archives, the outermost being depth 0
   */
  public record Limits(long maxBytes, long maxFileBytes, int maxEntries, int maxDepth) {
    /** A single stream: no entries, no nesting. */
    public static Limits ofStream(long maxBytes) {
      return new Limits(maxBytes, maxBytes, 0, 0);
    }
  }

  /** A limit was crossed; the message is one line naming the object and the limit. */
  public static final class LimitException extends IOException {
    LimitException(String message) {
      super(message);
    }
  }

  /** {@code what} names the object in errors, e.g. {@code chart podinfo-6.2.0.tgz}. */
  public DecompressionBudget(String what, Limits limits) {
    this.what = what;
    this.limits = limits;
  }

  /** {@code compressed} inflated, every byte read from it counted against the budget. */
  public InputStream gunzip(InputStream compressed) throws IOException {
    return BoundedInputStream.builder()
        .setInputStream(new GZIPInputStream(compressed))
        .setAfterRead(this::inflated)
        .get();
  }

  /** Counts {@code bytes} read as they are (a file in a directory) against the budget. */
  public void read(long bytes) throws LimitException {
    if ((inflated += bytes) > limits.maxBytes()) {
      throw new LimitException(what + " expands past " + mib(limits.maxBytes()));
    }
  }

  /** Counts one archive entry. */
  public void entry() throws LimitException {
    if (++entries > limits.maxEntries()) {
      throw new LimitException(what + " has more than " + limits.maxEntries() + " entries");
    }
  }

  /** Refuses a file of {@code size} bytes at {@code path} before it is read. */
  public void file(String path, long size) throws LimitException {
    if (size > limits.maxFileBytes()) {
      throw new LimitException(what + ": file " + path + " is larger than " + mib(limits.maxFileBytes()));
    }
  }

  /** Refuses an archive nested {@code depth} archives deep. */
  public void nested(String path, int depth) throws LimitException {
    if (depth > limits.maxDepth()) {
      throw new LimitException(what + ": " + path + " nests archives more than " + limits.maxDepth() + " deep");
    }
  }

  public long maxFileBytes() {
    return limits.maxFileBytes();
  }

  private void inflated(int n) throws LimitException {
    if (n > 0) {
      read(n);
    }
  }

  private static String mib(long bytes) {
    return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
  }
}
