package io.driftless.trigger;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook came from someone who knows the root's secret, each Git host its own way:
 * GitHub signs with {@code X-Hub-Signature-256: sha256=<hex>}, hex being HMAC-SHA256(secret, exact
 * raw body); Gitea sends the same HMAC, also bare in {@code X-Gitea-Signature}; GitLab sends the
 * secret itself as {@code X-Gitlab-Token}. Comparisons are constant-time.
 */
public final class WebhookSecretCheck {
  /** GitHub's (and Gitea's) signature header. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
  private static final String PREFIX = "sha256=";

  private WebhookSecretCheck() {}

  /** The header value GitHub would send for this body: {@code sha256=<hex>}. */
  public static String sign(byte[] secret, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
  }

  /** True when {@code header} is {@code sha256=<hex>} and the HMAC matches the exact body. */
  public static boolean verify(byte[] secret, byte[] body, String header) {
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    return verifyHex(secret, body, header.substring(PREFIX.length()));
  }

  /** True when {@code hex} is the bare hex HMAC-SHA256 of the exact body. */
  public static boolean verifyHex(byte[] secret, byte[] body, String hex) {
    return hexEquals(hmac(secret, body), hex);
  }

  /** Constant-time comparison of a shared token (GitLab's {@code X-Gitlab-Token}). */
  public static boolean tokenEquals(byte[] secret, String token) {
    return token != null && MessageDigest.isEqual(secret, token.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * True when {@code header} is {@code <sha1|sha256|sha512>=<hex>} (go-github's ValidateSignature,
   * which Flux's generic-hmac, github and bitbucket Receivers use) and the HMAC matches the body.
   */
  public static boolean verifyPrefixed(byte[] secret, byte[] body, String header) {
    if (header == null || header.indexOf('=') < 0) {
      return false;
    }
    String algorithm = switch (header.substring(0, header.indexOf('=')).strip().toLowerCase(Locale.ROOT)) {
      case "sha1" -> "HmacSHA1";
      case "sha256" -> "HmacSHA256";
      case "sha512" -> "HmacSHA512";
      default -> null;
    };
    return algorithm != null && hexEquals(hmac(algorithm, secret, body), header.substring(header.indexOf('=') + 1));
  }

  /** True when {@code hex} is the bare hex HMAC-SHA1 of the body (Nexus's X-Nexus-Webhook-Signature). */
  public static boolean verifySha1Hex(byte[] secret, byte[] body, String hex) {
    return hex != null && hexEquals(hmac("HmacSHA1", secret, body), hex);
  }

  private static boolean hexEquals(byte[] expected, String hex) {
    try {
      return MessageDigest.isEqual(expected, HexFormat.of().parseHex(hex.strip().toLowerCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] hmac(byte[] secret, byte[] body) {
    return hmac("HmacSHA256", secret, body);
  }

  private static byte[] hmac(String algorithm, byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret, algorithm));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }
}
