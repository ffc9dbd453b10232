package io.driftless.record;

/**
 * A Flux Receiver found in the build of Kustomization {@code parent} on {@code cluster}, recorded
 * under its {@code digest}: hex(sha256(token + name + namespace)), so its webhook path is
 * {@code /hook/<digest>} as in Flux. {@code key} is {@code Receiver/<namespace>/<name>} and
 * {@code manifest} its YAML as found in Git. The token itself is never stored: the request that
 * arrives on the path reads it again from the Receiver's {@code secretRef} on the cluster.
 */
public record ReceiverRecord(String digest, String cluster, String key, String root, String parent, String manifest) {

  /** Flux's {@code status.webhookPath}. */
  public String webhookPath() {
    return "/hook/" + digest;
  }
}
