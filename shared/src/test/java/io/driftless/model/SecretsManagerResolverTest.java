package io.driftless.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.testing.FakeSecretsManager;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

class SecretsManagerResolverTest {
  private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:git-deploy-AbCdEf";
  private FakeSecretsManager aws;
  private SecretsManagerResolver resolver;

  @BeforeEach
  void start() throws Exception {
    aws = FakeSecretsManager.start();
    resolver =
        new SecretsManagerResolver(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI")),
            UrlConnectionHttpClient.create(),
            aws.endpoint());
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void returnsTheSecretStringFromASignedGetSecretValueCall() {
    aws.answer(ARN, "{\"ARN\":\"" + ARN + "\",\"Name\":\"git-deploy\",\"SecretString\":\"ghp_token\"}");

    assertThat(text(resolver.resolve(ARN))).isEqualTo("ghp_token");

    FakeSecretsManager.Call call = aws.calls().get(0);
    assertThat(call.body().path("SecretId").asText()).isEqualTo(ARN);
    assertThat(call.authorization())
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
        .contains("/eu-west-1/secretsmanager/aws4_request")
        .contains("x-amz-target");
  }

  @Test
  void decodesASecretBinary() {
    byte[] key = {0, 1, 2, (byte) 0xff};
    aws.answer(ARN, "{\"SecretBinary\":\"" + Base64.getEncoder().encodeToString(key) + "\"}");

    assertThat(resolver.resolve(ARN)).containsExactly(key);
  }

  @Test
  void aJsonKeySuffixPicksOneValueOfAJsonSecret() {
    aws.answer(ARN, "{\"SecretString\":\"{\\\"username\\\":\\\"bot\\\",\\\"token\\\":\\\"ghp_x\\\"}\"}");

    assertThat(text(resolver.resolve(ARN + ":token"))).isEqualTo("ghp_x");
    assertThat(text(resolver.resolve(ARN + ":username"))).isEqualTo("bot");
  }

  @Test
  void versionStageAndIdGoIntoTheRequest() {
    aws.answer(ARN, "{\"SecretString\":\"{\\\"token\\\":\\\"old\\\"}\"}");

    assertThat(text(resolver.resolve(ARN + ":token:AWSPREVIOUS:"))).isEqualTo("old");

    assertThat(aws.calls().get(0).body().path("VersionStage").asText()).isEqualTo("AWSPREVIOUS");
    assertThat(aws.calls().get(0).body().has("VersionId")).isFalse();
  }

  @Test
  void valuesAreCachedForTheLifeOfTheResolver() {
    aws.answer(ARN, "{\"SecretString\":\"ghp_token\"}");

    resolver.resolve(ARN);
    resolver.resolve(ARN);

    assertThat(aws.calls()).hasSize(1);
  }

  @Test
  void aMissingSecretNamesTheArnAndTheAwsError() {
    assertThatThrownBy(() -> resolver.resolve(ARN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret reference " + ARN)
        .hasMessageContaining("400 ResourceNotFoundException");
  }

  @Test
  void aMissingJsonKeyNamesTheKeyButNotTheSecret() {
    aws.answer(ARN, "{\"SecretString\":\"{\\\"token\\\":\\\"ghp_hidden\\\"}\"}");

    assertThatThrownBy(() -> resolver.resolve(ARN + ":password"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the secret has no key password")
        .hasMessageNotContaining("ghp_hidden");
  }

  @Test
  void aStringThatIsNotJsonIsNotQuotedInTheError() {
    aws.answer(ARN, "{\"SecretString\":\"plain-secret-value\"}");

    assertThatThrownBy(() -> resolver.resolve(ARN + ":token"))
        .hasMessageContaining("not a JSON object")
        .hasMessageNotContaining("plain-secret-value");
  }

  @Test
  void aReferenceThatIsNotASecretsManagerArnIsRefused() {
    assertThatThrownBy(() -> resolver.resolve("arn:aws:ssm:eu-west-1:123456789012:parameter/x"))
        .hasMessageContaining("not a Secrets Manager ARN");
  }

  @Test
  void localResolverWithAwsSendsArnsToSecretsManager() throws Exception {
    aws.answer(ARN, "{\"SecretString\":\"from-aws\"}");
    Map<String, String> env =
        Map.of(
            "AWS_ENDPOINT_URL_SECRETS_MANAGER", aws.endpoint().toString(),
            "AWS_ACCESS_KEY_ID", "AKIDLAMBDA",
            "AWS_SECRET_ACCESS_KEY", "secret",
            "AWS_SESSION_TOKEN", "session",
            "GIT_TOKEN", "from-env");
    LocalSecretResolver local = LocalSecretResolver.withAws(env);

    assertThat(text(local.resolve(ARN))).isEqualTo("from-aws");
    assertThat(text(local.resolve("env:GIT_TOKEN"))).isEqualTo("from-env");
    assertThat(aws.calls().get(0).authorization()).contains("Credential=AKIDLAMBDA/");
  }
}
