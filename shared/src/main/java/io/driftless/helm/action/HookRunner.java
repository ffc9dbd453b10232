package io.driftless.helm.action;

import io.driftless.apply.ApiErrors;
import io.driftless.apply.ApplyOptions;
import io.driftless.apply.HealthChecker;
import io.driftless.apply.ResourceManager;
import io.driftless.helm.release.HookRun;
import io.driftless.helm.release.ReleaseHook;
import io.driftless.model.KubeObject;
import io.driftless.model.helm.HelmRelease;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs the hooks of one Helm event (helm.md §1.6; Helm 3 {@code pkg/action/hooks.go} {@code execHook}):
 * the hooks that fire on it, by ascending weight, then by name (the rendered order, which is by kind,
 * breaks the remaining ties); each one first deleted when its policies hold {@code before-hook-creation}
 * (the default when it has none), applied with Driftless's server-side apply, and, for a Job or a Pod,
 * waited on until it completes: a Job is done when Complete, and Failed fails the event at once. A
 * failed hook is deleted under {@code hook-failed}; once every hook succeeded, those with
 * {@code hook-succeeded} are deleted. Every hook that ran comes back with its last run (start,
 * completion, phase), as Helm records it in the release.
 */
public final class HookRunner {
  private static final Duration POLL = Duration.ofMillis(250);
  static final String BEFORE_CREATION = "before-hook-creation";
  static final String SUCCEEDED = "hook-succeeded";
  static final String FAILED = "hook-failed";

  private final KubernetesClient client;
  private final ReleaseObjects objects;
  private final Clock clock;

  public HookRunner(KubernetesClient client, ReleaseObjects objects, Clock clock) {
    this.client = client;
    this.objects = objects;
    this.clock = clock;
  }

  /** A hook failed; {@link #hooks()} are the release's hooks with the runs so far recorded. */
  static final class HookFailure extends RuntimeException {
    private final List<ReleaseHook> hooks;

    HookFailure(String message, List<ReleaseHook> hooks, Throwable cause) {
      super(message, cause);
      this.hooks = hooks;
    }

    List<ReleaseHook> hooks() {
      return hooks;
    }
  }

  /**
   * Runs the hooks of {@code event} among {@code all} that {@code include} accepts, and returns
   * {@code all} with the runs recorded; throws {@link HookFailure} at the first hook that fails.
   */
  List<ReleaseHook> run(HelmRelease hr, String releaseNamespace, List<ReleaseHook> all, String event,
      Duration timeout, Predicate<ReleaseHook> include) {
    List<ReleaseHook> hooks = new ArrayList<>(all);
    List<Integer> executing = executing(hooks, event, include);
    List<KubeObject> ran = new ArrayList<>();
    for (int i : executing) {
      ReleaseHook hook = hooks.get(i).withDefaultDeletePolicy();
      KubeObject object = object(hr, releaseNamespace, hook);
      if (hook.deletePolicies().contains(BEFORE_CREATION)) {
        delete(object, timeout);
      }
      Instant started = clock.instant();
      hooks.set(i, hook.withLastRun(new HookRun(started, null, "Running")));
      try {
        new ResourceManager(client).applyAllStaged(List.of(object), ApplyOptions.defaults());
        await(object, timeout);
      } catch (RuntimeException e) {
        hooks.set(i, hook.withLastRun(new HookRun(started, clock.instant(), "Failed")));
        if (hook.deletePolicies().contains(FAILED)) {
          delete(object, timeout);
        }
        String cause = e instanceof HealthChecker.HealthCheckException ? e.getMessage()
            : ApiErrors.describe(object.subject(), "apply", e);
        throw new HookFailure(event + " hook " + object.subject() + " failed: " + cause, hooks, e);
      }
      hooks.set(i, hook.withLastRun(new HookRun(started, clock.instant(), "Succeeded")));
      ran.add(object);
    }
    for (int k = 0; k < executing.size(); k++) {
      if (hooks.get(executing.get(k)).deletePolicies().contains(SUCCEEDED)) {
        delete(ran.get(k), timeout);
      }
    }
    return hooks;
  }

  /** The positions of the hooks that fire on {@code event}, in Helm's execution order. */
  static List<Integer> executing(List<ReleaseHook> hooks, String event, Predicate<ReleaseHook> include) {
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < hooks.size(); i++) {
      if (hooks.get(i).events().contains(event) && include.test(hooks.get(i))) {
        positions.add(i);
      }
    }
    positions.sort(Comparator.<Integer>comparingInt(i -> hooks.get(i).weight())
        .thenComparing(i -> hooks.get(i).name()));
    return positions;
  }

  private KubeObject object(HelmRelease hr, String releaseNamespace, ReleaseHook hook) {
    List<KubeObject> docs = objects.hooks(hr, releaseNamespace, hr.subject() + " hook "
        + hook.path(), hook.manifest());
    if (docs.size() != 1) {
      throw new ActionFailure(io.driftless.model.Reason.RECONCILIATION_FAILED, hr.subject()
          + ": hook " + hook.path() + " holds " + docs.size() + " objects, Helm expects one", null);
    }
    return docs.get(0);
  }

  /** Waits for a Job (Complete, or Failed) or a Pod (Succeeded, or Failed); other kinds are done once applied. */
  private void await(KubeObject object, Duration timeout) {
    switch (object.kind()) {
      case "Job" -> new HealthChecker(client, POLL)
          .waitForCurrent(List.of(new HealthChecker.Target(object.id(), object.apiVersion())), timeout);
      case "Pod" -> awaitPod(object, timeout);
      default -> { }
    }
  }

  private void awaitPod(KubeObject object, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      var pod = client.pods().inNamespace(object.namespace()).withName(object.name()).get();
      String phase = pod == null || pod.getStatus() == null ? "" : String.valueOf(pod.getStatus().getPhase());
      if ("Succeeded".equals(phase)) {
        return;
      }
      if ("Failed".equals(phase)) {
        throw new HealthChecker.HealthCheckException(object.subject() + " status: 'Failed'");
      }
      if (clock.instant().isAfter(deadline)) {
        throw new HealthChecker.HealthCheckException("timeout waiting for: [" + object.subject() + "]");
      }
      pause();
    }
  }

  /** Deletes the hook's object if present and waits until it is gone. */
  private void delete(KubeObject object, Duration timeout) {
    var resource = object.id().clusterScoped()
        ? client.genericKubernetesResources(object.apiVersion(), object.kind()).withName(object.name())
        : client.genericKubernetesResources(object.apiVersion(), object.kind()).inNamespace(object.namespace())
            .withName(object.name());
    if (resource.get() == null) {
      return;
    }
    resource.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    Instant deadline = clock.instant().plus(timeout);
    while (resource.get() != null) {
      if (clock.instant().isAfter(deadline)) {
        throw new ActionFailure(io.driftless.model.Reason.RECONCILIATION_FAILED,
            "timeout waiting for hook " + object.subject() + " to be deleted", null);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a Helm hook", e);
    }
  }
}
