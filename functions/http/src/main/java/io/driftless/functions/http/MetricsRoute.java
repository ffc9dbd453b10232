package io.driftless.functions.http;

import io.driftless.metrics.FleetMetrics;
import io.driftless.metrics.MetricsText;
import io.driftless.pipeline.Engine;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * GET {@code /metrics}: Flux's {@code gotk_} series in Prometheus' text format, built from the table
 * on each scrape, so any instance ({@code driftless serve}, any replica of the Knative service) serves
 * the whole fleet's.
 */
@ApplicationScoped
public class MetricsRoute {
  /** Ahead of Funqy's routes. */
  private static final int BEFORE_FUNQY = -100;

  @Inject Engine engine;

  void register(@Observes Router router) {
    router.get("/metrics").order(BEFORE_FUNQY).blockingHandler(this::handle, false);
  }

  private void handle(RoutingContext ctx) {
    String page = FleetMetrics.text(engine.fleet());
    ctx.response().setStatusCode(200).putHeader("content-type", MetricsText.CONTENT_TYPE).end(page);
  }
}
