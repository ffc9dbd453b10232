package io.driftless.functions;

import io.driftless.trigger.WebhookResponse;
import java.util.Map;

/** A Function URL response: Lambda turns {@code statusCode}, {@code headers} and {@code body} into HTTP. */
public record FunctionUrlResponse(int statusCode, Map<String, String> headers, String body) {

  public static FunctionUrlResponse of(WebhookResponse response) {
    return new FunctionUrlResponse(
        response.status(), Map.of("content-type", "text/plain; charset=utf-8"), response.message() + "\n");
  }
}
