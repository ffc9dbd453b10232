package io.driftless.functions.http.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.model.Redact;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The web UI's JSON API under {@code /api/} (the page itself, {@code /}, is static: resources in
 * META-INF/resources). Reads are open; {@code POST /api/items/{cluster}/{kind}/{namespace}/{name}/{action}}
 * ({@code reconcile}, {@code suspend}, {@code resume}) needs the UI token as a bearer header: 401
 * without it or with another, 403 when no token is configured (read-only). No answer holds a URL's user
 * info or a webhook path's digest ({@link Redact#text}).
 */
@ApplicationScoped
public class UiRoute {
  private static final Logger LOG = Logger.getLogger(UiRoute.class.getName());
  /** Ahead of Funqy's routes, as the webhook's. */
  private static final int BEFORE_FUNQY = -100;
  private static final String ITEM = "/api/items/:cluster/:kind/:namespace/:name";

  @Inject UiApi api;
  @Inject ObjectMapper json;

  void register(@Observes Router router) {
    router.get("/api/fleet").order(BEFORE_FUNQY).blockingHandler(ctx -> send(ctx, 200, api.fleet()), false);
    router.get("/api/graph").order(BEFORE_FUNQY).blockingHandler(ctx -> send(ctx, 200, api.graph()), false);
    router.get(ITEM).order(BEFORE_FUNQY).blockingHandler(this::item, false);
    router.post(ITEM + "/:action").order(BEFORE_FUNQY).blockingHandler(this::write, false);
  }

  private void item(RoutingContext ctx) {
    api.item(ctx.pathParam("cluster"), ctx.pathParam("kind"), ctx.pathParam("namespace"), ctx.pathParam("name"))
        .ifPresentOrElse(detail -> send(ctx, 200, detail), () -> error(ctx, 404, subject(ctx) + " not found on cluster "
            + ctx.pathParam("cluster")));
  }

  private void write(RoutingContext ctx) {
    UiToken.Verdict verdict = api.authorize(ctx.request().getHeader("Authorization"));
    if (verdict != UiToken.Verdict.ALLOWED) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"driftless\"");
      error(ctx, verdict.status, verdict.message);
      return;
    }
    try {
      send(ctx, 200, api.write(ctx.pathParam("action"), ctx.pathParam("cluster"), ctx.pathParam("kind"),
          ctx.pathParam("namespace"), ctx.pathParam("name")));
    } catch (UiActions.Refused refused) {
      error(ctx, refused.status, refused.getMessage());
    } catch (IllegalArgumentException notFound) {
      error(ctx, 404, notFound.getMessage());
    } catch (RuntimeException failed) {
      LOG.warning(subject(ctx) + ": " + ctx.pathParam("action") + " failed: " + failed.getMessage());
      error(ctx, 500, subject(ctx) + ": " + ctx.pathParam("action") + " failed: " + failed.getMessage());
    }
  }

  private static String subject(RoutingContext ctx) {
    return ctx.pathParam("kind") + "/" + ctx.pathParam("namespace") + "/" + ctx.pathParam("name");
  }

  private void error(RoutingContext ctx, int status, String message) {
    send(ctx, status, Map.of("error", message));
  }

  private void send(RoutingContext ctx, int status, Object body) {
    try {
      ctx.response().setStatusCode(status)
          .putHeader("content-type", "application/json; charset=utf-8")
          .putHeader("cache-control", "no-store")
          .end(Redact.text(json.writeValueAsString(body)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the UI's answer as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
