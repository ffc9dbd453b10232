package io.driftless.functions.http;

import io.driftless.pipeline.Engine;
import io.driftless.trigger.WebhookHandler;
import io.driftless.trigger.WebhookRequest;
import io.driftless.trigger.WebhookResponse;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * The push webhook over plain HTTP. Funqy gives a function neither the headers nor the raw body, and
 * the HMAC covers the exact bytes, so this is a Vert.x route ahead of Funqy's: POST {@code /webhook}
 * (the Funqy name) and {@code /hook/github}, {@code /hook/gitea}, {@code /hook/gitlab}.
 */
@ApplicationScoped
public class WebhookRoute {
  /** Before Funqy's own route for {@code /webhook}, which would parse the body as a Function URL event. */
  private static final int BEFORE_FUNQY = -100;

  @Inject Engine engine;

  void register(@Observes Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(WebhookHandler.MAX_BODY_BYTES);
    for (String path : new String[] {"/webhook", "/hook/github", "/hook/gitea", "/hook/gitlab"}) {
      router.post(path).order(BEFORE_FUNQY).handler(body).blockingHandler(this::handle, false);
    }
  }

  private void handle(RoutingContext ctx) {
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    WebhookResponse response = engine.webhook(new WebhookRequest(headers(ctx.request().headers()), body));
    ctx.response()
        .setStatusCode(response.status())
        .putHeader("content-type", "text/plain; charset=utf-8")
        .end(response.message() + "\n");
  }

  private static Map<String, String> headers(MultiMap multi) {
    Map<String, String> headers = new HashMap<>();
    multi.forEach(entry -> headers.putIfAbsent(entry.getKey(), entry.getValue()));
    return headers;
  }
}
