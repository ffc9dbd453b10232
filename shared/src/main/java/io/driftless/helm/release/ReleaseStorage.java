package io.driftless.helm.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The revisions of Helm releases in one storage namespace, as Helm's {@code pkg/storage/storage.go}
 * sees them over a driver: a driver stores, reads, rewrites and deletes single revisions
 * ({@link SecretReleaseStorage} is Helm's {@code secret} driver); what Helm's {@code Storage} derives
 * from them (latest, deployed, {@code maxHistory} pruning, superseding, unlocking a stale pending
 * revision) is written once here, so every driver behaves alike.
 */
public interface ReleaseStorage {

  /** The storage namespace. */
  String namespace();

  /** Every stored revision of {@code releaseName}, oldest first ({@code helm history}). */
  List<StoredRelease> history(String releaseName);

  /** One revision, if stored. */
  Optional<StoredRelease> get(String releaseName, int version);

  /** Stores a new revision; fails with {@link ReleaseStorageException} if it already exists. */
  void add(StoredRelease release);

  /** Rewrites a stored revision (a status change). */
  void update(StoredRelease release);

  /** Deletes one revision; false if it was not stored. */
  boolean delete(String releaseName, int version);

  /**
   * Stores a new revision. With {@code maxHistory > 0} it first prunes the history to leave room for
   * it, as Helm's {@code Storage.Create} does. Fails if the revision already exists.
   */
  default void create(StoredRelease release, int maxHistory) {
    if (maxHistory > 0) {
      prune(release.name(), maxHistory - 1);
    }
    add(release);
  }

  /** The newest revision, whatever its status (Helm's {@code Last}). */
  default Optional<StoredRelease> latest(String releaseName) {
    List<StoredRelease> history = history(releaseName);
    return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
  }

  /** The newest revision whose status is {@code deployed} (Helm's {@code Deployed}). */
  default Optional<StoredRelease> deployed(String releaseName) {
    List<StoredRelease> history = history(releaseName);
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i).status() == ReleaseStatus.DEPLOYED) {
        return Optional.of(history.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * Marks every {@code deployed} revision {@code superseded}, as Helm does when a new revision has
   * been deployed (upgrade and rollback). Returns the versions changed.
   */
  default List<Integer> supersedeDeployed(String releaseName) {
    List<Integer> changed = new ArrayList<>();
    for (StoredRelease release : history(releaseName)) {
      if (release.status() == ReleaseStatus.DEPLOYED) {
        update(release.withStatus(ReleaseStatus.SUPERSEDED, release.description()));
        changed.add(release.version());
      }
    }
    return changed;
  }

  /**
   * Deletes the oldest revisions until at most {@code max} remain, never the newest {@code deployed}
   * one (Helm's {@code removeLeastRecent}, used for {@code maxHistory}). Returns the versions deleted.
   */
  default List<Integer> prune(String releaseName, int max) {
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
  default Optional<StoredRelease> unlock(String releaseName) {
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
}
