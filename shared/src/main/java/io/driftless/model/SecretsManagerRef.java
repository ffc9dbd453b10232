package io.driftless.model;

/**
 * A Secrets Manager reference, parsed: the secret's ARN, then optionally, as ECS task definitions
 * write it, {@code :json-key:version-stage:version-id} (each part may be empty). With a JSON key the
 * secret string must be a JSON object and the value of that key is the secret.
 *
 * <pre>
 * arn:aws:secretsmanager:eu-west-1:123456789012:secret:git-deploy-AbCdEf
 * arn:aws:secretsmanager:eu-west-1:123456789012:secret:git-deploy-AbCdEf:token
 * arn:aws:secretsmanager:eu-west-1:123456789012:secret:git-deploy-AbCdEf:token:AWSPREVIOUS:
 * </pre>
 */
record SecretsManagerRef(
    String arn, String partition, String region, String jsonKey, String versionStage, String versionId) {

  private static final int ARN_PARTS = 7;

  static SecretsManagerRef parse(String ref) {
    String[] parts = ref.split(":", -1);
    if (parts.length < ARN_PARTS
        || parts.length > ARN_PARTS + 3
        || !parts[0].equals("arn")
        || !parts[2].equals("secretsmanager")
        || parts[3].isEmpty()
        || !parts[5].equals("secret")
        || parts[6].isEmpty()) {
      throw new IllegalArgumentException(
          "secret reference " + ref + ": not a Secrets Manager ARN"
              + " (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>[:json-key[:version-stage[:version-id]]])");
    }
    String arn = String.join(":", java.util.Arrays.copyOf(parts, ARN_PARTS));
    return new SecretsManagerRef(
        arn, parts[1], parts[3], part(parts, 7), part(parts, 8), part(parts, 9));
  }

  private static String part(String[] parts, int i) {
    return i < parts.length && !parts[i].isEmpty() ? parts[i] : null;
  }

  /** The regional endpoint, as the SDK names it for the partition. */
  String endpoint() {
    String suffix = partition.equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com";
    return "https://secretsmanager." + region + "." + suffix;
  }
}
