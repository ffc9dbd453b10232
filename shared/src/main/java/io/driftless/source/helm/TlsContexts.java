package io.driftless.source.helm;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * An SSLContext from PEM: a CA bundle that replaces the system roots for this repository, and a
 * client certificate with its key (PKCS#8, PKCS#1 RSA or SEC1 EC), as in a {@code certSecretRef}.
 */
final class TlsContexts {
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private TlsContexts() {}

  static SSLContext of(RepositoryAuth auth) throws GeneralSecurityException, java.io.IOException {
    TrustManagerFactory tmf = null;
    if (auth.caPem() != null) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (Certificate c : certificates(auth.caPem(), "ca.crt")) {
        trust.setCertificateEntry("ca-" + i++, c);
      }
      tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
    }
    KeyManagerFactory kmf = null;
    if (auth.certPem() != null) {
      char[] none = new char[0];
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("client", privateKey(auth.keyPem()), none,
          certificates(auth.certPem(), "tls.crt").toArray(Certificate[]::new));
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, none);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
    return ctx;
  }

  private static List<Certificate> certificates(String pem, String key) throws GeneralSecurityException {
    Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    if (certs.isEmpty()) {
      throw new GeneralSecurityException(key + " holds no PEM certificate");
    }
    return new ArrayList<>(certs);
  }

  private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    Matcher m = PEM.matcher(pem);
    if (!m.find()) {
      throw new GeneralSecurityException("tls.key holds no PEM private key");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(2));
    byte[] pkcs8;
    try {
      pkcs8 = switch (m.group(1)) {
        case "PRIVATE KEY" -> der;
        case "RSA PRIVATE KEY" -> new PrivateKeyInfo(
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
            org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der)).getEncoded();
        case "EC PRIVATE KEY" -> {
          ECPrivateKey ec = ECPrivateKey.getInstance(der);
          yield new PrivateKeyInfo(
              new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ec.getParametersObject()), ec)
              .getEncoded();
        }
        default -> throw new GeneralSecurityException("tls.key: unsupported PEM block " + m.group(1));
      };
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("tls.key is not a valid private key");
    }
    for (String alg : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException wrongAlgorithm) {
        // try the next
      }
    }
    throw new GeneralSecurityException("tls.key is not an RSA, EC or Ed25519 private key");
  }
}
