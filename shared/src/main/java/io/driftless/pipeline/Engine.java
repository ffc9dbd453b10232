package io.driftless.pipeline;

import io.driftless.config.DriftlessConfig;
import io.driftless.config.DriftlessConfig.Dispatch;
import io.driftless.render.FluxBuilder;
import io.driftless.model.LocalSecretResolver;
import io.driftless.model.SecretResolver;
import io.driftless.record.ClusterRecord;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import io.driftless.record.dynamo.DynamoStores;
import io.driftless.record.dynamo.EmbeddedStore;
import io.driftless.source.JGitSourceFetcher;
import io.driftless.source.SourceFetcher;
import io.driftless.trigger.WebhookHandler;
import io.driftless.trigger.WebhookRequest;
import io.driftless.trigger.WebhookResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The engine's front door, used by the functions and the CLI: webhook, schedule, reconcile and drain,
 * over one store. The only class that wires every stage.
 */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Engine.class.getName());
  private final StateStore store;
  private final ReconcileContext ctx;
  private final Dispatcher dispatcher;
  private final WebhookHandler webhooks;

  Engine(StateStore store, SourceFetcher fetcher, SecretResolver secrets, Clock clock, Dispatch dispatch,
      List<String> sopsKeyRefs, DriftlessConfig.Throughput throughput) {
    this.store = store;
    this.ctx = new ReconcileContext(
        store, fetcher, FluxBuilder.forSources(),
        new BuildInputsLoader(secrets, sopsKeyRefs), new KubeClients(secrets, throughput), clock,
        "driftless-" + UUID.randomUUID(), Duration.ofMinutes(10), Duration.ofMinutes(5), throughput,
        new StageTimes());
    this.dispatcher = dispatch == Dispatch.LOCAL ? Dispatcher.local(this::drainQuietly) : Dispatcher.viaStream();
    this.webhooks = new WebhookHandler(store, secrets, dispatcher, clock);
  }

  /**
   * Opens the store {@code config} names (its table, or else the caller's {@code embedded} store in
   * its data directory) and builds the engine over it. {@code env} is where {@code env:} secret
   * references and the AWS SDK's settings are read.
   */
  public static Engine open(DriftlessConfig config, Map<String, String> env, Optional<EmbeddedStore> embedded) {
    return create(config, DynamoStores.open(config, env, embedded), env);
  }

  /** Builds an engine over a given store; every other setting from {@code config}. */
  public static Engine create(DriftlessConfig config, StateStore store, Map<String, String> env) {
    return create(config, store, env, UnaryOperator.identity());
  }

  /** As {@link #create(DriftlessConfig, StateStore, Map)}, the Git fetcher wrapped by {@code around} (to count fetches, say). */
  public static Engine create(
      DriftlessConfig config, StateStore store, Map<String, String> env, UnaryOperator<SourceFetcher> around) {
    SecretResolver secrets = LocalSecretResolver.withAws(env);
    SourceFetcher fetcher = around.apply(new JGitSourceFetcher(config.cacheDir(), secrets, config.gitTimeout()));
    return new Engine(store, fetcher, secrets, Clock.systemUTC(), config.dispatch(), config.sopsKeys(), config.throughput());
  }

  public StateStore store() {
    return store;
  }

  /** Where this engine's reconciles spent their time, by stage. */
  public StageTimes stageTimes() {
    return ctx.times();
  }

  /** The requests this engine has sent to API servers, counted by method. */
  public ApiRequestCounter apiRequests() {
    return ctx.clients().requests();
  }

  public void registerCluster(ClusterRecord cluster) {
    store.putCluster(cluster);
    ctx.clients().forget(cluster.name());
  }

  public void bootstrap(RootRecord root) {
    if (store.getCluster(root.cluster()).isEmpty()) {
      throw new IllegalArgumentException("cluster " + root.cluster() + " is not registered: run `driftless cluster add` first");
    }
    Bootstrap.register(store, root);
  }

  public WebhookResponse webhook(WebhookRequest request) {
    return webhooks.handle(request);
  }

  /**
   * Drains the queue, then reconciles what is due at {@code now} (the scheduled event's time): every
   * Kustomization whose source moved, or whose {@code interval} (after a failure, {@code
   * retryInterval}) has passed since its last run. Roots run in parallel, up to
   * {@code DRIFTLESS_CLUSTER_CONCURRENCY} at once.
   */
  public ReconcileReport schedule(Instant now) {
    List<ReconcileOutcome> outcomes = new ArrayList<>(drainPending().outcomes());
    List<RootRecord> roots = store.listRoots();
    try (Workers<List<ReconcileOutcome>> workers = new Workers<>(ctx.throughput().clusterConcurrency(), "driftless-root")) {
      int next = 0;
      while (next < roots.size() || workers.busy()) {
        while (next < roots.size() && workers.hasRoom()) {
          RootRecord root = roots.get(next++);
          workers.submit(() -> runQuietly(root, Trigger.schedule(now)), e -> List.of());
        }
        outcomes.addAll(workers.next());
      }
    }
    return new ReconcileReport(outcomes);
  }

  public ReconcileReport reconcile(ManualReconcile command) {
    String wanted = command.kustomization() == null ? null : qualify(command.kustomization());
    Trigger trigger = new Trigger(key -> wanted == null || key.equals(wanted), ctx.clock().instant(), command.withSource());
    List<ReconcileOutcome> outcomes = new ArrayList<>();
    for (RootRecord root : store.listRoots()) {
      if (command.cluster() != null && !command.cluster().equals(root.cluster())) {
        continue;
      }
      if (wanted != null && store.getKustomization(root.cluster(), wanted).filter(k -> k.root().equals(root.name())).isEmpty()) {
        continue;
      }
      outcomes.addAll(new ReconcileRun(ctx).run(root, trigger));
    }
    if (wanted != null && outcomes.stream().noneMatch(o -> o.kustomization().equals(wanted))) {
      throw new IllegalArgumentException("Kustomization " + wanted + " not found"
          + (command.cluster() == null ? "" : " on cluster " + command.cluster()));
    }
    return new ReconcileReport(outcomes);
  }

  /**
   * Reconciles one HelmRelease ({@code HelmRelease/<namespace>/<name>}) now, on {@code cluster} or
   * on every cluster that has it, as {@code flux reconcile hr} does. With {@code withSource} its
   * parent Kustomization is rebuilt first from a fresh fetch of its source, so the release is
   * reconciled with the HelmRelease of the newest commit (the chart's index is fetched on every run
   * either way). A suspended HelmRelease has no outcome.
   */
  public ReconcileReport reconcileHelmRelease(String key, String cluster, boolean withSource) {
    List<ReconcileOutcome> outcomes = new ArrayList<>();
    for (HelmRecord rec : helmReleases(key, cluster)) {
      if (withSource) {
        RootRecord root = store.getRoot(rec.root())
            .orElseThrow(() -> new IllegalStateException(key + ": root " + rec.root() + " is not registered"));
        Trigger trigger = new Trigger(k -> k.equals(rec.parent()), ctx.clock().instant(), true);
        List<ReconcileOutcome> run = new ReconcileRun(ctx).run(root, trigger).stream()
            .filter(o -> o.kustomization().equals(rec.parent()) || o.kustomization().equals(key)).toList();
        outcomes.addAll(run);
        if (run.stream().anyMatch(o -> o.kustomization().equals(key))) {
          continue;
        }
      }
      store.getHelmObject(rec.cluster(), key).map(r -> new HelmReleases(ctx).reconcileOne(r)).ifPresent(outcomes::addAll);
    }
    return new ReconcileReport(outcomes);
  }

  /** Records {@code driftless suspend|resume hr} on the HelmRelease's work item on each cluster it names. */
  public List<HelmRecord> suspendHelmRelease(String key, String cluster, boolean suspended) {
    List<HelmRecord> found = helmReleases(key, cluster);
    found.forEach(rec -> store.setHelmSuspended(rec.cluster(), rec.key(), suspended));
    return found;
  }

  /** The work items of one HelmRelease, on {@code cluster} (null: every cluster); none is an error naming it. */
  private List<HelmRecord> helmReleases(String key, String cluster) {
    List<HelmRecord> found = store.listHelmObjects().stream()
        .filter(h -> h.key().equals(key) && (cluster == null || cluster.equals(h.cluster())))
        .toList();
    if (found.isEmpty()) {
      throw new IllegalArgumentException(key + " not found" + (cluster == null ? "" : " on cluster " + cluster)
          + " in any Kustomization's build");
    }
    return found;
  }

  /** Runs every queued request: each triggers a run of the roots it concerns. */
  public synchronized ReconcileReport drainPending() {
    List<ReconcileOutcome> outcomes = new ArrayList<>();
    for (ReconcileRequest request : store.pendingRequests()) {
      for (RootRecord root : Requests.rootsFor(store, request)) {
        Predicate<String> force = key -> ReconcileRequest.KIND_KUSTOMIZATION.equals(request.kind()) && key.equals(request.target());
        outcomes.addAll(runQuietly(root, new Trigger(force, ctx.clock().instant(), true)));
      }
      store.completeRequest(request.id());
    }
    return new ReconcileReport(outcomes);
  }

  /** Waits until the local worker has finished everything dispatched so far. */
  public void awaitIdle() {
    try {
      dispatcher.quiesce().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  public List<KustomizationRecord> kustomizations() {
    return store.listKustomizations();
  }

  /** One root's run; a failure outside any one item (the store, say) is logged and the others still run. */
  private List<ReconcileOutcome> runQuietly(RootRecord root, Trigger trigger) {
    try {
      return new ReconcileRun(ctx).run(root, trigger);
    } catch (RuntimeException e) {
      LOG.warning("root " + root.name() + " on cluster " + root.cluster() + ": run failed: " + e.getMessage());
      return List.of();
    }
  }

  private void drainQuietly() {
    try {
      drainPending();
    } catch (RuntimeException e) {
      LOG.warning("reconcile failed: " + e.getMessage());
    }
  }

  static String qualify(String name) {
    return name.contains("/") ? name : "flux-system/" + name;
  }

  @Override
  public void close() {
    dispatcher.close();
    ctx.clients().close();
    store.close();
  }
}
