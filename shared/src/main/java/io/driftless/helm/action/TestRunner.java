package io.driftless.helm.action;

import io.driftless.helm.release.ReleaseHook;
import io.driftless.helm.release.ReleaseStorage;
import io.driftless.helm.release.StoredRelease;
import io.driftless.model.Condition;
import io.driftless.model.Reason;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmReleaseStatus;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code test.enable}: the deployed release's {@code test} hooks run as {@code helm test} runs them
 * (weights, delete policies, Jobs waited on), within {@code test.timeout}; {@code test.filters} pick
 * them (when any filter includes, only the included run; excluded ones never). The results go into
 * the release Secret (the hooks' last runs) and the newest history snapshot ({@code testHooks}), and
 * the TestSuccess condition says how it went, with helm-controller's messages.
 */
public final class TestRunner {
  private final HookRunner hooks;
  private final Clock clock;

  public TestRunner(HookRunner hooks, Clock clock) {
    this.hooks = hooks;
    this.clock = clock;
  }

  public void test(HelmRelease hr, ReleaseStorage storage, StoredRelease deployed, HelmReleaseStatus status) {
    String release = deployed.namespace() + "/" + deployed.name() + ".v" + deployed.version() + " with chart "
        + deployed.chartName() + "@" + deployed.chartVersion();
    Predicate<ReleaseHook> filter = filter(hr.spec().test().filters());
    List<ReleaseHook> ran;
    String failure = null;
    try {
      ran = hooks.run(hr, deployed.namespace(), deployed.hooks(), "test", ActionTimeouts.of(hr, "test"), filter);
    } catch (HookRunner.HookFailure e) {
      ran = e.hooks();
      failure = e.getMessage();
    }
    storage.update(deployed.withHooks(ran));
    Map<String, HelmReleaseStatus.TestHookStatus> results = new LinkedHashMap<>();
    for (ReleaseHook h : ran) {
      if (h.events().contains("test") && !h.lastRun().phase().isEmpty()) {
        results.put(h.name(), new HelmReleaseStatus.TestHookStatus(text(h.lastRun().startedAt()),
            text(h.lastRun().completedAt()), h.lastRun().phase()));
      }
    }
    status.latest().ifPresent(s -> status.replaceLatest(s.withTestHooks(results)));
    String at = clock.instant().toString();
    if (failure != null) {
      throw new ActionFailure(Reason.TEST_FAILED, hr.subject() + ": Helm test failed for release "
          + release + ": " + failure, null);
    }
    String message = "Helm test succeeded for release " + release + ": "
        + (results.isEmpty() ? "no test hooks" : results.size() + " test hook(s) completed successfully");
    status.setCondition(Condition.TEST_SUCCESS, Condition.TRUE, Reason.TEST_SUCCEEDED.flux(), message, at);
  }

  private static Predicate<ReleaseHook> filter(List<HelmRelease.TestFilter> filters) {
    List<HelmRelease.TestFilter> all = filters == null ? List.of() : filters;
    List<String> included = all.stream().filter(f -> !Boolean.TRUE.equals(f.exclude()))
        .map(HelmRelease.TestFilter::name).toList();
    List<String> excluded = all.stream().filter(f -> Boolean.TRUE.equals(f.exclude()))
        .map(HelmRelease.TestFilter::name).toList();
    return h -> !excluded.contains(h.name()) && (included.isEmpty() || included.contains(h.name()));
  }

  private static String text(java.time.Instant t) {
    return t == null ? "" : t.toString();
  }
}
