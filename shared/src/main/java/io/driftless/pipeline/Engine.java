package io.driftless.pipeline;

import io.driftless.config.DriftlessConfig;
import io.driftless.config.Tenancy;
import io.driftless.model.GitRepository;
import io.driftless.model.Kustomization;
import io.driftless.model.ObjectId;
import io.driftless.notify.AddressPolicy;
import io.driftless.notify.AlertRouter;
import io.driftless.notify.RegisteredCommitStatus;
import io.driftless.config.DriftlessConfig.Dispatch;
import io.driftless.event.EventSink;
import io.driftless.event.EventSinks;
import io.driftless.render.FluxBuilder;
import io.driftless.model.LocalSecretResolver;
import io.driftless.model.SecretResolver;
import io.driftless.record.ClusterRecord;
import io.driftless.record.EventStore;
import io.driftless.record.FleetRecords;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.SourceRecord;
import io.driftless.record.StateStore;
import io.driftless.record.dynamo.DynamoStores;
import io.driftless.record.dynamo.EmbeddedStore;
import io.driftless.source.JGitSourceFetcher;
import io.driftless.source.SourceFetcher;
import io.driftless.trigger.ReceiverHandler;
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
import java.util.function.Consumer;
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
  private final WorkQueue queue;
  /** Runs a manual reconcile's or a schedule's items in this JVM, the same steps the dispatcher's workers run. */
  private final LocalWave inProcess;
  private final Dispatcher dispatcher;
  private final WebhookHandler webhooks;
  private final ReceiverHandler receivers;
  private final DriftlessConfig.Workers workers;
  private final EventSinks events;
  private QueueWatcher watcher;

  Engine(StateStore store, SourceFetcher fetcher, SecretResolver secrets, Clock clock, Dispatch dispatch,
      List<String> sopsKeyRefs, DriftlessConfig.Workers workers, DriftlessConfig.Throughput throughput,
      Duration eventTtl, Tenancy tenancy, AddressPolicy notifyAddresses) {
    this.store = store;
    this.workers = workers;
    this.events = EventSinks.of(List.of(new EventStore(store.events(), eventTtl)));
    this.ctx = new ReconcileContext(
        store, fetcher, FluxBuilder.forSources(),
        new BuildInputsLoader(secrets, sopsKeyRefs), new KubeClients(secrets, throughput), clock,
        "driftless-" + UUID.randomUUID(), workers.leaseTtl(), Duration.ofMinutes(5), throughput,
        new StageTimes(),
        dispatch == Dispatch.LOCAL ? TreeSnapshots.shared(clock) : TreeSnapshots.fresh(), events,
        new WaveListingsByWave(), tenancy);
    this.queue = new WorkQueue(ctx);
    this.inProcess = new LocalWave(queue, throughput.concurrency());
    this.dispatcher = dispatch == Dispatch.LOCAL
        ? Dispatcher.local(workers.count(), id -> queue.run(id).queued())
        : Dispatcher.viaStream();
    this.webhooks = new WebhookHandler(store, secrets, dispatcher, clock);
    this.receivers =
        new ReceiverHandler(store, new ReceiverSecrets(store, ctx.clients()), dispatcher, clock, tenancy);
    // after the table: the Alerts and Providers recorded from Git (and a commit status registered at bootstrap)
    events.add(AlertRouter.create(store, ctx.clients()::forCluster, secrets, clock,
        AlertRouter.Options.defaults().withNoCrossNamespaceRefs(tenancy.noCrossNamespaceRefs())
            .withAddresses(notifyAddresses)));
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
    return new Engine(store, fetcher, secrets, Clock.systemUTC(), config.dispatch(), config.sopsKeys(),
        config.workers(), config.throughput(), EventStore.ttlFrom(env), config.tenancy(),
        AddressPolicy.of(config.notifyAllowPrivateNetworks()));
  }

  /**
   * Sends every event of this engine's reconciles to {@code sink} too, after the table's
   * {@link EventStore} (which keeps them for {@code DRIFTLESS_EVENT_TTL}): alerting, commit status.
   * Give it one sink ({@link EventSinks#of} makes one of several); one that throws is logged and skipped.
   */
  public void addEventSink(EventSink sink) {
    events.add(sink);
  }

  /** The whole store: for the engine's own parts and tests. Front ends read through {@link #fleet()}. */
  public StateStore store() {
    return store;
  }

  /** What is recorded, read only: what the CLI, the web UI and /metrics show. */
  public FleetRecords fleet() {
    return store;
  }

  /** Registers commit statuses of {@code type} on {@code root}'s repository, the token kept by reference. */
  public void registerCommitStatus(RootRecord root, String type, String tokenRef) {
    RegisteredCommitStatus.register(store, root, type, tokenRef);
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

  /** A request to a Flux Receiver's {@code /hook/<digest>} path. */
  public WebhookResponse receiver(String digest, WebhookRequest request) {
    return receivers.handle(digest, request);
  }

  /**
   * Drains the queue, then reconciles what is due at {@code now} (the scheduled event's time): every
   * Kustomization whose source moved, or whose {@code interval} (after a failure, {@code
   * retryInterval}) has passed since its last run. The same wave a tick queues, run in this JVM.
   */
  public ReconcileReport schedule(Instant now) {
    List<ReconcileOutcome> outcomes = new ArrayList<>(drainPending().outcomes());
    outcomes.addAll(inProcess.run(queue.plannedTick("schedule:" + now + ":" + UUID.randomUUID(), now)));
    return new ReconcileReport(outcomes);
  }

  /**
   * Reconciles one Kustomization, forced, and what follows it in its tree as a push would; or, with
   * no Kustomization named, every tree, each of its Kustomizations forced. Run in this JVM through
   * the same steps as a push's queued work items.
   */
  public ReconcileReport reconcile(ManualReconcile command) {
    return reconcile(command, outcome -> {});
  }

  /**
   * As {@link #reconcile(ManualReconcile)}, each outcome also given to {@code progress} as soon as it is
   * known (the CLI prints the named Kustomization's before the rest of its tree has run).
   */
  public ReconcileReport reconcile(ManualReconcile command, Consumer<ReconcileOutcome> progress) {
    String wanted = command.kustomization() == null ? null : qualify(command.kustomization());
    String at = ctx.clock().instant().toString();
    List<ReconcileOutcome> outcomes = new ArrayList<>();
    for (RootRecord root : store.listRoots()) {
      if (command.cluster() != null && !command.cluster().equals(root.cluster())) {
        continue;
      }
      if (wanted == null) {
        outcomes.addAll(inProcess.run(List.of(new ReconcileRequest("manual:" + UUID.randomUUID(),
            ReconcileRequest.KIND_ROOT, root.name(), root.cluster(), "manual", at, null, true, command.withSource(), true)),
            progress));
      } else if (store.getKustomization(root.cluster(), wanted).filter(k -> k.root().equals(root.name())).isPresent()) {
        outcomes.addAll(reconcileOne(root, wanted, at, command.withSource(), progress));
      }
    }
    if (wanted != null && outcomes.stream().noneMatch(o -> o.kustomization().equals(wanted))) {
      throw new IllegalArgumentException(ObjectId.subject(Kustomization.KIND, wanted) + " not found"
          + (command.cluster() == null ? "" : " on cluster " + command.cluster()));
    }
    return new ReconcileReport(outcomes);
  }

  /**
   * One Kustomization of {@code root}'s tree, forced. First what of the tree is due runs, as a push
   * would run it (a dependency whose source moved applies its new revision first, as Flux's watch on
   * the source would have started it); then the Kustomization itself, forced, unless that wave ran it.
   */
  private List<ReconcileOutcome> reconcileOne(RootRecord root, String key, String at, boolean withSource,
      Consumer<ReconcileOutcome> progress) {
    List<ReconcileOutcome> outcomes = new ArrayList<>(inProcess.run(List.of(new ReconcileRequest(
        "manual:" + UUID.randomUUID(), ReconcileRequest.KIND_ROOT, root.name(), root.cluster(), "manual", at, null,
        false, withSource, false)), progress));
    if (outcomes.stream().noneMatch(o -> o.kustomization().equals(key))) {
      outcomes.addAll(inProcess.run(List.of(manual(key, root.cluster(), at, withSource)), progress));
    }
    return outcomes;
  }

  /** Runs {@code requests} and what follows them in this JVM, as a manual reconcile does; nothing is queued. */
  ReconcileReport runHere(List<ReconcileRequest> requests) {
    return new ReconcileReport(inProcess.run(requests));
  }

  private static ReconcileRequest manual(String kustomization, String cluster, String at, boolean withSource) {
    return new ReconcileRequest("manual:" + UUID.randomUUID(), ReconcileRequest.KIND_KUSTOMIZATION, kustomization,
        cluster, "manual", at, null, true, withSource);
  }

  /**
   * Reconciles one HelmRelease ({@code HelmRelease/<namespace>/<name>}) now, on {@code cluster} or
   * on every cluster that has it, as {@code flux reconcile hr} does. With {@code withSource} its
   * parent Kustomization is rebuilt first from a fresh fetch of its source, so the release is
   * reconciled with the HelmRelease of the newest commit (the chart's index is fetched on every run
   * either way). A suspended HelmRelease has no outcome.
   */
  public ReconcileReport reconcileHelmRelease(String key, String cluster, boolean withSource) {
    return reconcileHelmRelease(key, cluster, withSource, outcome -> {});
  }

  /** As {@link #reconcileHelmRelease(String, String, boolean)}, each outcome also given to {@code progress} as soon as it is known. */
  public ReconcileReport reconcileHelmRelease(String key, String cluster, boolean withSource,
      Consumer<ReconcileOutcome> progress) {
    List<ReconcileOutcome> outcomes = new ArrayList<>();
    for (HelmRecord rec : helmReleases(key, cluster)) {
      if (withSource) {
        store.getRoot(rec.root())
            .orElseThrow(() -> new IllegalStateException(key + ": root " + rec.root() + " is not registered"));
        ReconcileRequest parent = manual(rec.parent(), rec.cluster(), ctx.clock().instant().toString(), true);
        List<ReconcileOutcome> run = inProcess.run(List.of(parent), progress).stream()
            .filter(o -> o.kustomization().equals(rec.parent()) || o.kustomization().equals(key)).toList();
        outcomes.addAll(run);
        if (run.stream().anyMatch(o -> o.kustomization().equals(key))) {
          continue;
        }
      }
      store.getHelmObject(rec.cluster(), key).map(r -> new HelmReleases(ctx).reconcileOne(r)).ifPresent(ran -> {
        ran.forEach(progress);
        outcomes.addAll(ran);
      });
    }
    return new ReconcileReport(outcomes);
  }

  /** Records {@code driftless suspend|resume hr} on the HelmRelease's work item on each cluster it names. */
  public List<HelmRecord> suspendHelmRelease(String key, String cluster, boolean suspended) {
    return suspendHelmObject(key, cluster, suspended);
  }

  /**
   * Records {@code driftless suspend|resume hr|source helm|source oci} on the work item {@code key}
   * ({@code Kind/namespace/name}) on {@code cluster} (null: each cluster that has it).
   */
  public List<HelmRecord> suspendHelmObject(String key, String cluster, boolean suspended) {
    List<HelmRecord> found = helmReleases(key, cluster);
    found.forEach(rec -> store.setHelmSuspended(rec.cluster(), rec.key(), suspended));
    return found;
  }

  /** Records {@code driftless suspend|resume ks} on the Kustomization {@code key} ({@code namespace/name}) on each cluster that has it. */
  public List<KustomizationRecord> suspendKustomization(String key, String cluster, boolean suspended) {
    List<KustomizationRecord> found = store.listKustomizations().stream()
        .filter(k -> k.key().equals(qualify(key)) && (cluster == null || cluster.equals(k.cluster()))).toList();
    if (found.isEmpty()) {
      throw new IllegalArgumentException(ObjectId.subject(Kustomization.KIND, qualify(key)) + " not found"
          + (cluster == null ? "" : " on cluster " + cluster));
    }
    found.forEach(k -> store.setKustomizationSuspended(k.cluster(), k.key(), suspended));
    return found;
  }

  /**
   * Records {@code driftless suspend|resume source git} on the GitRepository {@code key} ({@code
   * namespace/name}) of each root (on {@code cluster}, null: any) that has it. While suspended it is
   * not fetched: what uses it keeps the revision last fetched.
   */
  public List<SourceRecord> suspendGitRepository(String key, String cluster, boolean suspended) {
    List<SourceRecord> found = gitRepositories(qualify(key), cluster);
    found.forEach(s -> store.setSourceSuspended(s.key(), suspended));
    return found;
  }

  /** Fetches the GitRepository now, as {@code flux reconcile source git} does; the source as recorded after. */
  public SourceRecord fetchGitRepository(SourceRecord source) {
    String key = source.key().substring(source.key().indexOf('#') + 1);
    Sources.fetchGit(ctx, source.root(), ObjectId.subject(GitRepository.KIND, key), key, true);
    return store.getSource(source.key()).orElse(source);
  }

  private List<SourceRecord> gitRepositories(String key, String cluster) {
    List<SourceRecord> found = store.listSources().stream()
        .filter(s -> s.key().endsWith("#" + key))
        .filter(s -> cluster == null || store.getRoot(s.root()).map(r -> cluster.equals(r.cluster())).orElse(false))
        .toList();
    if (found.isEmpty()) {
      throw new IllegalArgumentException(ObjectId.subject(GitRepository.KIND, key) + " not found" + (cluster == null ? "" : " on cluster " + cluster));
    }
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

  /**
   * Runs every queued request in this thread, and the work items they queue, until none is left that
   * another live worker does not hold: each request fans out into work items, each item runs one
   * Kustomization on one cluster and queues its children.
   */
  public synchronized ReconcileReport drainPending() {
    List<ReconcileOutcome> outcomes = new ArrayList<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (ReconcileRequest request : store.pendingRequests()) {
        WorkQueue.Ran ran = queue.run(request.id());
        outcomes.addAll(ran.outcomes());
        progress |= ran.claimed();
      }
    }
    return new ReconcileReport(outcomes);
  }

  /**
   * A schedule tick that fans out: queues one work item per tree top that may be due at {@code now}
   * (the rest follow from their parents), hands them to the dispatcher (on AWS the stream carries
   * them to the work function) and runs, in this invocation, the requests a dead worker left (whose
   * claim lapsed unrenewed); requests no worker has claimed yet are left to their delivery.
   */
  public FanOutReport tick(Instant now) {
    List<ReconcileRequest> queued = queue.tick(now);
    queued.forEach(dispatcher);
    List<ReconcileOutcome> resumed = new ArrayList<>();
    for (ReconcileRequest request : store.abandonedRequests(ctx.clock().instant())) {
      WorkQueue.Ran ran = queue.run(request.id());
      resumed.addAll(ran.outcomes());
      ran.queued().forEach(dispatcher);
    }
    return new FanOutReport(queued.stream().map(ReconcileRequest::id).toList(), resumed, List.of());
  }

  /**
   * Runs the queued requests {@code ids} (one work item each, as the stream or SQS delivers them) and
   * queues what follows them. A request another live worker holds is left to it; a request whose run
   * failed outside any one reconcile (the store, say) is named in {@code failed}, to be delivered
   * again.
   */
  public FanOutReport work(List<String> ids) {
    List<String> queued = new ArrayList<>();
    List<ReconcileOutcome> outcomes = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String id : ids) {
      try {
        WorkQueue.Ran ran = queue.run(id);
        outcomes.addAll(ran.outcomes());
        ran.queued().forEach(r -> {
          queued.add(r.id());
          dispatcher.accept(r);
        });
      } catch (RuntimeException e) {
        LOG.warning("request " + id + ": " + e.getMessage());
        failed.add(id);
      }
    }
    return new FanOutReport(queued, outcomes, failed);
  }

  /**
   * Hands queued requests to the local workers now and every {@code DRIFTLESS_DRAIN_INTERVAL}, so a
   * request a killed process left behind is resumed once its claim lapses, with no new trigger. Only
   * with the local dispatcher (on AWS the stream's retry and the tick do it).
   */
  public synchronized void watchQueue() {
    if (watcher == null && dispatcher.isLocal()) {
      watcher = new QueueWatcher(store, dispatcher, workers.drainInterval());
    }
  }

  /** Waits until the local workers have finished everything dispatched so far, and what it queued. */
  public void awaitIdle() {
    try {
      dispatcher.awaitIdle();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public List<KustomizationRecord> kustomizations() {
    return store.listKustomizations();
  }

  static String qualify(String name) {
    return name.contains("/") ? name : "flux-system/" + name;
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
    dispatcher.close();
    ctx.clients().close();
    store.close();
  }
}
