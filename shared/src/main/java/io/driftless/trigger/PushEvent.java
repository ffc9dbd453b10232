package io.driftless.trigger;

import java.util.List;

/**
 * What a push (or ping) delivery says, provider-neutral. {@code repositoryUrl} is the payload's main
 * clone URL, {@code cloneUrls} every URL the payload lists for the repository (https, ssh, web).
 * {@code ref} and {@code after} are null for a ping. These URLs only select among registered sources;
 * they are never fetched.
 */
public record PushEvent(
    String provider,
    String deliveryId,
    String repositoryUrl,
    List<String> cloneUrls,
    String ref,
    String after) {

  public PushEvent {
    cloneUrls = List.copyOf(cloneUrls);
  }

  /** The branch a {@code refs/heads/...} ref names, or null for tags and pings. */
  public String branch() {
    return ref != null && ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : null;
  }
}
