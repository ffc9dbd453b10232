package io.driftless.notify;

import io.driftless.model.Yaml;
import io.driftless.record.RootRecord;
import io.driftless.record.StateStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A commit-status Provider registered with {@code driftless bootstrap --commit-status <type>} rather
 * than committed to Git: a Provider {@code flux-system/driftless-commit-status} posting on the root's
 * repository, and an Alert taking every Kustomization and HelmRelease of the cluster (in any
 * namespace, which only a registered Alert may ask for). The token is kept by reference (a file,
 * {@code env:NAME} or a Secrets Manager ARN), as webhook secrets are, never in the table.
 */
public final class RegisteredCommitStatus {
  /** The {@code parent} of registered records: no Kustomization's build owns them. */
  public static final String PARENT = "driftless-bootstrap";
  /** The annotation holding the token reference on a registered Provider. */
  static final String TOKEN_REF = "driftless.io/token-ref";
  static final String NAME = "driftless-commit-status";

  private RegisteredCommitStatus() {}

  /** Throws IllegalArgumentException unless {@code type} posts commit statuses. */
  public static void check(String type) {
    if (!Provider.COMMIT_STATUS_TYPES.contains(type)) {
      throw new IllegalArgumentException("--commit-status " + type + ": want one of "
          + String.join(", ", Provider.COMMIT_STATUS_TYPES));
    }
  }

  public static void register(StateStore store, RootRecord root, String type, String tokenRef) {
    check(type);
    if (tokenRef == null || tokenRef.isBlank()) {
      throw new IllegalArgumentException("--commit-status " + type + " needs a token reference");
    }
    Map<String, Object> provider = object(Provider.KIND, Map.of(TOKEN_REF, tokenRef),
        Map.of("type", type, "address", root.url()));
    Map<String, Object> alert = object(Alert.KIND, Map.of(), Map.of(
        "providerRef", Map.of("name", NAME),
        "eventSources", List.of(Map.of("kind", "Kustomization", "name", "*", "namespace", "*"),
            Map.of("kind", "HelmRelease", "name", "*", "namespace", "*"))));
    store.putNotification(root.cluster(), "Provider/flux-system/" + NAME, root.name(), PARENT, Yaml.write(provider));
    store.putNotification(root.cluster(), "Alert/flux-system/" + NAME, root.name(), PARENT, Yaml.write(alert));
  }

  private static Map<String, Object> object(String kind, Map<String, String> annotations, Map<String, Object> spec) {
    Map<String, Object> metadata = new LinkedHashMap<>(Map.of("name", NAME, "namespace", "flux-system"));
    if (!annotations.isEmpty()) {
      metadata.put("annotations", annotations);
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("apiVersion", NotificationObjects.GROUP + "/v1beta3");
    o.put("kind", kind);
    o.put("metadata", metadata);
    o.put("spec", spec);
    return o;
  }
}
