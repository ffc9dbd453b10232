package io.driftless.model;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** Reads the AWS SDK's standard environment variables from a given map (not only the process's). */
final class AwsEnvironment {
  private AwsEnvironment() {}

  static SecretsManagerResolver secretsManager(Map<String, String> env) {
    return new SecretsManagerResolver(credentials(env), UrlConnectionHttpClient.create(), endpoint(env));
  }

  static AwsCredentialsProvider credentials(Map<String, String> env) {
    String keyId = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (blank(keyId) || blank(secret)) {
      return DefaultCredentialsProvider.builder().build();
    }
    String session = env.get("AWS_SESSION_TOKEN");
    return StaticCredentialsProvider.create(
        blank(session)
            ? AwsBasicCredentials.create(keyId, secret)
            : AwsSessionCredentials.create(keyId, secret, session));
  }

  static URI endpoint(Map<String, String> env) {
    String service = env.get("AWS_ENDPOINT_URL_SECRETS_MANAGER");
    String global = env.get("AWS_ENDPOINT_URL");
    String url = !blank(service) ? service : global;
    return blank(url) ? null : URI.create(url);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
