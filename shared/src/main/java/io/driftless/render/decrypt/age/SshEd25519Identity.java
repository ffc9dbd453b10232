package io.driftless.render.decrypt.age;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** An unencrypted OpenSSH ed25519 private key, unwrapping {@code ssh-ed25519} stanzas. */
public final class SshEd25519Identity implements AgeIdentity {
  static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
  private static final String END = "-----END OPENSSH PRIVATE KEY-----";
  private static final String LABEL = "age-encryption.org/v1/ssh-ed25519";
  private static final String KEY_TYPE = "ssh-ed25519";
  private final byte[] scalar;
  private final byte[] montgomeryPublic = new byte[32];
  private final byte[] sshPublicKey;

  private SshEd25519Identity(byte[] seed, byte[] ed25519Public) {
    this.scalar = Arrays.copyOf(sha(seed, "SHA-512"), 32);
    X25519.scalarMultBase(scalar, 0, montgomeryPublic, 0);
    this.sshPublicKey = wire(KEY_TYPE.getBytes(StandardCharsets.US_ASCII), ed25519Public);
  }

  /** Parses an OpenSSH {@code -----BEGIN OPENSSH PRIVATE KEY-----} block (no passphrase). */
  public static SshEd25519Identity parse(String pem) {
    int b = pem.indexOf(BEGIN);
    int e = pem.indexOf(END);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException("not an OpenSSH private key");
    }
    try {
      String body = pem.substring(b + BEGIN.length(), e).replaceAll("\\s", "");
      ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(body));
      byte[] magic = new byte[15];
      in.get(magic);
      if (!new String(magic, StandardCharsets.US_ASCII).equals("openssh-key-v1\0")) {
        throw new IllegalArgumentException("not an openssh-key-v1 key");
      }
      String cipher = new String(string(in), StandardCharsets.US_ASCII);
      if (!cipher.equals("none")) {
        throw new IllegalArgumentException("passphrase-protected SSH keys are not supported");
      }
      string(in); // kdf name
      string(in); // kdf options
      if (in.getInt() != 1) {
        throw new IllegalArgumentException("SSH key file must hold exactly one key");
      }
      string(in); // public key blob
      ByteBuffer priv = ByteBuffer.wrap(string(in));
      if (priv.getInt() != priv.getInt()) {
        throw new IllegalArgumentException("SSH key check bytes do not match");
      }
      if (!new String(string(priv), StandardCharsets.US_ASCII).equals(KEY_TYPE)) {
        throw new IllegalArgumentException("only ssh-ed25519 SSH keys are supported");
      }
      byte[] pub = string(priv);
      byte[] both = string(priv);
      if (pub.length != 32 || both.length != 64) {
        throw new IllegalArgumentException("malformed ssh-ed25519 key");
      }
      return new SshEd25519Identity(Arrays.copyOf(both, 32), pub);
    } catch (RuntimeException ex) {
      if (ex instanceof IllegalArgumentException iae && !iae.getMessage().startsWith("Illegal")) {
        throw iae;
      }
      throw new IllegalArgumentException("malformed OpenSSH private key");
    }
  }

  @Override
  public String recipient() {
    return KEY_TYPE + " " + Base64.getEncoder().encodeToString(sshPublicKey);
  }

  @Override
  public byte[] unwrap(List<AgeHeader.Stanza> stanzas) {
    byte[] tag = Arrays.copyOf(sha(sshPublicKey, "SHA-256"), 4);
    for (AgeHeader.Stanza s : stanzas) {
      if (!s.type().equals(KEY_TYPE)) {
        continue;
      }
      if (s.args().size() != 3) {
        throw AgeHeader.fail("ssh-ed25519 stanza must have a tag and a share");
      }
      byte[] stanzaTag = StrictBase64.decodeRaw(s.args().get(1));
      byte[] share = StrictBase64.decodeRaw(s.args().get(2));
      if (stanzaTag == null || stanzaTag.length != 4 || share == null || share.length != 32) {
        throw AgeHeader.fail("ssh-ed25519 stanza arguments are malformed");
      }
      if (!Arrays.equals(tag, stanzaTag)) {
        continue;
      }
      byte[] shared = new byte[32];
      byte[] tweak = AgeCrypto.hkdf(new byte[0], sshPublicKey, LABEL, 32);
      if (!X25519.calculateAgreement(scalar, 0, share, 0, shared, 0)
          || !X25519.calculateAgreement(tweak, 0, shared, 0, shared, 0)) {
        throw AgeHeader.fail("ssh-ed25519 share gives the all-zero shared secret");
      }
      byte[] key = AgeCrypto.hkdf(shared, AgeCrypto.concat(share, montgomeryPublic), LABEL, 32);
      byte[] fileKey = AgeCrypto.unwrapFileKey(key, s.body(), KEY_TYPE);
      if (fileKey != null) {
        return fileKey;
      }
    }
    return null;
  }

  private static byte[] string(ByteBuffer in) {
    byte[] out = new byte[in.getInt()];
    in.get(out);
    return out;
  }

  private static byte[] wire(byte[] type, byte[] key) {
    return ByteBuffer.allocate(8 + type.length + key.length)
        .putInt(type.length).put(type).putInt(key.length).put(key).array();
  }

  private static byte[] sha(byte[] data, String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "SshEd25519Identity(" + recipient() + ")";
  }
}
