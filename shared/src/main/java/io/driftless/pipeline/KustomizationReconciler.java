package io.driftless.pipeline;

import io.driftless.apply.ApiErrors;
import io.driftless.apply.ApplyException;
import io.driftless.apply.ApplyOptions;
import io.driftless.apply.ChangeSet;
import io.driftless.apply.CelHealthRules;
import io.driftless.apply.DriftDetector;
import io.driftless.apply.HealthChecker;
import io.driftless.apply.Inventories;
import io.driftless.apply.OwnerLabels;
import io.driftless.apply.PruneException;
import io.driftless.apply.ResourceManager;
import io.driftless.model.Condition;
import io.driftless.model.InventoryEntry;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.ObjectId;
import io.driftless.model.Reason;
import io.driftless.record.AppliedState;
import io.driftless.record.ConcurrentUpdateException;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.Lease;
import io.driftless.render.BuildInputs;
import io.driftless.render.BuildResult;
import io.driftless.render.kustomize.ObjectSelector;
import io.driftless.source.SourceSnapshot;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reconciles one Kustomization on one cluster. Reads top to bottom as the pipeline: lock, refuse
 * unsupported fields, check dependencies, fetch, pick the target cluster, build, split out Flux
 * objects, skip the rest when a push left the build as last applied, apply in stages, prune, check
 * health, record. Each stage maps every one of its failures to
 * its own reason; anything else is ReconciliationFailed, and the status is written either way. A
 * failed build applies nothing and a failed apply prunes nothing.
 */
final class KustomizationReconciler {
  private static final Logger LOG = Logger.getLogger(KustomizationReconciler.class.getName());
  private final ReconcileContext ctx;
  private final Targets targets;
  private final AfterApply afterApply;
  private final FetchedSources sources;
  private final UnchangedInputs unchangedInputs;
  private final KustomizationEvents events;

  /** A reconciler for one run: each source is fetched once for all the Kustomizations it reconciles. */
  KustomizationReconciler(ReconcileContext ctx) {
    this(ctx, AfterApply.NONE);
  }

  KustomizationReconciler(ReconcileContext ctx, AfterApply afterApply) {
    this.ctx = ctx;
    this.targets = new Targets(ctx);
    this.afterApply = afterApply;
    this.sources = new FetchedSources(ctx);
    this.unchangedInputs = new UnchangedInputs(ctx, sources);
    this.events = new KustomizationEvents(ctx);
  }

  /**
   * The result of one attempt: the outcome, and the Flux objects the build contained (empty when the
   * build did not succeed, so a failed build never forgets a child); {@code unchanged} when the build
   * was the one last applied and the apply was skipped (so its children need no new registration).
   */
  record Result(ReconcileOutcome outcome, Optional<Discovered> discovered, boolean ran, boolean unchanged) {}

  /**
   * Reconciles {@code listed} (as the run listed it) if it is due: a Kustomization that is not due
   * is passed over without taking its lease or writing anything.
   */
  Result reconcile(KustomizationRecord listed, Trigger trigger) {
    if (!trigger.forced().test(listed.key()) && notDue(listed, trigger)) {
      KustomizationStatus status = listed.status() == null ? new KustomizationStatus() : listed.status();
      return new Result(outcome(listed, status, new ChangeSet()), Optional.empty(), false, false);
    }
    Optional<ReconcileOutcome> moved = unchangedInputs.advance(listed, trigger);
    if (moved.isPresent()) {
      return new Result(moved.get(), Optional.empty(), true, true);
    }
    return reconcile(listed.cluster(), listed.key(), trigger);
  }

  /**
   * True when the listed record shows nothing to do: suspended, or the source's revision is the one
   * last attempted and neither the drift check nor a retry is due. Anything unreadable counts as due,
   * so that the locked run reports it.
   */
  private boolean notDue(KustomizationRecord rec, Trigger trigger) {
    try {
      Kustomization ks = WorkItems.parse(rec);
      if (ks.spec().suspended()) {
        return true;
      }
      String revision = sources.fetch(rec.cluster(), rec.root(), ks, trigger.fetchSources()).snapshot().revision().toString();
      return !Schedules.needsRun(rec, revision, ks, trigger.now());
    } catch (RuntimeException | Error reportedByTheRun) {
      return false;
    }
  }

  Result reconcile(String cluster, String key, Trigger trigger) {
    Lease lease = ctx.times().time("lease", () -> LeaseWaiter.acquire(ctx, cluster, key));
    try {
      KustomizationRecord rec =
          ctx.store().getKustomization(cluster, key)
              .orElseThrow(() -> new IllegalStateException(ObjectId.subject(Kustomization.KIND, key) + " is not registered"));
      KustomizationEvents.Before before = KustomizationEvents.Before.of(rec);
      Instant started = ctx.clock().instant();
      Result result = reconcileLocked(rec, trigger);
      events.finished(rec, before, result, started);
      return result;
    } finally {
      ctx.times().run("lease", () -> LeaseWaiter.release(ctx, lease));
    }
  }

  private Result reconcileLocked(KustomizationRecord rec, Trigger trigger) {
    Instant started = ctx.clock().instant();
    KustomizationStatus status = rec.status() == null ? new KustomizationStatus() : rec.status();
    ChangeSet changes = new ChangeSet();
    Optional<Discovered> discovered = Optional.empty();
    BuildResult build = null;
    String buildDigest = null;
    AppliedState recorded = null;
    try {
      Kustomization ks = WorkItems.parse(rec);
      if (ks.spec().suspended()) {
        return new Result(outcome(rec, status, changes), Optional.empty(), false, false);
      }
      UnsupportedFields.refuse(ks);
      CelFields.check(ks);
      CrossNamespaceRefs.check(ctx, ks);
      dependencies(rec, ks);
      Sources.Fetched fetched = fetch(rec, ks, trigger.fetchSources());
      SourceSnapshot snap = fetched.snapshot();
      String revision = snap.revision().toString();
      boolean forced = trigger.forced().test(rec.key());
      if (!forced && !Schedules.needsRun(rec, revision, ks, trigger.now())) {
        return new Result(outcome(rec, status, changes), Optional.empty(), false, false);
      }
      boolean driftCheck = forced || Schedules.isDue(rec, ks, trigger.now());
      events.starting(rec, status.getLastAttemptedRevision(), revision);
      status.setLastAttemptedRevision(revision);
      StatusUpdates.progressing(status, "Building manifests for revision " + revision, started);
      Targets.Target target = targets.of(rec, ks);
      build = build(snap, ks, inputs(ks, target.home()).withSourceIgnore(fetched.ignore()));
      FluxObjectSplit split = split(build);
      if (split.skippedFluxComponents() > 0) {
        LOG.warning(ks.key() + ": skipped " + split.skippedFluxComponents()
            + " Flux controller component(s) (flux-system/gotk-components): Driftless runs without them");
      }
      for (KubeObject o : split.skippedOperator()) {
        LOG.warning(OperatorObjects.skipped(ks.subject(), o, ctx.store().getRoot(rec.root())));
      }
      DeclaredObjectsAccess.check(target, ks.subject(), split.flux());
      discovered = Optional.of(split.flux());
      buildDigest = ChangeDetection.buildDigest(build, rec);
      if (!driftCheck && ChangeDetection.unchanged(rec, status, buildDigest)) {
        StatusUpdates.succeeded(status, revision, ctx.clock().instant());
        StatusUpdates.recordHistory(status, build.digest(), revision, true, started, ctx.clock().instant());
        return new Result(write(rec, status, changes, withReads(rec.applied(), rec, ks, fetched, build, split), started),
            discovered, true, true);
      }
      new ReceiverRegistration(ctx).register(rec, split.flux().receivers());
      ResourceManager manager = new ResourceManager(target.apply());
      boolean detectOnly = DriftMode.detectOnly(rec);
      ChangeSet applied = apply(manager, ks, split.toApply(), changes, detectOnly, status.getInventory(), trigger.now());
      if (detectOnly) {
        List<InventoryEntry> wouldPrune = ks.spec().pruneEnabled()
            ? Inventories.stale(status.getInventory(), applied.toInventory()) : List.of();
        DriftMode.record(status, applied, wouldPrune, revision, ctx.clock().instant());
        StatusUpdates.recordHistory(status, build.digest(), revision, true, started, ctx.clock().instant());
        return new Result(write(rec, status, changes, null, started), discovered, true, false);
      }
      DriftMode.clear(status);
      List<InventoryEntry> inventory = applied.toInventory();
      List<InventoryEntry> stale = Inventories.stale(status.getInventory(), inventory);
      status.setInventory(inventory);
      if (ks.spec().pruneEnabled() && !stale.isEmpty()) {
        prune(manager, ks, stale, changes, status);
      }
      afterApply.applied(rec, ks, split.flux());
      checkHealth(target.apply(), rec, ks, split.toApply(), applied, started);
      StatusUpdates.succeeded(status, revision, ctx.clock().instant());
      StatusUpdates.recordHistory(status, build.digest(), revision, true, started, ctx.clock().instant());
      recorded = withReads(ChangeDetection.applied(buildDigest, status.getInventory(), ctx.clock().instant()),
          rec, ks, fetched, build, split);
    } catch (StageFailure e) {
      failed(status, e.reason(), e.getMessage(), build, started);
    } catch (RuntimeException e) {
      failed(status, Reason.RECONCILIATION_FAILED, ApiErrors.describe(ObjectId.subject(Kustomization.KIND, rec.key()), "reconcile", e), build, started);
    } catch (Error e) {
      failed(status, Reason.RECONCILIATION_FAILED, InternalErrors.describe(ObjectId.subject(Kustomization.KIND, rec.key()), "reconcile", e),
          build, started);
    }
    ReconcileOutcome outcome = write(rec, status, changes, recorded, started);
    return new Result(outcome, discovered, true, false);
  }

  /**
   * {@code applied} with what this build read of its Git source at this commit, so that the next push
   * can move the status on without building when it changed none of it.
   */
  private static AppliedState withReads(AppliedState applied, KustomizationRecord rec, Kustomization ks,
      Sources.Fetched fetched, BuildResult build, FluxObjectSplit split) {
    if (applied == null || fetched.git() == null) {
      return applied;
    }
    return applied.at(fetched.snapshot().revision().commit(), UnchangedInputs.specDigest(rec, fetched.ignore()),
        UnchangedInputs.readsOf(build, ks, split.flux()));
  }

  private void failed(KustomizationStatus status, Reason reason, String message, BuildResult build, Instant started) {
    if (reason == Reason.INVALID_CEL_EXPRESSION) {
      StatusUpdates.stalled(status, reason, message, ctx.clock().instant());
    } else {
      StatusUpdates.failed(status, reason, message, ctx.clock().instant());
    }
    if (build != null) {
      StatusUpdates.recordHistory(
          status, build.digest(), status.getLastAttemptedRevision(), false, started, ctx.clock().instant());
    }
  }

  private void dependencies(KustomizationRecord rec, Kustomization ks) {
    Optional<String> notReady;
    try {
      notReady = Dependencies.firstNotReady(ctx.store(), rec, ks);
    } catch (RuntimeException e) {
      throw new StageFailure(Reason.DEPENDENCY_NOT_READY, e.getMessage(), e);
    }
    if (notReady.isPresent()) {
      throw new StageFailure(Reason.DEPENDENCY_NOT_READY, notReady.get(), null);
    }
  }

  private Sources.Fetched fetch(KustomizationRecord rec, Kustomization ks, boolean fetchSources) {
    try {
      return ctx.times().time("fetch", () -> sources.fetch(rec.cluster(), rec.root(), ks, fetchSources));
    } catch (StageFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StageFailure(Reason.ARTIFACT_FAILED, e.getMessage(), e);
    }
  }

  private BuildInputs inputs(Kustomization ks, KubernetesClient home) {
    try {
      return ctx.inputs().load(ks, home);
    } catch (RuntimeException e) {
      throw new StageFailure(Reason.BUILD_FAILED, e.getMessage(), e);
    }
  }

  private BuildResult build(SourceSnapshot snap, Kustomization ks, BuildInputs inputs) {
    try {
      return ctx.times().time("build", () -> ctx.builder().build(snap.root(), snap.revision().toString(), ks, inputs));
    } catch (RuntimeException e) {
      throw new StageFailure(Reason.BUILD_FAILED, e.getMessage(), e);
    }
  }

  private static FluxObjectSplit split(BuildResult build) {
    try {
      return FluxObjectSplit.of(build.objects());
    } catch (RuntimeException e) {
      throw new StageFailure(Reason.BUILD_FAILED, e.getMessage(), e);
    }
  }

  /** The Kustomization's {@code spec.ignore} rules; a path that is not a JSON pointer fails the reconcile. */
  private static List<DriftDetector.IgnoreRule> ignoreRules(Kustomization ks) {
    try {
      return ObjectSelector.ignoreRules(ks.spec().ignore());
    } catch (IllegalArgumentException e) {
      throw new StageFailure(Reason.RECONCILIATION_FAILED, "Kustomization " + ks.key() + ": spec.ignore: "
          + e.getMessage(), e);
    }
  }

  /**
   * Server-side apply in stages; {@code spec.force} recreates objects whose immutable fields changed;
   * {@code detectOnly} writes nothing and reports drift.
   */
  private ChangeSet apply(ResourceManager manager, Kustomization ks, List<KubeObject> objects, ChangeSet changes,
      boolean detectOnly, List<InventoryEntry> lastInventory, Instant wave) {
    OwnerLabels owner = new OwnerLabels(ks.name(), ks.namespace());
    objects.forEach(owner::applyTo);
    ApplyOptions options = new ApplyOptions(ks.spec().forceEnabled(), ApplyOptions.defaults().stageWaitTimeout(), detectOnly)
        .withInventory(lastInventory == null ? Set.of()
            : lastInventory.stream().map(InventoryEntry::objectId).collect(java.util.stream.Collectors.toSet()))
        .sharing(ctx.listings().of(wave))
        .ignoring(ignoreRules(ks));
    try {
      ChangeSet set = ctx.times().time("apply", () -> manager.applyAllStaged(objects, options));
      changes.addAll(set);
      return set;
    } catch (ApplyException e) {
      changes.addAll(e.partial());
      throw new StageFailure(Reason.RECONCILIATION_FAILED, e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new StageFailure(Reason.RECONCILIATION_FAILED, "apply failed: " + e.getMessage(), e);
    }
  }

  /**
   * Prunes the stale objects. When some cannot be deleted, they join the inventory (applied ∪
   * survivors, as kustomize-controller keeps them) so the next run retries them, and the stage fails.
   */
  private void prune(
      ResourceManager manager, Kustomization ks, List<InventoryEntry> stale, ChangeSet changes, KustomizationStatus status) {
    try {
      changes.addAll(ctx.times().time("prune", () -> manager.prune(stale, new OwnerLabels(ks.name(), ks.namespace()))));
    } catch (PruneException e) {
      changes.addAll(e.partial());
      keep(status, e.survivors());
      throw new StageFailure(Reason.PRUNE_FAILED, e.getMessage(), e);
    } catch (RuntimeException e) {
      keep(status, stale);
      throw new StageFailure(Reason.PRUNE_FAILED, "prune failed: " + e.getMessage(), e);
    }
  }

  private static void keep(KustomizationStatus status, List<InventoryEntry> survivors) {
    List<InventoryEntry> inventory = new ArrayList<>(status.getInventory());
    survivors.stream().filter(e -> !inventory.contains(e)).forEach(inventory::add);
    status.setInventory(inventory);
  }

  /**
   * With {@code wait}, every applied object must become Current; otherwise only the listed
   * {@code healthChecks}. Prune has already run, as in Flux. A push of the source queued after the run
   * {@code started} ends the wait ({@link NewRevisions}).
   */
  private void checkHealth(KubernetesClient client, KustomizationRecord rec, Kustomization ks, List<KubeObject> objects,
      ChangeSet applied, Instant started) {
    List<HealthChecker.Target> targets = HealthTargets.of(ks, objects, applied);
    if (targets.isEmpty()) {
      return;
    }
    try {
      CelHealthRules rules = CelFields.healthRules(ks);
      ctx.times().run("health",
          () -> new HealthChecker(client, Duration.ofSeconds(2)).waitForCurrent(targets, HealthTargets.timeout(ks), rules,
              () -> NewRevisions.after(ctx.store(), rec, ks, started).map(r -> "a new revision (" + r.reason() + ")")));
    } catch (HealthChecker.CanceledException e) {
      throw new StageFailure(Reason.HEALTH_CHECK_CANCELED, e.getMessage(), e);
    } catch (HealthChecker.HealthCheckException e) {
      throw new StageFailure(Reason.HEALTH_CHECK_FAILED, e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new StageFailure(Reason.HEALTH_CHECK_FAILED,
          ApiErrors.describe(ks.subject(), "health check", e), e);
    }
  }

  /**
   * Records the status; when someone else wrote the item in between, the outcome says the status
   * was not recorded (the next run retries) instead of aborting the other items. The same write counts
   * the time since {@code started} for {@code gotk_reconcile_duration_seconds}.
   */
  private ReconcileOutcome write(
      KustomizationRecord rec, KustomizationStatus status, ChangeSet changes, AppliedState applied, Instant started) {
    Duration took = Duration.between(started, ctx.clock().instant());
    try {
      ctx.times().time("status", () -> ctx.store().putStatus(rec.cluster(), rec.key(), status, rec.version(), applied, took));
      return outcome(rec, status, changes);
    } catch (ConcurrentUpdateException e) {
      String message = ObjectId.subject(Kustomization.KIND, rec.key()) + ": status not recorded, it was written by another run: " + e.getMessage();
      LOG.warning(message);
      return new ReconcileOutcome(rec.cluster(), rec.key(), revision(status), false, Reason.RECONCILIATION_FAILED, message, changes);
    }
  }

  private static ReconcileOutcome outcome(KustomizationRecord rec, KustomizationStatus s, ChangeSet changes) {
    var ready = s.condition(Condition.READY);
    return new ReconcileOutcome(
        rec.cluster(),
        rec.key(),
        revision(s),
        s.isReady(),
        Reason.of(ready.map(Condition::reason).orElse(null)),
        ready.map(Condition::message).orElse(""),
        changes);
  }

  private static String revision(KustomizationStatus s) {
    return s.getLastAttemptedRevision() == null ? "" : s.getLastAttemptedRevision();
  }
}
