package io.driftless.functions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The parts of a Lambda Function URL (API Gateway v2 payload) event the webhook needs: the headers
 * and the body exactly as it arrived (base64 when {@code isBase64Encoded}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FunctionUrlEvent(
    Map<String, String> headers,
    String body,
    @JsonProperty("isBase64Encoded") boolean base64Encoded) {

  public FunctionUrlEvent {
    headers = headers == null ? Map.of() : headers;
  }

  /** The raw bytes the sender signed. */
  public byte[] rawBody() {
    if (body == null) {
      return new byte[0];
    }
    return base64Encoded ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
  }
}
