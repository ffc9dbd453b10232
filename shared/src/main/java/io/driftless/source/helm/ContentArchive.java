package io.driftless.source.helm;

import io.driftless.source.DecompressionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a Flux content layer ({@code application/vnd.cncf.flux.content.v1.tar+gzip}, or any gzipped
 * tar a layerSelector names) into a directory, as source-controller untars an artifact: regular files
 * and directories only (links and devices skipped), paths kept as they are, an absolute path or one
 * that leaves the directory refused, within the limits every archive Driftless opens is held to
 * ({@link ChartArchive#LIMITS}).
 */
final class ContentArchive {
  private ContentArchive() {}

  /** Extracts {@code tgz} into {@code dir} (created); {@code name} starts every error message. */
  static void extract(Path tgz, Path dir, String name) throws IOException {
    DecompressionBudget budget = new DecompressionBudget(name, ChartArchive.LIMITS);
    Files.createDirectories(dir);
    Path base = dir.toAbsolutePath().normalize();
    try (InputStream in = Files.newInputStream(tgz);
         TarArchiveInputStream tar = new TarArchiveInputStream(budget.gunzip(in))) {
      for (TarArchiveEntry e = ChartArchive.next(tar, name + ": "); e != null;
          e = ChartArchive.next(tar, name + ": ")) {
        budget.entry();
        String raw = e.getName().replace('\\', '/');
        if (raw.startsWith("/") || raw.matches("^[A-Za-z]:.*")) {
          throw new IOException(name + ": " + e.getName() + " has an absolute path");
        }
        Path target = base.resolve(raw).normalize();
        if (!target.startsWith(base)) {
          throw new IOException(name + ": " + e.getName() + " leaves the artifact's directory");
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        if (!e.isFile()) {
          continue; // links and devices are not artifact files
        }
        budget.file(raw, e.getSize());
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
          long copied = tar.transferTo(out);
          budget.file(raw, copied);
        }
      }
    } catch (ZipException notGzip) {
      throw new IOException(name + " is not a gzipped tar archive: " + notGzip.getMessage(), notGzip);
    }
  }
}
