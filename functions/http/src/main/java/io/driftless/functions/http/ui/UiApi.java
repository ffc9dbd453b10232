package io.driftless.functions.http.ui;

import io.driftless.event.Event;
import io.driftless.model.Kustomization;
import io.driftless.model.ObjectId;
import io.driftless.model.helm.HelmRelease;
import io.driftless.pipeline.Engine;
import io.driftless.record.HelmRecord;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the web UI reads from the table and the writes it may make, guarded by {@link UiToken}
 * ({@code DRIFTLESS_UI_TOKEN}). The HTTP side is {@link UiRoute}.
 */
@ApplicationScoped
public class UiApi {
  static final int EVENTS = 20;
  @Inject Engine engine;
  @Inject Clock clock;

  @Inject UiConfig config;

  private UiToken token;
  private UiActions actions;
  private RecentRuns recent;

  @PostConstruct
  void init() {
    token = new UiToken(config.token());
    recent = new RecentRuns(clock);
    actions = new UiActions(engine, recent);
  }

  FleetView fleet() {
    return FleetView.read(engine.fleet(), token.configured());
  }

  FleetGraph graph() {
    return FleetGraph.read(engine.fleet());
  }

  Optional<ItemDetail> item(String cluster, String kind, String namespace, String name) {
    String id = ObjectId.subject(kind, namespace, name);
    Optional<LastRun> last = recent.last(cluster, id);
    return switch (kind) {
      case Kustomization.KIND -> engine.fleet().getKustomization(cluster, namespace + "/" + name)
          .map(rec -> ItemDetail.of(rec, last, events(cluster, kind, namespace, name)));
      case HelmRelease.KIND -> engine.fleet().getHelmObject(cluster, HelmRecord.keyOf(kind, namespace, name))
          .map(rec -> ItemDetail.of(rec, last, events(cluster, kind, namespace, name)));
      default -> Optional.empty();
    };
  }

  /** The item's newest {@link #EVENTS} events of the last day, oldest first, as {@code driftless events} shows them. */
  private List<Event> events(String cluster, String kind, String namespace, String name) {
    List<Event> all = engine.fleet().events().forObject(cluster, kind, namespace, name, clock.instant().minus(Duration.ofDays(1)));
    return all.subList(Math.max(0, all.size() - EVENTS), all.size());
  }

  UiToken.Verdict authorize(String authorization) {
    return token.check(authorization);
  }

  /** Runs an authorized write; throws {@link UiActions.Refused} or IllegalArgumentException (not found). */
  UiActions.Result write(String action, String cluster, String kind, String namespace, String name) {
    return actions.perform(action, cluster, kind, namespace, name);
  }
}
