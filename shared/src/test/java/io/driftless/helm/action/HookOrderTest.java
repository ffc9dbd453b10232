package io.driftless.helm.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.helm.release.HookRun;
import io.driftless.helm.release.ReleaseHook;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Helm's hook order: weight first, then name; other events and filtered hooks never run. */
class HookOrderTest {
  private static ReleaseHook hook(String name, String kind, int weight, String... events) {
    return new ReleaseHook(name, kind, "web/templates/" + name + ".yaml", "", List.of(events), weight, List.of(),
        List.of(), HookRun.NEVER);
  }

  @Test
  void hooksRunByAscendingWeightThenByName() {
    List<ReleaseHook> hooks = List.of(
        hook("b", "Job", 5, "pre-install"),
        hook("a", "Job", 5, "pre-install"),
        hook("late", "ConfigMap", 10, "pre-install", "pre-upgrade"),
        hook("early", "Job", -3, "pre-install"),
        hook("after", "Job", -100, "post-install"),
        hook("skipped", "Job", 0, "pre-install"));

    List<Integer> order = HookRunner.executing(hooks, "pre-install", h -> !h.name().equals("skipped"));

    assertThat(order).extracting(i -> hooks.get(i).name()).containsExactly("early", "a", "b", "late");
    assertThat(HookRunner.executing(hooks, "pre-upgrade", h -> true)).extracting(i -> hooks.get(i).name())
        .containsExactly("late");
  }
}
