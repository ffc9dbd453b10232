package io.driftless.helm.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Release storage held in memory, for tests of what reads and writes revisions without a cluster. */
public final class InMemoryReleaseStorage implements ReleaseStorage {
  private final String namespace;
  private final Map<String, TreeMap<Integer, StoredRelease>> releases = new TreeMap<>();

  public InMemoryReleaseStorage(String namespace) {
    this.namespace = namespace;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public List<StoredRelease> history(String releaseName) {
    return new ArrayList<>(revisions(releaseName).values());
  }

  @Override
  public Optional<StoredRelease> get(String releaseName, int version) {
    return Optional.ofNullable(revisions(releaseName).get(version));
  }

  @Override
  public void add(StoredRelease release) {
    if (revisions(release.name()).putIfAbsent(release.version(), release) != null) {
      throw new ReleaseStorageException("Helm release " + release.name() + ".v" + release.version()
          + ": the revision already exists");
    }
  }

  @Override
  public void update(StoredRelease release) {
    if (revisions(release.name()).replace(release.version(), release) == null) {
      throw new ReleaseStorageException("Helm release " + release.name() + ".v" + release.version()
          + ": not stored");
    }
  }

  @Override
  public boolean delete(String releaseName, int version) {
    return revisions(releaseName).remove(version) != null;
  }

  private TreeMap<Integer, StoredRelease> revisions(String releaseName) {
    return releases.computeIfAbsent(releaseName, n -> new TreeMap<>());
  }
}
