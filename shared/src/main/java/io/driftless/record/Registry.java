package io.driftless.record;

/** The registry an operator writes: clusters, roots and the sources found in Git. One role of the {@link StateStore}. */
public interface Registry {
  void putCluster(ClusterRecord cluster);

  void putRoot(RootRecord root);

  /** Creates or replaces the source, keeping its suspend mark ({@link #setSourceSuspended}). */
  void putSource(SourceRecord source);

  /** Marks a source suspended or not ({@code driftless suspend|resume source git}). Throws IllegalArgumentException when it is not recorded. */
  void setSourceSuspended(String key, boolean suspended);
}
