package io.driftless.render;

import io.driftless.render.decrypt.DecryptionException;
import io.driftless.render.decrypt.SopsDecryptor;
import io.driftless.render.kustomize.KustomizeFileSystem;
import io.driftless.render.kustomize.yaml.YamlReader;
import io.driftless.render.kustomize.yaml.YamlWriter;
import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decrypts SOPS-encrypted files as the build reads them, in memory only: generator sources (env files
 * and {@code files:} of configMapGenerator and secretGenerator) as whole files, and encrypted
 * manifests document by document, each MAC verified against the file exactly as committed. Decrypting
 * before kustomize's transformers run is what lets namespace, prefixes and patches change an encrypted
 * Secret without breaking its MAC. A document carrying {@code kustomize.toolkit.fluxcd.io/decrypt:
 * Disabled} is left encrypted.
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
  public String realPath(String path) {
    return files.realPath(path);
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
    String text = new String(content, StandardCharsets.UTF_8);
    if (!text.contains("sops") || !(text.contains("sops_mac=") || text.contains("ENC[AES256_GCM,"))) {
      return content;
    }
    try {
      if (MANIFEST.matcher(text).find()) {
        return decryptManifests(path, text).getBytes(StandardCharsets.UTF_8);
      }
      return sops.decryptFile(path, content);
    } catch (DecryptionException e) {
      throw new ManifestException(path, e.getMessage(), e);
    }
  }

  private String decryptManifests(String path, String text) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Map<String, Object> doc : YamlReader.readDocuments(path, text)) {
      KubeObject o = new KubeObject(doc, path);
      docs.add(sops.isEncrypted(o) ? sops.decryptObject(o).content() : doc);
    }
    return YamlWriter.writeAll(docs);
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
