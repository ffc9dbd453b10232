package io.driftless.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 made with the JDK's keytool, usable as a server's TLS
 * identity or a client certificate, and exported as PEM (certificate and PKCS#8 key) the way a
 * Kubernetes TLS Secret holds them.
 */
public final class TestCertificates {
  private static final char[] PASS = "changeit".toCharArray();
  private final KeyStore store;
  private final String alias;

  private TestCertificates(KeyStore store, String alias) {
    this.store = store;
    this.alias = alias;
  }

  public static TestCertificates generate(Path dir, String alias) throws IOException, GeneralSecurityException {
    Path ks = dir.resolve(alias + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", new String(PASS))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException("keytool failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, PASS);
    }
    return new TestCertificates(store, alias);
  }

  public String certificatePem() throws GeneralSecurityException {
    return pem("CERTIFICATE", store.getCertificate(alias).getEncoded());
  }

  public String privateKeyPem() throws GeneralSecurityException {
    return pem("PRIVATE KEY", ((PrivateKey) store.getKey(alias, PASS)).getEncoded());
  }

  /** A server context presenting this certificate, trusting {@code clients} when not null. */
  public SSLContext serverContext(TestCertificates clients) throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, PASS);
    TrustManagerFactory tmf = null;
    if (clients != null) {
      tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(clients.store);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
    return ctx;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
