package io.driftless.model;

import static io.driftless.model.SpecReader.bind;
import static io.driftless.model.SpecReader.checkDuration;
import static io.driftless.model.SpecReader.invalid;
import static io.driftless.model.SpecReader.namespaceOf;
import static io.driftless.model.SpecReader.require;

import java.util.List;
import java.util.Set;

/**
 * Recognises and parses Flux Receivers. Types, resource kinds and fields Driftless cannot act on
 * are refused by name ({@link ManifestException} naming the file, the object and the field), so a
 * Receiver never silently does less than in Flux.
 */
public final class Receivers {
  /** The types Driftless verifies; Flux's gcr, acr and generic-oidc are refused by name. */
  public static final Set<String> TYPES = Set.of(
      "generic", "generic-hmac", "github", "gitlab", "bitbucket", "harbor", "dockerhub", "quay", "nexus", "cdevents");
  /** Resource kinds Driftless can trigger: its own work items (flux.md §3.1 lists more). */
  public static final Set<String> KINDS = Set.of(
      "GitRepository", "Kustomization", "HelmRelease", "HelmRepository", "HelmChart", "OCIRepository",
      "ArtifactGenerator");

  private Receivers() {}

  public static boolean isReceiver(KubeObject o) {
    return Receiver.KIND.equals(o.kind()) && Receiver.GROUP.equals(o.group());
  }

  public static Receiver parse(KubeObject o) {
    OlderApiVersions.check(o, Receiver.API_VERSION, Receiver.GROUP + "/v1beta2", Receiver.GROUP + "/v1beta1");
    String ns = namespaceOf(o);
    Receiver.Spec spec = bind(o, Receiver.Spec.class);
    require(o, "spec.type", spec.type());
    if (!TYPES.contains(spec.type())) {
      throw invalid(o, "spec.type", "'" + spec.type() + "' is not supported by Driftless (supported: "
          + String.join(", ", TYPES.stream().sorted().toList()) + ")");
    }
    checkDuration(o, "spec.interval", spec.interval());
    refuse(o, "spec.resourceFilter", spec.resourceFilter());
    refuse(o, "spec.oidcProviders", spec.oidcProviders());
    require(o, "spec.secretRef", spec.secretRef());
    require(o, "spec.secretRef.name", spec.secretRef().name());
    List<Receiver.Resource> resources = spec.resources();
    if (resources == null || resources.isEmpty()) {
      throw invalid(o, "spec.resources", "is required");
    }
    for (int i = 0; i < resources.size(); i++) {
      Receiver.Resource r = resources.get(i);
      String at = "spec.resources[" + i + "]";
      require(o, at + ".kind", r.kind());
      require(o, at + ".name", r.name());
      if (!KINDS.contains(r.kind())) {
        throw invalid(o, at + ".kind", "'" + r.kind() + "' is not a kind Driftless reconciles");
      }
      if (r.wildcard() && (r.matchLabels() == null || r.matchLabels().isEmpty())) {
        throw invalid(o, at + ".matchLabels", "is required when name is '*'");
      }
      refuse(o, at + ".filter", r.filter());
    }
    return new Receiver(o.name(), ns, spec, o.origin());
  }

  private static void refuse(KubeObject o, String field, Object value) {
    if (value != null) {
      throw invalid(o, field, "is not supported by Driftless (CEL/OIDC filtering is not implemented)");
    }
  }
}
