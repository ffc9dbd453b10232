package io.driftless.helm.release;

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
public final class ReleaseStorage {
  public static final String SECRET_TYPE = "helm.sh/release.v1";
  private static final String KEY_PREFIX = "sh.helm.release.v1.";

  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;

  public ReleaseStorage(KubernetesClient client, String storageNamespace, Clock clock) {
    this.client = client;
    this.namespace = storageNamespace;
    this.clock = clock;
  }

  public String namespace() {
    return namespace;
  }

  /** The Secret name of one revision. */
  public static String key(String releaseName, int version) {
    return KEY_PREFIX + releaseName + ".v" + version;
  }

  /** Every stored revision of {@code releaseName}, oldest first ({@code helm history}). */
  public List<StoredRelease> history(String releaseName) {
    List<StoredRelease> releases = new ArrayList<>();
    for (Secret secret : client.secrets().inNamespace(namespace)
        .withLabel("owner", "helm").withLabel("name", releaseName).list().getItems()) {
      releases.add(decode(secret));
    }
    releases.sort(Comparator.comparingInt(StoredRelease::version));
    return releases;
  }

  /** The newest revision, whatever its status (Helm's {@code Last}). */
  public Optional<StoredRelease> latest(String releaseName) {
    List<StoredRelease> history = history(releaseName);
    return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
  }

  /** The newest revision whose status is {@code deployed} (Helm's {@code Deployed}). */
  public Optional<StoredRelease> deployed(String releaseName) {
    List<StoredRelease> history = history(releaseName);
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i).status() == ReleaseStatus.DEPLOYED) {
        return Optional.of(history.get(i));
      }
    }
    return Optional.empty();
  }

  /** One revision, if stored. */
  public Optional<StoredRelease> get(String releaseName, int version) {
    Secret secret = client.secrets().inNamespace(namespace).withName(key(releaseName, version)).get();
    return secret == null ? Optional.empty() : Optional.of(decode(secret));
  }

  /**
   * Stores a new revision. With {@code maxHistory > 0} it first prunes the history to leave room for
   * it, as Helm's {@code Storage.Create} does. Fails if the revision already exists.
   */
  public void create(StoredRelease release, int maxHistory) {
    if (maxHistory > 0) {
      prune(release.name(), maxHistory - 1);
    }
    Secret secret = secret(release, "createdAt");
    try {
      client.secrets().inNamespace(namespace).resource(secret).create();
    } catch (KubernetesClientException e) {
      throw new ReleaseStorageException(describe(release) + ": cannot create " + where(release)
          + " (HTTP " + e.getCode() + (e.getCode() == 409 ? ", the revision already exists" : "") + ")");
    }
  }

  /** Rewrites a stored revision (a status change); labels get {@code modifiedAt}, as Helm's Update. */
  public void update(StoredRelease release) {
    Secret secret = secret(release, "modifiedAt");
    try {
      client.secrets().inNamespace(namespace).resource(secret).update();
    } catch (KubernetesClientException e) {
      throw new ReleaseStorageException(describe(release) + ": cannot update " + where(release)
          + " (HTTP " + e.getCode() + ")");
    }
  }

  /**
   * Marks every {@code deployed} revision {@code superseded}, as Helm does when a new revision has
   * been deployed (upgrade and rollback). Returns the versions changed.
   */
  public List<Integer> supersedeDeployed(String releaseName) {
    List<Integer> changed = new ArrayList<>();
    for (StoredRelease release : history(releaseName)) {
      if (release.status() == ReleaseStatus.DEPLOYED) {
        update(release.withStatus(ReleaseStatus.SUPERSEDED, release.description()));
        changed.add(release.version());
      }
    }
    return changed;
  }

  /** Deletes one revision; false if it was not stored. */
  public boolean delete(String releaseName, int version) {
    return !client.secrets().inNamespace(namespace).withName(key(releaseName, version)).delete().isEmpty();
  }

  /**
   * Deletes the oldest revisions until at most {@code max} remain, never the newest {@code deployed}
   * one (Helm's {@code removeLeastRecent}, used for {@code maxHistory}). Returns the versions deleted.
   */
  public List<Integer> prune(String releaseName, int max) {
    List<Integer> deleted = new ArrayList<>();
    if (max < 0) {
      return deleted;
    }
    List<StoredRelease> history = history(releaseName);
    if (history.size() <= max) {
      return deleted;
    }
    Optional<Integer> lastDeployed = history.stream()
        .filter(release -> release.status() == ReleaseStatus.DEPLOYED)
        .map(StoredRelease::version)
        .reduce((first, second) -> second);
    for (StoredRelease release : history) {
      if (history.size() - deleted.size() == max) {
        break;
      }
      if (lastDeployed.isEmpty() || release.version() != lastDeployed.get()) {
        deleted.add(release.version());
      }
    }
    deleted.forEach(version -> delete(releaseName, version));
    return deleted;
  }

  /**
   * Unlocks a release left in {@code pending-install}, {@code pending-upgrade} or
   * {@code pending-rollback} (a function that died mid-action): the newest revision becomes
   * {@code failed} with helm-controller's description "Release unlocked from stale '&lt;status&gt;'
   * state". Returns the rewritten revision, or empty when the newest revision is not pending.
   */
  public Optional<StoredRelease> unlock(String releaseName) {
    Optional<StoredRelease> latest = latest(releaseName);
    if (latest.isEmpty() || !latest.get().status().isPending()) {
      return Optional.empty();
    }
    StoredRelease stale = latest.get();
    StoredRelease unlocked = stale.withStatus(ReleaseStatus.FAILED,
        "Release unlocked from stale '" + stale.status().stored() + "' state");
    update(unlocked);
    return Optional.of(unlocked);
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
    String origin = "Secret/" + namespace + "/" + secret.getMetadata().getName();
    String data = secret.getData() == null ? null : secret.getData().get("release");
    if (data == null) {
      throw new ReleaseFormatException(origin + ": no data.release");
    }
    String helmText = new String(Base64.getDecoder().decode(data), StandardCharsets.US_ASCII);
    return ReleaseCodec.decode(helmText, origin);
  }

  private String where(StoredRelease release) {
    return "Secret/" + namespace + "/" + key(release.name(), release.version());
  }

  private static String describe(StoredRelease release) {
    return "Helm release " + release.name() + ".v" + release.version();
  }
}
