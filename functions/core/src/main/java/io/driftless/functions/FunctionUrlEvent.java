package io.driftless.functions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of a Lambda Function URL (API Gateway v2 payload) event the webhook needs: the path, the
 * headers and the body exactly as it arrived (base64 when {@code isBase64Encoded}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FunctionUrlEvent(
    String rawPath,
    Map<String, String> headers,
    String body,
    @JsonProperty("isBase64Encoded") boolean base64Encoded) {
  private static final String HOOK = "/hook/";
  private static final Set<String> GIT_HOSTS = Set.of("github", "gitea", "gitlab");

  public FunctionUrlEvent {
    headers = headers == null ? Map.of() : headers;
  }

  /**
   * The Flux Receiver digest when the path is {@code /hook/<digest>}; empty for the push webhook's
   * paths ({@code /}, {@code /webhook}, {@code /hook/github|gitea|gitlab}).
   */
  public Optional<String> receiverDigest() {
    if (rawPath == null || !rawPath.startsWith(HOOK)) {
      return Optional.empty();
    }
    String name = rawPath.substring(HOOK.length());
    return GIT_HOSTS.contains(name) ? Optional.empty() : Optional.of(name);
  }

  /** The raw bytes the sender signed. */
  public byte[] rawBody() {
    if (body == null) {
      return new byte[0];
    }
    return base64Encoded ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
  }
}
