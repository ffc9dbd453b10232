package io.driftless.record;

/**
 * A bootstrap registration: the one root a user registers. Reconciling it renders {@code path} of the
 * repository and discovers the Flux objects found there. {@code webhookSecretRef} and
 * {@code credentialRef} are references (a file path, an env var {@code env:NAME}, or a Secrets Manager
 * ARN), never the secret itself.
 */
public record RootRecord(
    String name,
    String url,
    String branch,
    String path,
    String cluster,
    String webhookSecretRef,
    String credentialRef) {}
