package io.driftless.model;

import static io.driftless.model.SpecReader.bind;
import static io.driftless.model.SpecReader.checkApiVersion;
import static io.driftless.model.SpecReader.checkDuration;
import static io.driftless.model.SpecReader.invalid;
import static io.driftless.model.SpecReader.namespaceOf;
import static io.driftless.model.SpecReader.require;

/**
 * The Flux Operator's {@code FluxInstance} ({@code fluxcd.controlplane.io/v1}): only its {@code spec.sync},
 * the entry point the operator would turn into {@code flux-system}'s GitRepository and Kustomization
 * (Git ref as {@code ref.name}, source interval default {@code 1m}, Kustomization interval {@code 10m}).
 * Driftless runs in the operator's place, so the rest of the spec (distribution, components, cluster)
 * has no meaning here.
 */
public record FluxInstance(String name, String namespace, Sync sync, String origin) {
  public static final String GROUP = "fluxcd.controlplane.io";
  public static final String KIND = "FluxInstance";
  private static final String BRANCH_PREFIX = "refs/heads/";

  /** {@code spec.sync} as written; see {@link #rootSync()} for what Driftless takes from it. */
  public record Sync(String kind, String url, String ref, String path, String pullSecret, String interval,
      String name, String provider) {}

  /** {@code spec.sync} as Driftless's root holds it: a Git URL, a branch and a path. */
  public record RootSync(String url, String branch, String path, String pullSecret) {}

  record Spec(Sync sync) {}

  public static boolean isFluxInstance(KubeObject o) {
    return KIND.equals(o.kind()) && GROUP.equals(o.group());
  }

  /** Any kind of the Flux Operator's group: FluxInstance, FluxReport, ResourceSet, ResourceSetInputProvider. */
  public static boolean isOperatorKind(KubeObject o) {
    return GROUP.equals(o.group());
  }

  /** The FluxInstance {@code o} holds; its {@code spec.sync} may be absent (an instance that syncs nothing). */
  public static FluxInstance parse(KubeObject o) {
    checkApiVersion(o, GROUP + "/v1");
    String ns = namespaceOf(o);
    Spec spec = bind(o, Spec.class);
    return new FluxInstance(o.name(), ns, spec.sync(), o.origin());
  }

  /**
   * {@code spec.sync} as a root, refusing by field what Driftless's root cannot follow: a source other
   * than Git, a ref other than a branch ({@code refs/heads/…}), a name or namespace other than
   * {@code flux-system} (the root's fixed name, which every child's {@code sourceRef} names), an OIDC provider.
   */
  public static RootSync rootSync(KubeObject o) {
    FluxInstance instance = parse(o);
    Sync sync = instance.sync();
    require(o, "spec.sync", sync);
    require(o, "spec.sync.kind", sync.kind());
    require(o, "spec.sync.url", sync.url());
    require(o, "spec.sync.ref", sync.ref());
    require(o, "spec.sync.path", sync.path());
    if (!"GitRepository".equals(sync.kind())) {
      throw invalid(o, "spec.sync.kind", "'" + sync.kind() + "' is not followed by Driftless: a root is a GitRepository");
    }
    if (!sync.ref().startsWith(BRANCH_PREFIX) || sync.ref().length() == BRANCH_PREFIX.length()) {
      throw invalid(o, "spec.sync.ref", "'" + sync.ref() + "' is not followed by Driftless: a root follows a branch, "
          + "written refs/heads/<branch>");
    }
    checkDuration(o, "spec.sync.interval", sync.interval());
    String syncName = sync.name() == null || sync.name().isEmpty() ? instance.namespace() : sync.name();
    if (!"flux-system".equals(syncName)) {
      throw invalid(o, sync.name() == null || sync.name().isEmpty() ? "metadata.namespace" : "spec.sync.name",
          "makes the sync '" + syncName + "'; Driftless's root is always flux-system/flux-system");
    }
    if (sync.provider() != null && !sync.provider().isEmpty() && !"generic".equals(sync.provider())) {
      throw invalid(o, "spec.sync.provider", "'" + sync.provider() + "' is not supported by Driftless: "
          + "a root's credentials are given by reference (driftless bootstrap --token-file)");
    }
    return new RootSync(sync.url(), sync.ref().substring(BRANCH_PREFIX.length()),
        sync.path().replaceFirst("^\\./", ""), sync.pullSecret() == null || sync.pullSecret().isEmpty()
            ? null : sync.pullSecret());
  }
}
