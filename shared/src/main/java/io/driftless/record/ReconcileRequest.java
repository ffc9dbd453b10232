package io.driftless.record;

/**
 * A durable request to reconcile, written before the webhook answers so that nothing is lost if the
 * webhook's invocation ends. {@code target} is a source key ({@code namespace/name}) for a push, a
 * root name, or a Kustomization key for a manual request or a work item; {@code cluster} may be empty
 * for all clusters.
 *
 * <p>A work item ({@link #KIND_ITEM}) is one (Kustomization, cluster) of a fan-out: {@code wave} is
 * the id of the push, tick or manual request it belongs to (so an item is queued once per wave),
 * {@code forced} runs it even when nothing changed, {@code withSource} fetches its source from the
 * remote, {@code forcedTree} forces every item the wave reaches below it too (a manual reconcile of
 * everything). Other kinds leave {@code wave} empty; there {@code forced} and {@code withSource} say
 * the same of the items the request starts ({@code forcedTree}: of every item of its trees).
 */
public record ReconcileRequest(
    String id, String kind, String target, String cluster, String reason, String requestedAt,
    String wave, boolean forced, boolean withSource, boolean forcedTree) {

  public static final String KIND_SOURCE = "source";
  public static final String KIND_KUSTOMIZATION = "kustomization";
  public static final String KIND_ROOT = "root";
  /** One (Kustomization, cluster) of a fan-out. */
  public static final String KIND_ITEM = "item";

  /** A request that is not a work item (a push, a bootstrap, a manual request). */
  public ReconcileRequest(String id, String kind, String target, String cluster, String reason, String requestedAt) {
    this(id, kind, target, cluster, reason, requestedAt, null, false, true, false);
  }

  /** A request whose items are not forced below the first. */
  public ReconcileRequest(String id, String kind, String target, String cluster, String reason, String requestedAt,
      String wave, boolean forced, boolean withSource) {
    this(id, kind, target, cluster, reason, requestedAt, wave, forced, withSource, false);
  }

  /** The work item of Kustomization {@code key} on {@code cluster} in {@code wave}, queued once per wave. */
  public static ReconcileRequest item(String wave, String cluster, String key, String reason, String requestedAt,
      boolean forced, boolean withSource) {
    return item(wave, cluster, key, reason, requestedAt, forced, withSource, false);
  }

  /** As {@link #item(String, String, String, String, String, boolean, boolean)}; {@code forcedTree} forces what follows it too. */
  public static ReconcileRequest item(String wave, String cluster, String key, String reason, String requestedAt,
      boolean forced, boolean withSource, boolean forcedTree) {
    return new ReconcileRequest(wave + "/" + cluster + "#" + key, KIND_ITEM, key, cluster, reason, requestedAt,
        wave, forced || forcedTree, withSource, forcedTree);
  }

  public boolean isItem() {
    return KIND_ITEM.equals(kind);
  }
}
