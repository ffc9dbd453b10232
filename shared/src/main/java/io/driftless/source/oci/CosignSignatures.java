package io.driftless.source.oci;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.model.ParseLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Cosign's keyed signatures as they are stored in a registry ({@code cosign sign --key}): the
 * manifest tagged {@code sha256-<hex>.sig} in the artifact's repository holds one layer per signature,
 * each a simple-signing payload ({@code application/vnd.dev.cosign.simplesigning.v1+json}) whose
 * {@code critical.image.docker-manifest-digest} names the signed manifest, and whose annotation
 * {@code dev.cosignproject.cosign/signature} is the base64 signature of the payload's bytes (ECDSA,
 * RSA PKCS#1 v1.5 with SHA-256, or Ed25519, as cosign's keys are). An artifact is verified when one
 * payload names its digest and is signed by one of the public keys; as cosign's claim check, the
 * docker-reference is not compared.
 */
public final class CosignSignatures {
  public static final String PAYLOAD_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  public static final String SIGNATURE_TYPE = "cosign container image signature";
  private static final long MAX_PAYLOAD = 1L << 20;

  private CosignSignatures() {}

  /** The tag cosign stores the signatures of the manifest {@code digest} under. */
  public static String signatureTag(String digest) {
    return digest.replace(':', '-') + ".sig";
  }

  /** cosign's simple-signing payload for the manifest {@code digest} of {@code reference} ({@code host/repository}). */
  public static byte[] payload(String reference, String digest) {
    return ("{\"critical\":{\"identity\":{\"docker-reference\":\"" + reference + "\"},\"image\":{\"docker-manifest-digest\":\""
        + digest + "\"},\"type\":\"" + SIGNATURE_TYPE + "\"},\"optional\":null}").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Public keys from PEM texts ({@code -----BEGIN PUBLIC KEY-----}, PKIX), each named for errors (a
   * Secret key); throws IllegalArgumentException naming the one that is not a public key.
   */
  public static List<PublicKey> publicKeys(Map<String, String> pems) {
    List<PublicKey> keys = new ArrayList<>();
    pems.forEach((name, pem) -> keys.add(publicKey(name, pem)));
    return keys;
  }

  private static PublicKey publicKey(String name, String pem) {
    int begin = pem.indexOf("-----BEGIN PUBLIC KEY-----");
    int end = pem.indexOf("-----END PUBLIC KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(name + " is not a PEM public key");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(begin + "-----BEGIN PUBLIC KEY-----".length(), end));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " is not a PEM public key");
    }
    for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException notThisOne) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(name + " is not an ECDSA, RSA or Ed25519 public key");
  }

  /**
   * Checks that the manifest {@code digest} of {@code repository} is signed by one of {@code keys};
   * throws {@link RegistryException} saying why not ("no signature found", "no matching signatures").
   */
  public static void verify(RegistryClient client, String repository, String digest, List<PublicKey> keys) {
    OciManifest signatures;
    try {
      signatures = client.manifest(repository, signatureTag(digest));
    } catch (RegistryException e) {
      if (e.status() == 404) {
        throw new RegistryException("no signature found for " + digest + " (no " + signatureTag(digest) + " tag)", 404);
      }
      throw e;
    }
    for (OciManifest.Layer layer : signatures.layers()) {
      String signature = layer.annotations().get(SIGNATURE_ANNOTATION);
      if (!PAYLOAD_TYPE.equals(layer.mediaType()) || signature == null || layer.size() > MAX_PAYLOAD) {
        continue;
      }
      byte[] payload = client.blob(repository, layer.digest(), MAX_PAYLOAD);
      if (signedByOneOf(payload, signature, keys) && names(payload, digest)) {
        return;
      }
    }
    throw new RegistryException("no matching signatures were found for " + digest, 0);
  }

  private static boolean signedByOneOf(byte[] payload, String signature, List<PublicKey> keys) {
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(signature.trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    for (PublicKey key : keys) {
      try {
        Signature verifier = Signature.getInstance(switch (key.getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "RSA" -> "SHA256withRSA";
          default -> "Ed25519";
        });
        verifier.initVerify(key);
        verifier.update(payload);
        if (verifier.verify(sig)) {
          return true;
        }
      } catch (GeneralSecurityException notThisKey) {
        // a signature this key cannot read is not its signature
      }
    }
    return false;
  }

  private static boolean names(byte[] payload, String digest) {
    try {
      JsonNode critical = ParseLimits.jsonMapper().readTree(payload).path("critical");
      return SIGNATURE_TYPE.equals(critical.path("type").asText())
          && digest.equals(critical.path("image").path("docker-manifest-digest").asText());
    } catch (IOException notJson) {
      return false;
    }
  }
}
