package io.driftless.model.helm;

import static io.driftless.model.SpecReader.bind;
import static io.driftless.model.SpecReader.checkApiVersion;
import static io.driftless.model.SpecReader.checkEnum;
import static io.driftless.model.SpecReader.checkMaxLength;
import static io.driftless.model.SpecReader.invalid;
import static io.driftless.model.SpecReader.namespaceOf;
import static io.driftless.model.SpecReader.require;

import io.driftless.model.KubeObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses an ArtifactGenerator with the checks of its CRD and of source-watcher's own validation:
 * patterns and lengths, at least one source, artifact and copy operation, unique aliases and
 * artifact names, and {@code revision}/{@code originRevision} naming a declared alias. A bad field
 * is a {@link io.driftless.model.ManifestException} naming the file, the object and the field.
 */
final class ArtifactGenerators {
  private static final Pattern ALIAS = Pattern.compile("^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$");
  private static final Pattern NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Pattern FROM = Pattern.compile("^@([a-z0-9]([a-z0-9_-]*[a-z0-9])?)/(.*)$");
  private static final Pattern TO = Pattern.compile("^@(artifact)/(.*)$");
  private static final Pattern ALIAS_REF = Pattern.compile("^@([a-z0-9]([a-z0-9_-]*[a-z0-9])?)$");

  private ArtifactGenerators() {}

  static ArtifactGenerator parse(KubeObject o) {
    checkApiVersion(o, ArtifactGenerator.API_VERSION);
    String ns = namespaceOf(o);
    ArtifactGenerator.Spec spec = bind(o, ArtifactGenerator.Spec.class);
    Set<String> aliases = sources(o, spec.sourceList());
    if (spec.pathPattern() != null) {
      checkPattern(o, "spec.pathPattern", spec.pathPattern(), FROM, 1024);
    }
    List<ArtifactGenerator.OutputArtifact> artifacts = spec.artifactList();
    if (artifacts.isEmpty()) {
      throw invalid(o, "spec.artifacts", "must hold at least one artifact");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < artifacts.size(); i++) {
      String field = "spec.artifacts[" + i + "]";
      ArtifactGenerator.OutputArtifact a = artifacts.get(i);
      require(o, field + ".name", a.name());
      checkMaxLength(o, field + ".name", a.name(), 253);
      if (spec.pathPattern() == null && !SUBDOMAIN.matcher(a.name()).matches()) {
        throw invalid(o, field + ".name", "'" + a.name() + "' is not a valid Kubernetes object name");
      }
      if (!names.add(a.name())) {
        throw invalid(o, field + ".name", "duplicate artifact name '" + a.name() + "'");
      }
      checkAliasRef(o, field + ".revision", a.revision(), aliases);
      checkAliasRef(o, field + ".originRevision", a.originRevision(), aliases);
      copies(o, field, a.copyList());
    }
    return new ArtifactGenerator(o.name(), ns, spec, o.origin());
  }

  private static Set<String> sources(KubeObject o, List<ArtifactGenerator.SourceReference> sources) {
    if (sources.isEmpty()) {
      throw invalid(o, "spec.sources", "must hold at least one source");
    }
    Set<String> aliases = new HashSet<>();
    for (int i = 0; i < sources.size(); i++) {
      String field = "spec.sources[" + i + "]";
      ArtifactGenerator.SourceReference s = sources.get(i);
      require(o, field + ".alias", s.alias());
      checkPattern(o, field + ".alias", s.alias(), ALIAS, 63);
      require(o, field + ".name", s.name());
      checkPattern(o, field + ".name", s.name(), NAME, 253);
      if (s.namespace() != null) {
        checkPattern(o, field + ".namespace", s.namespace(), NAME, 63);
      }
      require(o, field + ".kind", s.kind());
      checkEnum(o, field + ".kind", s.kind(), "Bucket", "GitRepository", "OCIRepository", "HelmChart",
          ArtifactGenerator.EXTERNAL_ARTIFACT);
      if (!aliases.add(s.alias())) {
        throw invalid(o, field + ".alias", "duplicate source alias '" + s.alias() + "'");
      }
    }
    return aliases;
  }

  private static void copies(KubeObject o, String artifact, List<ArtifactGenerator.CopyOperation> ops) {
    if (ops.isEmpty()) {
      throw invalid(o, artifact + ".copy", "must hold at least one copy operation");
    }
    for (int j = 0; j < ops.size(); j++) {
      String field = artifact + ".copy[" + j + "]";
      ArtifactGenerator.CopyOperation op = ops.get(j);
      require(o, field + ".from", op.from());
      checkPattern(o, field + ".from", op.from(), FROM, 1024);
      require(o, field + ".to", op.to());
      checkPattern(o, field + ".to", op.to(), TO, 1024);
      if (op.excludeList().size() > 100) {
        throw invalid(o, field + ".exclude", "must hold at most 100 patterns");
      }
      checkEnum(o, field + ".strategy", op.strategy(), "Overwrite", "Merge", "Extract");
    }
  }

  private static void checkAliasRef(KubeObject o, String field, String value, Set<String> aliases) {
    if (value == null) {
      return;
    }
    checkPattern(o, field, value, ALIAS_REF, 64);
    if (!aliases.contains(value.substring(1))) {
      throw invalid(o, field, "source alias '" + value.substring(1) + "' not found in spec.sources");
    }
  }

  private static void checkPattern(KubeObject o, String field, String value, Pattern pattern, int max) {
    checkMaxLength(o, field, value, max);
    if (!pattern.matcher(value).matches()) {
      throw invalid(o, field, "'" + value + "' does not match " + pattern.pattern());
    }
  }
}
