package io.driftless.helm.release;

import io.driftless.model.ObjectId;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Helm's {@code secret} storage driver in one storage namespace ({@code pkg/storage/driver/secrets.go},
 * {@code pkg/storage/storage.go}): one Secret {@code sh.helm.release.v1.<name>.v<N>} of type
 * {@code helm.sh/release.v1} per revision, labelled {@code name}, {@code owner=helm}, {@code status},
 * {@code version} and {@code createdAt} (on create) or {@code modifiedAt} (on update), holding
 * {@code data.release}. Revisions written here are Helm's own to {@code helm list/history/get/upgrade/
 * uninstall}, and revisions Helm wrote read back here.
 */
public final class SecretReleaseStorage implements ReleaseStorage {
  public static final String SECRET_TYPE = "helm.sh/release.v1";
  private static final String KEY_PREFIX = "sh.helm.release.v1.";

  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;

  public SecretReleaseStorage(KubernetesClient client, String storageNamespace, Clock clock) {
    this.client = client;
    this.namespace = storageNamespace;
    this.clock = clock;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  /** The Secret name of one revision. */
  public static String key(String releaseName, int version) {
    return KEY_PREFIX + releaseName + ".v" + version;
  }

  @Override
  public List<StoredRelease> history(String releaseName) {
    List<StoredRelease> releases = new ArrayList<>();
    for (Secret secret : client.secrets().inNamespace(namespace)
        .withLabel("owner", "helm").withLabel("name", releaseName).list().getItems()) {
      releases.add(decode(secret));
    }
    releases.sort(Comparator.comparingInt(StoredRelease::version));
    return releases;
  }

  @Override
  public Optional<StoredRelease> get(String releaseName, int version) {
    Secret secret = client.secrets().inNamespace(namespace).withName(key(releaseName, version)).get();
    return secret == null ? Optional.empty() : Optional.of(decode(secret));
  }

  @Override
  public void add(StoredRelease release) {
    Secret secret = secret(release, "createdAt");
    try {
      client.secrets().inNamespace(namespace).resource(secret).create();
    } catch (KubernetesClientException e) {
      throw new ReleaseStorageException(describe(release) + ": cannot create " + where(release)
          + " (HTTP " + e.getCode() + (e.getCode() == 409 ? ", the revision already exists" : "") + ")");
    }
  }

  /** Labels get {@code modifiedAt}, as Helm's Update. */
  @Override
  public void update(StoredRelease release) {
    Secret secret = secret(release, "modifiedAt");
    try {
      client.secrets().inNamespace(namespace).resource(secret).update();
    } catch (KubernetesClientException e) {
      throw new ReleaseStorageException(describe(release) + ": cannot update " + where(release)
          + " (HTTP " + e.getCode() + ")");
    }
  }

  @Override
  public boolean delete(String releaseName, int version) {
    return !client.secrets().inNamespace(namespace).withName(key(releaseName, version)).delete().isEmpty();
  }

  private Secret secret(StoredRelease release, String timestampLabel) {
    if (release.name().isEmpty()) {
      throw new ReleaseStorageException("a release without a name cannot be stored");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(timestampLabel, Long.toString(clock.instant().getEpochSecond()));
    labels.put("name", release.name());
    labels.put("owner", "helm");
    labels.put("status", release.status().stored());
    labels.put("version", Integer.toString(release.version()));
    String encoded = ReleaseCodec.encode(release);
    return new SecretBuilder()
        .withNewMetadata()
        .withName(key(release.name(), release.version()))
        .withNamespace(namespace)
        .withLabels(labels)
        .endMetadata()
        .withType(SECRET_TYPE)
        .withData(Map.of("release",
            Base64.getEncoder().encodeToString(encoded.getBytes(StandardCharsets.US_ASCII))))
        .build();
  }

  private StoredRelease decode(Secret secret) {
    String origin = ObjectId.subject("Secret", namespace, secret.getMetadata().getName());
    String data = secret.getData() == null ? null : secret.getData().get("release");
    if (data == null) {
      throw new ReleaseFormatException(origin + ": no data.release");
    }
    String helmText = new String(Base64.getDecoder().decode(data), StandardCharsets.US_ASCII);
    return ReleaseCodec.decode(helmText, origin);
  }

  private String where(StoredRelease release) {
    return ObjectId.subject("Secret", namespace, key(release.name(), release.version()));
  }

  private static String describe(StoredRelease release) {
    return "Helm release " + release.name() + ".v" + release.version();
  }
}
