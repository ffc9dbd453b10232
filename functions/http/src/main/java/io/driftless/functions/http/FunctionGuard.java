package io.driftless.functions.http;

import io.driftless.config.DriftlessConfig.Key;
import io.driftless.functions.DriftlessFunctions;
import io.driftless.functions.DriftlessSettings;
import io.quarkus.funqy.Funq;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Guards the Funqy functions on the public listener. Every {@code @Funq} of {@link DriftlessFunctions}
 * but {@code webhook} (signed by the Git host, served by {@link WebhookRoute}) answers only a
 * {@code POST} with {@code Content-Type: application/json} and the bearer token {@code DRIFTLESS_API_TOKEN}:
 * 405, 415, then 401 (403 when no token is configured) otherwise. It runs first, before the body is
 * read, so a refused request is never buffered, parsed or run. A function added later is guarded too.
 */
@ApplicationScoped
public class FunctionGuard {
  /**
   * After Quarkus' response headers ({@code Integer.MIN_VALUE}), ahead of its body handler: same order,
   * registered later (FunctionGuardTest proves a 4 MB body without the token gets 401, not 413).
   */
  private static final int FIRST = Integer.MIN_VALUE + 1;
  private static final String SIGNED = "webhook";
  static final Set<String> FUNCTIONS = Arrays.stream(DriftlessFunctions.class.getMethods())
      .filter(m -> m.isAnnotationPresent(Funq.class))
      .map(m -> m.getAnnotation(Funq.class).value().isEmpty() ? m.getName() : m.getAnnotation(Funq.class).value())
      .map(name -> name.toLowerCase(Locale.ROOT))
      .collect(Collectors.toUnmodifiableSet());

  private final BearerToken token;

  FunctionGuard(DriftlessSettings settings) {
    this.token = new BearerToken(settings.apiToken());
  }

  void register(@Observes Router router) {
    router.route().order(FIRST).handler(this::guard);
  }

  private void guard(RoutingContext ctx) {
    String function = ctx.normalizedPath().replaceAll("^/+|/+$", "").toLowerCase(Locale.ROOT);
    if (!FUNCTIONS.contains(function)) {
      ctx.next();
      return;
    }
    if (ctx.request().method() != HttpMethod.POST) {
      ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
      refuse(ctx, 405, "/" + function + " answers POST only");
    } else if (SIGNED.equals(function)) {
      ctx.next();
    } else if (!isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
      refuse(ctx, 415, "/" + function + " takes Content-Type: application/json only");
    } else {
      switch (token.check(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
        case ALLOWED -> ctx.next();
        case UNSET -> refuse(ctx, 403, "/" + function + " is off: start the app with " + Key.API_TOKEN.env() + " set");
        case MISSING -> unauthorized(ctx, "/" + function + " needs the token " + Key.API_TOKEN.env()
            + " sets, as Authorization: Bearer <token>");
        case WRONG -> unauthorized(ctx, "the token sent is not the one " + Key.API_TOKEN.env() + " sets");
      }
    }
  }

  /** {@code application/json}, with parameters or without; nothing a cross-site form can send. */
  static boolean isJson(String contentType) {
    return contentType != null
        && contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json");
  }

  private static void unauthorized(RoutingContext ctx, String message) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"driftless\"");
    refuse(ctx, 401, message);
  }

  private static void refuse(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .putHeader(HttpHeaders.CONNECTION, "close").end(message + "\n");
  }
}
