package io.driftless.model;

import static io.driftless.model.SpecReader.bind;
import static io.driftless.model.SpecReader.checkDuration;
import static io.driftless.model.SpecReader.checkEnum;
import static io.driftless.model.SpecReader.invalid;
import static io.driftless.model.SpecReader.namespaceOf;
import static io.driftless.model.SpecReader.require;

import java.util.regex.Pattern;

/**
 * Recognises Flux's GitRepository and Kustomization among manifests and parses them. A missing
 * required field or a wrong type is a {@link ManifestException} naming the file, the object and the
 * field.
 */
public final class FluxObjects {
  private static final String BETA2_SOURCE = "source.toolkit.fluxcd.io/v1beta2";
  private static final String BETA1_SOURCE = "source.toolkit.fluxcd.io/v1beta1";
  private static final Pattern URL = Pattern.compile("^(http|https|ssh|file)://.*$");

  private FluxObjects() {}

  public static boolean isGitRepository(KubeObject o) {
    return GitRepository.KIND.equals(o.kind()) && o.group().equals("source.toolkit.fluxcd.io");
  }

  public static boolean isKustomization(KubeObject o) {
    return Kustomization.KIND.equals(o.kind()) && o.group().equals(Kustomization.GROUP);
  }

  public static GitRepository gitRepository(KubeObject o) {
    OlderApiVersions.check(o, GitRepository.API_VERSION, BETA2_SOURCE, BETA1_SOURCE);
    String ns = namespaceOf(o);
    GitRepository.Spec spec = bind(o, GitRepository.Spec.class);
    require(o, "spec.url", spec.url());
    require(o, "spec.interval", spec.interval());
    if (!URL.matcher(spec.url()).matches()) {
      throw invalid(o, "spec.url", "must start with http://, https://, ssh:// or file://, got '" + spec.url() + "'");
    }
    checkDuration(o, "spec.interval", spec.interval());
    checkDuration(o, "spec.timeout", spec.timeout());
    return new GitRepository(o.name(), ns, spec, o.origin());
  }

  public static Kustomization kustomization(KubeObject o) {
    OlderApiVersions.check(o, Kustomization.API_VERSION, Kustomization.GROUP + "/v1beta2", Kustomization.GROUP + "/v1beta1");
    for (String legacy : new String[] {"spec.patchesStrategicMerge", "spec.patchesJson6902"}) {
      OlderApiVersions.refuseOlderField(o, legacy, "write it as spec.patches");
    }
    String ns = namespaceOf(o);
    Kustomization.Spec spec = bind(o, Kustomization.Spec.class);
    require(o, "spec.interval", spec.interval());
    require(o, "spec.sourceRef", spec.sourceRef());
    require(o, "spec.sourceRef.kind", spec.sourceRef().kind());
    require(o, "spec.sourceRef.name", spec.sourceRef().name());
    require(o, "spec.prune", spec.prune());
    checkDuration(o, "spec.interval", spec.interval());
    checkDuration(o, "spec.retryInterval", spec.retryInterval());
    checkEnum(o, "spec.deletionPolicy", spec.deletionPolicy(), "MirrorPrune", "Delete", "WaitForTermination", "Orphan");
    checkDuration(o, "spec.timeout", spec.timeout());
    for (int i = 0; i < spec.dependencies().size(); i++) {
      require(o, "spec.dependsOn[" + i + "].name", spec.dependencies().get(i).name());
    }
    return new Kustomization(o.name(), ns, spec, o.origin());
  }

}
