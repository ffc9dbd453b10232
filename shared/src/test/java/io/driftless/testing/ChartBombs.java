package io.driftless.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Hostile chart archives as an attacker builds them: a gzip stream made of many gzip members (which
 * gzip readers, Helm's and the JDK's, read as one stream), so that gigabytes of zeros cost a few
 * kilobytes and no time to make. {@link #zeros} repeats one compressed 4 MiB block of zeros; every
 * other part (tar headers, small files, the end of the archive) is its own small member.
 */
public final class ChartBombs {
  /** The size of one block of zeros. */
  public static final int BLOCK = 4 << 20;
  private static final byte[] ZEROS = gzip(new byte[BLOCK]);
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** A gzip stream of {@code blocks} × 4 MiB of {@code value} and nothing else (no tar around it). */
  public static byte[] stream(byte value, int blocks) {
    byte[] block = new byte[BLOCK];
    Arrays.fill(block, value);
    byte[] member = gzip(block);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int i = 0; i < blocks; i++) {
      stream.writeBytes(member);
    }
    return stream.toByteArray();
  }

  /** A file with this text. */
  public ChartBombs file(String name, String text) {
    return file(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A file with these bytes (a subchart archive, say). */
  public ChartBombs file(String name, byte[] data) {
    byte[] padded = new byte[512 + (data.length + 511) / 512 * 512];
    header(name, data.length, TarArchiveEntry.LF_NORMAL, padded);
    System.arraycopy(data, 0, padded, 512, data.length);
    out.writeBytes(gzip(padded));
    return this;
  }

  /** A file of {@code blocks} × 4 MiB zeros. */
  public ChartBombs zeros(String name, int blocks) {
    byte[] header = new byte[512];
    header(name, (long) blocks * BLOCK, TarArchiveEntry.LF_NORMAL, header);
    out.writeBytes(gzip(header));
    for (int i = 0; i < blocks; i++) {
      out.writeBytes(ZEROS);
    }
    return this;
  }

  /** {@code count} empty files {@code <prefix><n>}. */
  public ChartBombs emptyFiles(String prefix, int count) {
    byte[] headers = new byte[512 * count];
    byte[] one = new byte[512];
    for (int i = 0; i < count; i++) {
      header(prefix + i, 0, TarArchiveEntry.LF_NORMAL, one);
      System.arraycopy(one, 0, headers, 512 * i, 512);
    }
    out.writeBytes(gzip(headers));
    return this;
  }

  /** The archive: the parts so far and the end-of-archive blocks. */
  public byte[] tgz() {
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    archive.writeBytes(out.toByteArray());
    archive.writeBytes(gzip(new byte[1024]));
    return archive.toByteArray();
  }

  private static void header(String name, long size, byte type, byte[] into) {
    TarArchiveEntry entry = new TarArchiveEntry(name, type);
    entry.setSize(size);
    entry.setMode(0644);
    entry.writeEntryHeader(into);
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return compressed.toByteArray();
  }
}
