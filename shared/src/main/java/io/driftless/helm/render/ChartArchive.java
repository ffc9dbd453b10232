package io.driftless.helm.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The files of a packaged chart ({@code .tgz}: gzip over ustar, with PAX and GNU long names), as
 * Helm's {@code loader.LoadArchive} sees them: regular files only, the top directory (the chart
 * name) stripped, paths that escape the chart refused.
 */
final class ChartArchive {
  /** Helm's own limit for a decompressed chart ({@code loader.MaxDecompressedChartSize}). */
  static final long MAX_SIZE = 100L * 1024 * 1024;

  private ChartArchive() {}

  record Entry(String path, byte[] data) {}

  static List<Entry> read(InputStream compressed, String origin) throws IOException {
    List<Entry> entries = new ArrayList<>();
    long total = 0;
    try (InputStream in = new GZIPInputStream(compressed)) {
      String longName = null;
      byte[] header = new byte[512];
      while (readFully(in, header)) {
        if (isZero(header)) {
          break;
        }
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        if (!prefix.isEmpty() && "ustar".equals(text(header, 257, 5))) {
          name = prefix + "/" + name;
        }
        long size = octal(header, 124, 12, origin);
        char type = (char) header[156];
        total += size;
        if (total > MAX_SIZE) {
          throw new IOException(origin + ": the chart is larger than " + MAX_SIZE + " bytes decompressed");
        }
        byte[] data = readBody(in, size);
        switch (type) {
          case 'x' -> longName = paxPath(data, longName);
          case 'L' -> longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
          case '0', '\0' -> {
            String path = longName != null ? longName : name;
            longName = null;
            Entry entry = entry(path, data, origin);
            if (entry != null) {
              entries.add(entry);
            }
          }
          default -> longName = null; // directories, links, global headers: not chart files
        }
      }
    }
    return entries;
  }

  private static Entry entry(String rawPath, byte[] data, String origin) throws IOException {
    String path = rawPath.replace('\\', '/');
    if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
      throw new IOException(origin + ": chart file " + rawPath + " has an absolute path");
    }
    int slash = path.indexOf('/');
    if (slash < 0) {
      return null; // a file beside the chart directory: Helm ignores it too
    }
    String inChart = path.substring(slash + 1);
    for (String part : inChart.split("/")) {
      if (part.equals("..")) {
        throw new IOException(origin + ": chart file " + rawPath + " leaves the chart directory");
      }
    }
    return inChart.isEmpty() ? null : new Entry(inChart, data);
  }

  private static String paxPath(byte[] data, String current) {
    String records = new String(data, StandardCharsets.UTF_8);
    String found = current;
    for (String line : records.split("\n")) {
      int space = line.indexOf(' ');
      if (space > 0 && line.startsWith("path=", space + 1)) {
        found = line.substring(space + 1 + "path=".length());
      }
    }
    return found;
  }

  private static byte[] readBody(InputStream in, long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size, 1 << 20));
    byte[] block = new byte[512];
    long remaining = size;
    while (remaining > 0) {
      if (!readFully(in, block)) {
        throw new IOException("truncated tar entry");
      }
      out.write(block, 0, (int) Math.min(512, remaining));
      remaining -= 512;
    }
    return out.toByteArray();
  }

  private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
    int read = 0;
    while (read < buffer.length) {
      int n = in.read(buffer, read, buffer.length - read);
      if (n < 0) {
        if (read == 0) {
          return false;
        }
        throw new IOException("truncated tar header");
      }
      read += n;
    }
    return true;
  }

  private static boolean isZero(byte[] header) {
    for (byte b : header) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] header, int offset, int length, String origin) throws IOException {
    String digits = text(header, offset, length).trim();
    if (digits.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(digits, 8);
    } catch (NumberFormatException e) {
      throw new IOException(origin + ": not a tar archive (bad entry size)");
    }
  }
}
