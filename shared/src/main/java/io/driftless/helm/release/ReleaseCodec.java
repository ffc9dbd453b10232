package io.driftless.helm.release;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.model.ParseLimits;
import io.driftless.source.DecompressionBudget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Helm's encoding of a release in its storage object ({@code pkg/storage/driver/util.go}): the JSON,
 * gzipped at best compression, then base64. (The Secret API base64s that text once more.) Decoding
 * also takes the uncompressed form older Helm releases used.
 */
public final class ReleaseCodec {
  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b, 0x08};
  /**
   * The decoded JSON, as large as any document Driftless parses; a Secret holds at most 1 MiB, so
   * only a bomb comes near it.
   */
  static final long MAX_DECODED = ParseLimits.MAX_CHARS;

  private ReleaseCodec() {}

  public static String encode(StoredRelease release) {
    try {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new BestCompressionGzip(buffer)) {
        StoredRelease.JSON.writeValue(gzip, release.document());
      }
      return Base64.getEncoder().encodeToString(buffer.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + release, e);
    }
  }

  /** Decodes {@code data}; {@code origin} (e.g. {@code Secret/ns/name}) names it in errors. */
  public static StoredRelease decode(String data, String origin) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(data.trim());
    } catch (IllegalArgumentException e) {
      throw new ReleaseFormatException(origin + ": data.release is not base64");
    }
    try {
      InputStream in = new ByteArrayInputStream(bytes);
      if (bytes.length >= 3 && bytes[0] == GZIP_MAGIC[0] && bytes[1] == GZIP_MAGIC[1] && bytes[2] == GZIP_MAGIC[2]) {
        in = new DecompressionBudget(origin + " data.release", DecompressionBudget.Limits.ofStream(MAX_DECODED))
            .gunzip(in);
      }
      JsonNode json = StoredRelease.JSON.readTree(in);
      return StoredRelease.of(json, origin);
    } catch (DecompressionBudget.LimitException e) {
      throw new ReleaseFormatException(e.getMessage());
    } catch (IOException e) {
      throw new ReleaseFormatException(origin + ": data.release is not gzipped release JSON ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  private static final class BestCompressionGzip extends GZIPOutputStream {
    BestCompressionGzip(ByteArrayOutputStream out) throws IOException {
      super(out);
      def.setLevel(Deflater.BEST_COMPRESSION);
    }
  }
}
