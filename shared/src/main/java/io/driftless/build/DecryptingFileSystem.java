package io.driftless.build;

import io.driftless.build.decrypt.DecryptionException;
import io.driftless.build.decrypt.SopsDecryptor;
import io.driftless.build.kustomize.KustomizeFileSystem;
import io.driftless.model.ManifestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Decrypts SOPS-encrypted files that generators read (env files and {@code files:} sources of
 * configMapGenerator and secretGenerator), in memory only, as kustomize-controller does before the
 * build. Kubernetes manifests (documents with apiVersion and kind) are passed through untouched: those
 * are decrypted per object after the build, so {@code decrypt: Disabled} keeps working.
 */
final class DecryptingFileSystem implements KustomizeFileSystem {
  private static final Pattern MANIFEST = Pattern.compile("(?m)^apiVersion:.*$[\\s\\S]*^kind:|^kind:.*$[\\s\\S]*^apiVersion:");
  private final KustomizeFileSystem files;
  private final SopsDecryptor sops;

  DecryptingFileSystem(KustomizeFileSystem files, SopsDecryptor sops) {
    this.files = files;
    this.sops = sops;
  }

  @Override
  public boolean isDirectory(String path) {
    return files.isDirectory(path);
  }

  @Override
  public boolean isFile(String path) {
    return files.isFile(path);
  }

  @Override
  public String read(String path) {
    return new String(readBytes(path), StandardCharsets.UTF_8);
  }

  @Override
  public byte[] readBytes(String path) {
    byte[] content = files.readBytes(path);
    if (!looksEncrypted(content)) {
      return content;
    }
    try {
      return sops.decryptFile(path, content);
    } catch (DecryptionException e) {
      throw new ManifestException(path, e.getMessage(), e);
    }
  }

  private static boolean looksEncrypted(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    if (!text.contains("sops")) {
      return false;
    }
    boolean hasSopsData = text.contains("sops_mac=") || text.contains("ENC[AES256_GCM,") ;
    return hasSopsData && !MANIFEST.matcher(text).find();
  }

  @Override
  public long size(String path) {
    return files.size(path);
  }

  @Override
  public List<String> list(String dir) {
    return files.list(dir);
  }
}
