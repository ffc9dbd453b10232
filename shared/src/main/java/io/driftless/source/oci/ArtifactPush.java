package io.driftless.source.oci;

import io.driftless.model.Yaml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An artifact in Flux's format, as {@code flux push artifact} makes it: the directory's regular files
 * and directories in a gzipped tar (paths relative to it, owners, times and names of the machine
 * stripped; links skipped) as the one layer {@code application/vnd.cncf.flux.content.v1.tar+gzip},
 * a config of type {@code application/vnd.cncf.flux.config.v1+json}, and the manifest annotations
 * {@code org.opencontainers.image.created/source/revision}.
 */
public final class ArtifactPush {
  public static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
  public static final String CONFIG_TYPE = "application/vnd.cncf.flux.config.v1+json";
  public static final String CONTENT_TYPE = "application/vnd.cncf.flux.content.v1.tar+gzip";
  public static final String SOURCE = "org.opencontainers.image.source";
  public static final String REVISION = "org.opencontainers.image.revision";
  public static final String CREATED = "org.opencontainers.image.created";

  private ArtifactPush() {}

  /** The gzipped tar of {@code dir} as Flux builds it. */
  public static byte[] layer(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + " is not a directory");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(gz);
         Stream<Path> walk = Files.walk(dir)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        if (p.equals(dir)) {
          continue;
        }
        boolean directory = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
        if (!directory && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          continue; // as flux: symlinks and devices are not packed
        }
        String name = dir.relativize(p).toString().replace('\\', '/') + (directory ? "/" : "");
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setModTime(0);
        e.setIds(0, 0);
        e.setUserName("");
        e.setGroupName("");
        e.setMode(directory ? 040755 : Files.isExecutable(p) ? 0100755 : 0100644);
        if (!directory) {
          e.setSize(Files.size(p));
        }
        tar.putArchiveEntry(e);
        if (!directory) {
          Files.copy(p, tar);
        }
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /**
   * Pushes {@code dir} to {@code repository} under {@code tag} with {@code source} and {@code revision}
   * (either may be null) and {@code created} (RFC 3339); returns the manifest digest.
   */
  public static String push(RegistryClient client, String repository, String tag, Path dir, String source,
      String revision, String created) throws IOException {
    byte[] layer = layer(dir);
    byte[] config = config(layer);
    String configDigest = client.pushBlob(repository, config);
    String layerDigest = client.pushBlob(repository, layer);
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(CREATED, created);
    if (source != null && !source.isBlank()) {
      annotations.put(SOURCE, source);
    }
    if (revision != null && !revision.isBlank()) {
      annotations.put(REVISION, revision);
    }
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MANIFEST_TYPE);
    manifest.put("config", Map.of("mediaType", CONFIG_TYPE, "size", config.length, "digest", configDigest));
    manifest.put("layers", List.of(Map.of("mediaType", CONTENT_TYPE, "size", layer.length, "digest", layerDigest)));
    manifest.put("annotations", annotations);
    return client.pushManifest(repository, tag, Yaml.json().writeValueAsBytes(manifest), MANIFEST_TYPE);
  }

  /** The image config go-containerregistry writes for Flux's one-layer artifact: the layer's uncompressed digest. */
  private static byte[] config(byte[] layer) throws IOException {
    String diffId;
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(layer))) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      diffId = "sha256:" + HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return ("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":\"0001-01-01T00:00:00Z\"}],"
        + "\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]},\"config\":{}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
