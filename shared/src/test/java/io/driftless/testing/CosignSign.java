package io.driftless.testing;

import io.driftless.source.oci.CosignSignatures;
import io.driftless.source.oci.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Signs an artifact in a registry as {@code cosign sign --key} stores it (cosign's specification of
 * the signature image): the simple-signing payload naming the manifest digest as one layer of type
 * {@code application/vnd.dev.cosign.simplesigning.v1+json}, its ECDSA P-256 SHA-256 signature in the
 * layer's {@code dev.cosignproject.cosign/signature} annotation, the manifest tagged {@code
 * sha256-<hex>.sig} in the same repository. Keys are made here as {@code cosign generate-key-pair} makes them.
 */
public final class CosignSign {
  private CosignSign() {}

  /** An ECDSA P-256 key pair, cosign's kind of key. */
  public static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** The public key as cosign.pub holds it (PEM, PKIX). */
  public static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
  }

  /** Signs the manifest {@code digest} of {@code host/repository} with {@code key}. */
  public static void sign(RegistryClient client, String host, String repository, String digest, PrivateKey key)
      throws GeneralSecurityException {
    byte[] payload = CosignSignatures.payload(host + "/" + repository, digest);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(payload);
    String signature = Base64.getEncoder().encodeToString(signer.sign());
    String payloadDigest = client.pushBlob(repository, payload);
    byte[] config = ("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":\"0001-01-01T00:00:00Z\"}],"
        + "\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + payloadDigest + "\"]},\"config\":{}}")
        .getBytes(StandardCharsets.UTF_8);
    String configDigest = client.pushBlob(repository, config);
    String manifest = """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
         "config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":%d,"digest":"%s"},
         "layers":[{"mediaType":"%s","size":%d,"digest":"%s","annotations":{"%s":"%s"}}]}
        """.formatted(config.length, configDigest, CosignSignatures.PAYLOAD_TYPE, payload.length, payloadDigest,
        CosignSignatures.SIGNATURE_ANNOTATION, signature);
    client.pushManifest(repository, CosignSignatures.signatureTag(digest), manifest.getBytes(StandardCharsets.UTF_8),
        "application/vnd.oci.image.manifest.v1+json");
  }
}
