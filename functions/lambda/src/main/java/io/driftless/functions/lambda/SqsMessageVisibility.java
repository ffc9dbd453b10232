package io.driftless.functions.lambda;

import io.driftless.functions.MessageVisibility;
import io.driftless.functions.SqsMessage;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * On Lambda, {@code ChangeMessageVisibility} on the queue a work message came from, with one SQS
 * client per region and the function's role. Where the environment holds no AWS credentials (the
 * Lambda app's tests, a laptop) it changes nothing and says so once; {@code AWS_ENDPOINT_URL_SQS}
 * or {@code AWS_ENDPOINT_URL} points it at another endpoint. A bean without a client proxy, so it is
 * built once.
 */
@Singleton
public class SqsMessageVisibility implements MessageVisibility {
  private static final Logger LOG = Logger.getLogger(SqsMessageVisibility.class.getName());
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
  private final Map<String, String> env;
  private final AwsCredentialsProvider credentials;
  private final Map<String, SqsClient> clients = new ConcurrentHashMap<>();
  private final AtomicBoolean toldSkipped = new AtomicBoolean();

  public SqsMessageVisibility() {
    this(System.getenv());
  }

  SqsMessageVisibility(Map<String, String> env) {
    this.env = env;
    this.credentials = credentials(env);
  }

  @Override
  public void change(SqsMessage message, Duration timeout) {
    if (credentials == null) {
      if (toldSkipped.compareAndSet(false, true)) {
        LOG.info("no AWS credentials in the environment: work messages keep the queue's visibility timeout");
      }
      return;
    }
    try {
      clients.computeIfAbsent(message.region(), this::client).changeMessageVisibility(r -> r
          .queueUrl(message.queueUrl())
          .receiptHandle(message.receiptHandle())
          .visibilityTimeout(Math.toIntExact(timeout.toSeconds())));
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : " " + e.awsErrorDetails().errorCode();
      throw new IllegalStateException("SQS answered " + e.statusCode() + code);
    } catch (SdkException e) {
      throw new IllegalStateException("calling SQS: " + String.valueOf(e.getMessage()).replace(message.receiptHandle(), "<receipt handle>"));
    }
  }

  @PreDestroy
  void close() {
    clients.values().forEach(SqsClient::close);
  }

  private SqsClient client(String region) {
    SqsClientBuilder builder = SqsClient.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CALL_TIMEOUT).socketTimeout(CALL_TIMEOUT))
        .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT));
    String endpoint = firstSet("AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL");
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder.build();
  }

  /** The keys in the environment, else the role's container endpoint (Lambda with SnapStart), else none. */
  private static AwsCredentialsProvider credentials(Map<String, String> env) {
    String keyId = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (!blank(keyId) && !blank(secret)) {
      String session = env.get("AWS_SESSION_TOKEN");
      return StaticCredentialsProvider.create(blank(session)
          ? AwsBasicCredentials.create(keyId, secret)
          : AwsSessionCredentials.create(keyId, secret, session));
    }
    if (!blank(env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI")) || !blank(env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"))) {
      return DefaultCredentialsProvider.builder().build();
    }
    return null;
  }

  private String firstSet(String... keys) {
    for (String key : keys) {
      if (!blank(env.get(key))) {
        return env.get(key);
      }
    }
    return null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
