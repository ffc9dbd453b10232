package io.driftless.record;

/**
 * A registered cluster. Credentials are held by reference only: a kubeconfig path (and context)
 * locally, or a Secrets Manager ARN on AWS. Never a secret.
 */
public record ClusterRecord(String name, String kubeconfigPath, String context, String secretArn) {}
