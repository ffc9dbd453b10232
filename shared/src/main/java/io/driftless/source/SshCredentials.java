package io.driftless.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.driftless.model.SecretResolver;
import io.driftless.model.Yaml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * What an {@code ssh://} source authenticates with, read from one secret in the shape of Flux's SSH
 * Secret: the credential reference resolves to a YAML (or JSON) mapping with {@code identity} (an
 * OpenSSH private key, ed25519 or RSA), {@code known_hosts} (OpenSSH known_hosts lines) and an
 * optional {@code password} (the key's passphrase). Only the parsed key pairs are kept.
 */
record SshCredentials(List<KeyPair> identities, String knownHosts) {
  static final String IDENTITY = "identity";
  static final String KNOWN_HOSTS = "known_hosts";
  static final String PASSWORD = "password";

  static SshCredentials forRef(String source, String credentialRef, SecretResolver secrets) {
    if (credentialRef == null || credentialRef.isBlank()) {
      throw new SourceException(
          "GitRepository " + source + ": an ssh:// source needs a credentialRef holding "
              + IDENTITY + " and " + KNOWN_HOSTS);
    }
    String where = "credentialRef " + credentialRef;
    return of(source, where, fields(source, where, secrets.resolve(credentialRef)));
  }

  /** From the Secret a found GitRepository's {@code spec.secretRef} names. */
  static SshCredentials forSecret(String source, GitSecret secret) {
    return of(source, "spec.secretRef (Secret " + secret.name() + ")", secret.texts());
  }

  private static SshCredentials of(String source, String where, Map<String, String> fields) {
    String identity = required(source, where, fields, IDENTITY);
    String knownHosts = required(source, where, fields, KNOWN_HOSTS);
    return new SshCredentials(keyPairs(source, where, identity, fields.get(PASSWORD)), knownHosts);
  }

  private static Map<String, String> fields(String source, String ref, byte[] secret) {
    try {
      Map<String, String> fields =
          Yaml.mapper().readValue(secret, Yaml.mapper().getTypeFactory()
              .constructMapType(Map.class, String.class, String.class));
      if (fields == null) {
        throw new SourceException(prefix(source, ref) + "the secret is empty");
      }
      return fields;
    } catch (JsonProcessingException e) {
      // the parser's message may quote the secret: leave it out
      throw new SourceException(
          prefix(source, ref) + "the secret is not a mapping of " + IDENTITY + ", " + KNOWN_HOSTS
              + " and optional " + PASSWORD);
    } catch (IOException e) {
      throw new SourceException(prefix(source, ref) + "cannot read the secret");
    }
  }

  private static String required(String source, String ref, Map<String, String> fields, String key) {
    String value = fields.get(key);
    if (value == null || value.isBlank()) {
      throw new SourceException(prefix(source, ref) + "the secret has no " + key);
    }
    return value;
  }

  private static List<KeyPair> keyPairs(String source, String ref, String identity, String password) {
    FilePasswordProvider passwords =
        password == null ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(password);
    List<KeyPair> pairs = new ArrayList<>();
    try {
      Iterable<KeyPair> loaded =
          SecurityUtils.loadKeyPairIdentities(
              null,
              NamedResource.ofName(IDENTITY),
              new ByteArrayInputStream(identity.getBytes(StandardCharsets.UTF_8)),
              passwords);
      if (loaded != null) {
        loaded.forEach(pairs::add);
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new SourceException(
          prefix(source, ref) + IDENTITY + " is not a usable OpenSSH private key"
              + (password == null ? " (is it encrypted? then the secret needs a " + PASSWORD + ")"
                  : " (or the " + PASSWORD + " is wrong)"));
    }
    if (pairs.isEmpty()) {
      throw new SourceException(prefix(source, ref) + IDENTITY + " holds no private key");
    }
    return List.copyOf(pairs);
  }

  private static String prefix(String source, String where) {
    return "GitRepository " + source + ": " + where + ": ";
  }

  @Override
  public String toString() {
    return "SshCredentials[" + identities.size() + " identities]";
  }
}
