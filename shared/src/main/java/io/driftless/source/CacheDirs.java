package io.driftless.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names each source's cache directory: an HMAC-SHA256, under a random key kept in the cache root
 * ({@code .key}, owner-only), of the source's root, key, URL, ref and credential reference. One
 * checkout therefore serves one source with one credential, and nobody who cannot read the key can
 * derive a directory's name from what {@code GET /api/fleet} shows (the URL and ref). The key is made
 * on first use; processes sharing the cache root share it, so the cache survives across runs.
 */
final class CacheDirs {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int KEY_BYTES = 32;
  private final Path root;
  private byte[] key;

  CacheDirs(Path root) {
    this.root = root;
  }

  Path of(GitSource source) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key(), ALGORITHM));
      for (String part : new String[] {
          source.root(), source.key(), source.url(), String.valueOf(source.ref()), source.credentialName()}) {
        byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(4).putInt(part == null ? -1 : bytes.length).array());
        mac.update(bytes);
      }
      return root.resolve(HexFormat.of().formatHex(mac.doFinal(), 0, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private synchronized byte[] key() {
    if (key == null) {
      key = loadOrCreate();
    }
    return key;
  }

  /** The key in the cache root, written there first when it is missing; a key of this process alone when it cannot be. */
  private byte[] loadOrCreate() {
    Path file = root.resolve(".key");
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(root);
        Path fresh = Files.createTempFile(root, ".key", ".tmp"); // owner-only, fully written before it is linked
        try {
          Files.write(fresh, random());
          Files.createLink(file, fresh);
        } catch (FileAlreadyExistsException anotherProcessWasFirst) {
          // use theirs
        } finally {
          Files.deleteIfExists(fresh);
        }
      }
      byte[] stored = Files.readAllBytes(file);
      return stored.length == KEY_BYTES ? stored : random();
    } catch (IOException | UnsupportedOperationException e) {
      return random();
    }
  }

  private static byte[] random() {
    byte[] bytes = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
