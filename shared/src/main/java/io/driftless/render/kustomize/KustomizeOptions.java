package io.driftless.render.kustomize;

/**
 * How a build may read files and how big it may get.
 *
 * @param loadRestrictor whether a kustomization may read files outside its own directory
 * @param maxFileBytes the largest file a build reads
 * @param maxObjects the most objects one build may produce
 */
public record KustomizeOptions(LoadRestrictor loadRestrictor, long maxFileBytes, int maxObjects) {

  /** kubectl's {@code --load-restrictor}. */
  public enum LoadRestrictor {
    ROOT_ONLY,
    NONE
  }

  public static KustomizeOptions defaults() {
    return new KustomizeOptions(LoadRestrictor.ROOT_ONLY, 16L * 1024 * 1024, 50_000);
  }

  public KustomizeOptions withLoadRestrictor(LoadRestrictor restrictor) {
    return new KustomizeOptions(restrictor, maxFileBytes, maxObjects);
  }

  public KustomizeOptions withLimits(long maxFileBytes, int maxObjects) {
    return new KustomizeOptions(loadRestrictor, maxFileBytes, maxObjects);
  }
}
