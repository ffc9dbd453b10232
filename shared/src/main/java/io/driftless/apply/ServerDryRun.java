package io.driftless.apply;

import io.driftless.model.KubeObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One object's live state and what a server-side apply of it would make it, sent exactly as the
 * engine sends it (Flux's native defaults, field manager {@value ResourceManager#FIELD_MANAGER},
 * conflicts forced), written nowhere: for {@code driftless diff}.
 */
public final class ServerDryRun {
  /** {@code live} empty when the object is not on the cluster; then {@code applied} is empty too. */
  public record Result(Optional<Map<String, Object>> live, Optional<Map<String, Object>> applied) {}

  private final KubernetesClient client;
  private final ObjectApplier applier;

  public ServerDryRun(KubernetesClient client) {
    this.client = client;
    this.applier = new ObjectApplier(client, new Poller(Duration.ofMillis(500)));
  }

  public Result of(KubeObject object) {
    GenericKubernetesResource desired = applier.toResource(object);
    try {
      GenericKubernetesResource live = client.resource(desired).get();
      if (live == null) {
        return new Result(Optional.empty(), Optional.empty());
      }
      return new Result(Optional.of(applier.asMap(live)), Optional.of(applier.asMap(applier.serverSideApply(desired, true))));
    } catch (RuntimeException e) {
      throw new IllegalStateException(ApiErrors.describe(object.subject(), "server-side dry-run", e), e);
    }
  }
}
