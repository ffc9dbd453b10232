package io.driftless.render.decrypt.pgp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;

/**
 * OpenPGP secret keys read from armored {@code .asc} files, able to decrypt the small messages sops
 * stores in {@code sops.pgp[].enc}. Keys must not be passphrase-protected, as in Flux.
 */
public final class PgpKeys {
  private static final String BEGIN = "-----BEGIN PGP PRIVATE KEY BLOCK-----";
  private static final String END = "-----END PGP PRIVATE KEY BLOCK-----";
  private final List<PGPSecretKeyRing> rings;

  private PgpKeys(List<PGPSecretKeyRing> rings) {
    this.rings = List.copyOf(rings);
  }

  public static PgpKeys empty() {
    return new PgpKeys(List.of());
  }

  /** Every private key block in an armored file; errors never repeat the file's content. */
  public static PgpKeys parse(byte[] armored) {
    String text = new String(armored, StandardCharsets.US_ASCII);
    List<PGPSecretKeyRing> rings = new ArrayList<>();
    for (int b = text.indexOf(BEGIN); b >= 0; b = text.indexOf(BEGIN, b + 1)) {
      int e = text.indexOf(END, b);
      if (e < 0) {
        throw new IllegalArgumentException("PGP private key block has no END line");
      }
      byte[] block = text.substring(b, e + END.length()).getBytes(StandardCharsets.US_ASCII);
      try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(block))) {
        rings.add(new PGPSecretKeyRing(in, new BcKeyFingerprintCalculator()));
      } catch (IOException | PGPException | RuntimeException ex) {
        throw new IllegalArgumentException("malformed PGP private key block");
      }
    }
    if (rings.isEmpty()) {
      throw new IllegalArgumentException("no PGP private key block found");
    }
    return new PgpKeys(rings);
  }

  public PgpKeys plus(PgpKeys other) {
    List<PGPSecretKeyRing> all = new ArrayList<>(rings);
    all.addAll(other.rings);
    return new PgpKeys(all);
  }

  public boolean isEmpty() {
    return rings.isEmpty();
  }

  /** Upper-case hex fingerprints of the primary keys, for error messages. */
  public List<String> fingerprints() {
    List<String> out = new ArrayList<>();
    rings.forEach(r -> out.add(HexFormat.of().formatHex(r.getPublicKey().getFingerprint()).toUpperCase(Locale.ROOT)));
    return out;
  }

  /**
   * The plaintext of an armored PGP message, or null when none of these keys is a recipient. A
   * matching key that cannot open the message throws IllegalArgumentException.
   */
  public byte[] decrypt(String armoredMessage) {
    try (InputStream in = PGPUtil.getDecoderStream(
        new ByteArrayInputStream(armoredMessage.getBytes(StandardCharsets.US_ASCII)))) {
      BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
      Object o = factory.nextObject();
      while (o != null && !(o instanceof PGPEncryptedDataList)) {
        o = factory.nextObject();
      }
      if (o == null) {
        throw new IllegalArgumentException("PGP message holds no encrypted data");
      }
      for (PGPEncryptedData data : (PGPEncryptedDataList) o) {
        if (data instanceof PGPPublicKeyEncryptedData pk) {
          PGPSecretKey key = find(pk.getKeyID());
          if (key != null) {
            return open(pk, key);
          }
        }
      }
      return null;
    } catch (IOException | PGPException e) {
      throw new IllegalArgumentException("malformed PGP message: " + e.getClass().getSimpleName());
    }
  }

  private PGPSecretKey find(long keyId) {
    for (PGPSecretKeyRing ring : rings) {
      PGPSecretKey key = ring.getSecretKey(keyId);
      if (key != null) {
        return key;
      }
    }
    return null;
  }

  private static byte[] open(PGPPublicKeyEncryptedData data, PGPSecretKey key) throws IOException, PGPException {
    PGPPrivateKey priv;
    try {
      priv = key.extractPrivateKey(
          new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(new char[0]));
    } catch (PGPException e) {
      throw new IllegalArgumentException("PGP key is passphrase-protected, which is not supported");
    }
    InputStream clear = data.getDataStream(new BcPublicKeyDataDecryptorFactory(priv));
    Object message = new BcPGPObjectFactory(clear).nextObject();
    if (message instanceof PGPCompressedData compressed) {
      message = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
    }
    if (!(message instanceof PGPLiteralData literal)) {
      throw new IllegalArgumentException("PGP message does not hold literal data");
    }
    byte[] out = literal.getInputStream().readAllBytes();
    if (data.isIntegrityProtected() && !data.verify()) {
      throw new IllegalArgumentException("PGP message fails its integrity check");
    }
    return out;
  }

  @Override
  public String toString() {
    return "PgpKeys" + fingerprints();
  }
}
