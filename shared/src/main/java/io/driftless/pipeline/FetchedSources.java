package io.driftless.pipeline;

import io.driftless.model.Kustomization;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sources of one run, each fetched at most once however many Kustomizations read it (a tick over
 * 1,000 children of one repository makes one Git round trip, not 1,000). A failed fetch is remembered
 * too, so every Kustomization of that source reports the same error without trying again. Safe for
 * the run's parallel workers: the first to ask fetches, the others wait for it.
 */
final class FetchedSources {
  private final ReconcileContext ctx;
  private final Map<String, CompletableFuture<Sources.Fetched>> fetched = new ConcurrentHashMap<>();

  FetchedSources(ReconcileContext ctx) {
    this.ctx = ctx;
  }

  Sources.Fetched fetch(String cluster, String root, Kustomization ks, boolean fetchSources) {
    String key = cluster + "|" + root + "|" + Sources.keyOf(ks) + "|" + ks.spec().sourceRef().kind() + "|" + fetchSources;
    CompletableFuture<Sources.Fetched> mine = new CompletableFuture<>();
    CompletableFuture<Sources.Fetched> existing = fetched.putIfAbsent(key, mine);
    if (existing != null) {
      try {
        return existing.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    try {
      Sources.Fetched result = Sources.fetch(ctx, cluster, root, ks, fetchSources);
      mine.complete(result);
      return result;
    } catch (RuntimeException | Error e) { // an Error too, or the Kustomizations waiting for it wait forever
      mine.completeExceptionally(e);
      throw e;
    }
  }
}
