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
import java.util.Set;

/**
 * The push webhook and Flux Receivers over plain HTTP. Funqy gives a function neither the headers nor
 * the raw body, and signatures cover the exact bytes, so this is a Vert.x route ahead of Funqy's: POST
 * {@code /webhook} (the Funqy name) and {@code /hook/github}, {@code /hook/gitea}, {@code /hook/gitlab}
 * for the push webhook; POST {@code /hook/<digest>} for a Flux Receiver. The body is read as bytes only
 * (at most 3 MiB: Vert.x answers 413 past that) and handed on unparsed.
 */
@ApplicationScoped
public class WebhookRoute {
  /** Before Funqy's own route for {@code /webhook}, which would parse the body as a Function URL event. */
  private static final int BEFORE_FUNQY = -100;
  /** The push webhook's own paths under /hook/; any other name there is a Receiver's digest. */
  private static final Set<String> GIT_HOSTS = Set.of("github", "gitea", "gitlab");

  @Inject Engine engine;

  void register(@Observes Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(WebhookHandler.MAX_BODY_BYTES);
    router.post("/webhook").order(BEFORE_FUNQY).handler(body).blockingHandler(this::handle, false);
    router.post("/hook/:name").order(BEFORE_FUNQY).handler(body).blockingHandler(this::handle, false);
  }

  private void handle(RoutingContext ctx) {
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    WebhookRequest request = new WebhookRequest(headers(ctx.request().headers()), body);
    String name = ctx.pathParam("name");
    WebhookResponse response = name == null || GIT_HOSTS.contains(name)
        ? engine.webhook(request)
        : engine.receiver(name, request);
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
