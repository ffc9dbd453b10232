package io.driftless.notify;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the HTTP client of one Provider: its timeout, its proxy ({@code proxySecretRef}'s
 * {@code address}, {@code username}, {@code password}, or the deprecated {@code spec.proxy} /
 * Secret {@code proxy} key), the addresses it may connect to ({@link AddressPolicy}) and its TLS ({@code certSecretRef}'s {@code ca.crt}, {@code tls.crt} +
 * {@code tls.key}, PKCS#8).
 */
final class Transports {
  private Transports() {}

  record Proxy(String address, String username, String password) {}

  /**
   * {@code addresses} judges every address a connection goes to (the Provider's host, or its proxy):
   * the client resolves through it and connects only to what it allowed. Redirects are not followed.
   */
  static CloseableHttpClient client(Duration timeout, Proxy proxy, Map<String, byte[]> certData, AddressPolicy addresses)
      throws DeliveryException {
    Timeout t = Timeout.of(timeout);
    PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setDnsResolver(new GuardedDnsResolver(addresses))
        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build());
    if (certData != null && !certData.isEmpty()) {
      connections.setTlsSocketStrategy(new DefaultClientTlsStrategy(sslContext(certData)));
    }
    HttpClientBuilder b = HttpClients.custom()
        .setConnectionManager(connections.build())
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t).build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement();
    if (proxy != null && proxy.address() != null && !proxy.address().isBlank()) {
      URI uri;
      try {
        uri = URI.create(proxy.address().trim());
      } catch (IllegalArgumentException e) {
        throw new DeliveryException("the proxy address is not a URL");
      }
      if (uri.getHost() == null) {
        throw new DeliveryException("the proxy address names no host");
      }
      int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
      HttpHost host = new HttpHost("http", uri.getHost(), port);
      b.setProxy(host);
      if (proxy.username() != null && !proxy.username().isEmpty()) {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(new AuthScope(host),
            new UsernamePasswordCredentials(proxy.username(), proxy.password() == null ? new char[0] : proxy.password().toCharArray()));
        b.setDefaultCredentialsProvider(credentials);
      }
    }
    return b.build();
  }

  private static SSLContext sslContext(Map<String, byte[]> data) throws DeliveryException {
    try {
      TrustManagerFactory tmf = null;
      if (data.containsKey("ca.crt")) {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (Certificate c : certificates(data.get("ca.crt"))) {
          trust.setCertificateEntry("ca" + i++, c);
        }
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
      }
      KeyManagerFactory kmf = null;
      if (data.containsKey("tls.crt") || data.containsKey("tls.key")) {
        if (!data.containsKey("tls.crt") || !data.containsKey("tls.key")) {
          throw new DeliveryException("certSecretRef needs both tls.crt and tls.key");
        }
        KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
        keys.load(null, null);
        keys.setKeyEntry("client", privateKey(data.get("tls.key")), new char[0],
            certificates(data.get("tls.crt")).toArray(Certificate[]::new));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new DeliveryException("certSecretRef holds no usable ca.crt/tls.crt/tls.key: " + e.getClass().getSimpleName());
    }
  }

  private static Collection<? extends Certificate> certificates(byte[] pem) throws GeneralSecurityException {
    return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
  }

  private static PrivateKey privateKey(byte[] pem) throws GeneralSecurityException, DeliveryException {
    String text = new String(pem, StandardCharsets.US_ASCII);
    if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new DeliveryException("certSecretRef tls.key must be a PKCS#8 key (BEGIN PRIVATE KEY)");
    }
    String body = text.substring(text.indexOf("-----BEGIN PRIVATE KEY-----") + 27, text.indexOf("-----END PRIVATE KEY-----"))
        .replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException tryNext) {
        // not this algorithm
      }
    }
    throw new DeliveryException("certSecretRef tls.key is neither an RSA, EC nor Ed25519 key");
  }
}
