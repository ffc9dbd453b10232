package io.driftless.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Resolves Secrets Manager references ({@link SecretsManagerRef}: an ARN, optionally followed by
 * {@code :json-key:version-stage:version-id}) with one SigV4-signed {@code GetSecretValue} call to
 * the JSON API of the ARN's region: the SDK's HTTP client and signer, without the secretsmanager
 * SDK module. Returns the {@code SecretString} bytes, or the decoded {@code SecretBinary}. Values are
 * cached for the life of this object (keep one per process: a warm Lambda asks once). Errors name
 * the reference and AWS's error code, never a value.
 */
public final class SecretsManagerResolver implements SecretResolver {
  private static final String SERVICE = "secretsmanager";
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final URI endpointOverride;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  /** {@code endpointOverride} null means the ARN's regional endpoint. */
  public SecretsManagerResolver(AwsCredentialsProvider credentials, SdkHttpClient http, URI endpointOverride) {
    this.credentials = credentials;
    this.http = http;
    this.endpointOverride = endpointOverride;
  }

  @Override
  public byte[] resolve(String ref) {
    return cache.computeIfAbsent(ref, r -> fetch(SecretsManagerRef.parse(r), r)).clone();
  }

  private byte[] fetch(SecretsManagerRef secret, String ref) {
    URI endpoint = endpointOverride != null ? endpointOverride : URI.create(secret.endpoint());
    JsonNode response = call(secret, ref, endpoint);
    if (secret.jsonKey() != null) {
      return jsonKey(secret, ref, response);
    }
    if (response.hasNonNull("SecretString")) {
      return response.get("SecretString").asText().getBytes(StandardCharsets.UTF_8);
    }
    if (response.hasNonNull("SecretBinary")) {
      return Base64.getDecoder().decode(response.get("SecretBinary").asText());
    }
    throw new IllegalArgumentException("secret reference " + ref + ": the secret has no value");
  }

  private JsonNode call(SecretsManagerRef secret, String ref, URI endpoint) {
    byte[] body = requestBody(secret);
    SdkHttpFullRequest request =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint)
            .encodedPath("/")
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", "secretsmanager.GetSecretValue")
            .putHeader("Content-Length", Integer.toString(body.length))
            .build();
    try {
      SignedRequest signed =
          signer.sign(
              r -> r.identity(credentials.resolveCredentials())
                  .request(request)
                  .payload(ContentStreamProvider.fromByteArray(body))
                  .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                  .putProperty(AwsV4HttpSigner.REGION_NAME, secret.region()));
      HttpExecuteResponse response =
          http.prepareRequest(
                  HttpExecuteRequest.builder()
                      .request(signed.request())
                      .contentStreamProvider(signed.payload().orElse(null))
                      .build())
              .call();
      byte[] bytes;
      try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
        bytes = in.readAllBytes();
      }
      int status = response.httpResponse().statusCode();
      JsonNode json = bytes.length == 0 ? Yaml.json().createObjectNode() : Yaml.json().readTree(bytes);
      if (status != 200) {
        throw new IllegalArgumentException(
            "secret reference " + ref + ": Secrets Manager answered " + status + " " + awsError(json));
      }
      return json;
    } catch (IOException | SdkException e) {
      throw new IllegalArgumentException(
          "secret reference " + ref + ": calling Secrets Manager at " + endpoint + ": " + e.getMessage(), e);
    }
  }

  private static byte[] requestBody(SecretsManagerRef secret) {
    ObjectNode body = Yaml.json().createObjectNode().put("SecretId", secret.arn());
    if (secret.versionStage() != null) {
      body.put("VersionStage", secret.versionStage());
    }
    if (secret.versionId() != null) {
      body.put("VersionId", secret.versionId());
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] jsonKey(SecretsManagerRef secret, String ref, JsonNode response) {
    JsonNode object;
    try {
      object = Yaml.json().readTree(response.path("SecretString").asText(""));
    } catch (IOException e) {
      object = null; // the parser's message would quote the secret
    }
    if (object == null || !object.isObject()) {
      throw new IllegalArgumentException(
          "secret reference " + ref + ": the secret string is not a JSON object, so it has no key " + secret.jsonKey());
    }
    JsonNode value = object.get(secret.jsonKey());
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("secret reference " + ref + ": the secret has no key " + secret.jsonKey());
    }
    return (value.isTextual() ? value.asText() : value.toString()).getBytes(StandardCharsets.UTF_8);
  }

  /** {@code ResourceNotFoundException: message}, from AWS's JSON error shape. */
  private static String awsError(JsonNode json) {
    String type = json.path("__type").asText("");
    String code = type.substring(type.lastIndexOf('#') + 1);
    String message = json.hasNonNull("message") ? json.get("message").asText() : json.path("Message").asText("");
    return (code + (message.isEmpty() ? "" : ": " + message)).strip();
  }
}
