package io.driftless.cli;

import io.driftless.config.Tenancy;
import io.driftless.model.FluxObjects;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.helm.ArtifactGenerator;
import io.driftless.model.helm.HelmObjects;
import io.driftless.pipeline.Bootstrap;
import io.driftless.pipeline.FluxRefusals;
import io.driftless.pipeline.FluxRefusals.Verdict;
import io.driftless.render.BuildInputs;
import io.driftless.render.BuildResult;
import io.driftless.render.FluxBuilder;
import io.driftless.render.decrypt.DecryptionKeys;
import io.driftless.render.decrypt.SopsDecryptor;
import io.driftless.render.substitute.SubstitutionVariables;
import io.driftless.source.artifact.ArtifactBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A repository checkout's Flux tree walked offline as the engine walks it: a start path built as the
 * root Kustomization {@code flux-system/flux-system}, then every Kustomization of a build whose
 * {@code sourceRef} is that root's GitRepository built at its {@code spec.path} in turn (its patches,
 * namespace, images and postBuild substitution with the variables {@code substitute} gives inline and those
 * of {@code substituteFrom} objects found in the builds; others are left unset, as Flux leaves an optional
 * one). Every Flux object met goes through {@link FluxRefusals}. Nothing is decrypted: a SOPS-encrypted
 * object is counted as not checked.
 */
final class FluxTreeCheck {
  /** One refusal: {@code file: Kind/ns/name: field: message}. */
  record Line(String file, String subject, String field, String message) {
    @Override
    public String toString() {
      return file + ": " + subject + ": " + field + ": " + message;
    }
  }

  /** What a walk found. */
  static final class Result {
    final List<Line> refusals = new ArrayList<>();
    final List<Line> buildFailures = new ArrayList<>();
    final Map<Verdict, Integer> objects = new EnumMap<>(Verdict.class);
    final Map<String, Integer> unreadKinds = new LinkedHashMap<>();
    int encrypted;
    int kustomizationsBuilt;
    int notFollowed;
    /** The directories the builds listed or read a file of, relative to the checkout. */
    final Set<String> readDirs = new LinkedHashSet<>();

    int checked() {
      return objects.getOrDefault(Verdict.CHECKED, 0);
    }

    /** Refusals by kind and field ({@code HelmRelease spec.install.strategy}), most first, ties by name. */
    Map<String, Integer> byField() {
      Map<String, Integer> counts = new java.util.TreeMap<>();
      refusals.forEach(l -> counts.merge(l.subject().substring(0, l.subject().indexOf('/')) + " " + l.field(), 1,
          Integer::sum));
      Map<String, Integer> sorted = new LinkedHashMap<>();
      counts.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .forEach(e -> sorted.put(e.getKey(), e.getValue()));
      return sorted;
    }
  }

  private static final SopsDecryptor NO_KEYS = new SopsDecryptor(DecryptionKeys.empty());

  private final Path repo;
  private final Map<String, Path> sources;
  private final Tenancy tenancy;
  private final Consumer<String> notes;
  private final FluxBuilder builder = FluxBuilder.forSourcesWithoutDecryption();
  /** ConfigMaps and Secrets met in the builds so far, by {@code namespace/Kind/name}: substituteFrom's offline store. */
  private final Map<String, Map<String, String>> variableSources = new LinkedHashMap<>();
  private final Set<String> visited = new LinkedHashSet<>();
  private final List<ArtifactGenerator> generators = new ArrayList<>();
  private Path artifactStore;

  /**
   * {@code sources}: checkouts of other GitRepositories ({@code namespace/name} to a directory), whose
   * Kustomizations are walked too.
   */
  FluxTreeCheck(Path repo, Map<String, Path> sources, Tenancy tenancy, Consumer<String> notes) {
    this.repo = repo.toAbsolutePath().normalize();
    this.sources = sources;
    this.tenancy = tenancy;
    this.notes = notes;
  }

  /** Walks the tree whose root Kustomization builds {@code path} (relative to the checkout) into {@code result}. */
  void walk(String path, Result result) {
    Deque<Map.Entry<Kustomization, Path>> queue = new ArrayDeque<>();
    List<Kustomization> fromArtifacts = new ArrayList<>();
    visited.clear(); // each path is one cluster's tree: what two trees share is reconciled in both
    generators.clear();
    variableSources.clear();
    queue.add(Map.entry(root(path), repo));
    while (!queue.isEmpty() || !fromArtifacts.isEmpty()) {
      if (queue.isEmpty()) {
        // an ExternalArtifact's generator may be declared anywhere in the root's tree: resolved once it is walked
        fromArtifacts.forEach(ks -> artifactRoot(ks, result).ifPresent(root -> buildOnce(ks, root, result, queue,
            fromArtifacts)));
        fromArtifacts.clear();
        continue;
      }
      Map.Entry<Kustomization, Path> next = queue.poll();
      buildOnce(next.getKey(), next.getValue(), result, queue, fromArtifacts);
    }
  }

  private void buildOnce(Kustomization ks, Path source, Result result, Deque<Map.Entry<Kustomization, Path>> queue,
      List<Kustomization> fromArtifacts) {
    if (!visited.add(ks.key() + "@" + ks.spec().normalizedPath())) {
      return;
    }
    for (Kustomization child : build(ks, source, result)) {
      if (ArtifactGenerator.EXTERNAL_ARTIFACT.equals(child.spec().sourceRef().kind())) {
        fromArtifacts.add(child);
      } else {
        boolean git = "GitRepository".equals(child.spec().sourceRef().kind());
        Path checkout = isRootSource(child) ? repo : git ? sources.get(sourceKey(child)) : null;
        if (checkout == null) {
          notFollowed(child, result, git ? "not this checkout (give it with --source " + sourceKey(child) + "=DIR)"
              : "not a Git checkout");
        } else {
          queue.add(Map.entry(child, checkout));
        }
      }
    }
  }

  /**
   * The files of the ExternalArtifact {@code ks} builds from, made by {@link ArtifactBuilder} as the engine
   * makes them, when an ArtifactGenerator met in the walk declares it and every one of its sources is the root.
   */
  private java.util.Optional<Path> artifactRoot(Kustomization ks, Result result) {
    String key = sourceKey(ks);
    String ns = key.substring(0, key.indexOf('/'));
    String name = key.substring(key.indexOf('/') + 1);
    ArtifactGenerator generator = generators.stream()
        .filter(g -> g.namespace().equals(ns) && g.artifact(name).isPresent()).findFirst().orElse(null);
    if (generator == null || !generator.spec().sourceList().stream().allMatch(src -> "GitRepository".equals(src.kind())
        && Bootstrap.ROOT_SOURCE_KEY.equals(src.namespaceOr(generator.namespace()) + "/" + src.name()))) {
      notFollowed(ks, result, generator == null ? "no ArtifactGenerator of the tree declares it"
          : generator.subject() + " reads another source than this checkout");
      return java.util.Optional.empty();
    }
    Map<String, Path> roots = new LinkedHashMap<>();
    Map<String, String> revisions = new LinkedHashMap<>();
    generator.spec().sourceList().forEach(src -> {
      roots.put(src.alias(), repo);
      revisions.put(src.alias(), "checkout@sha1:0000000000000000000000000000000000000000");
    });
    try {
      return java.util.Optional.of(artifacts().build(generator, generator.artifact(name).orElseThrow(), roots, revisions)
          .root());
    } catch (RuntimeException e) {
      result.buildFailures.add(new Line(ks.origin(), "Kustomization/" + ks.key(), "spec.sourceRef", e.getMessage()));
      return java.util.Optional.empty();
    }
  }

  private ArtifactBuilder artifacts() {
    try {
      if (artifactStore == null) {
        artifactStore = java.nio.file.Files.createTempDirectory("driftless-validate-");
        artifactStore.toFile().deleteOnExit();
      }
      return new ArtifactBuilder(artifactStore);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void notFollowed(Kustomization ks, Result result, String why) {
    result.notFollowed++;
    notes.accept(ks.origin() + ": Kustomization/" + ks.key() + ": spec.sourceRef " + ks.spec().sourceRef().kind() + "/"
        + sourceKey(ks) + " not followed: " + why);
  }

  /** The root as {@code driftless bootstrap --path} registers it. */
  static Kustomization root(String path) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("interval", "10m");
    spec.put("path", "./" + path.replaceFirst("^\\./", ""));
    spec.put("prune", true);
    spec.put("sourceRef", Map.of("kind", "GitRepository", "name", "flux-system"));
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("apiVersion", "kustomize.toolkit.fluxcd.io/v1");
    o.put("kind", "Kustomization");
    o.put("metadata", Map.of("name", "flux-system", "namespace", "flux-system"));
    o.put("spec", spec);
    return FluxObjects.kustomization(new KubeObject(o, "(driftless validate --path " + path + ")"));
  }

  /** Builds {@code ks}, checks what it holds and returns the Kustomizations of the same source to build next. */
  private List<Kustomization> build(Kustomization ks, Path source, Result result) {
    BuildResult built;
    String prefix = source.equals(repo) ? "" : "@" + sourceKey(ks) + "/";
    try {
      built = builder.build(source, ks, new BuildInputs(DecryptionKeys.empty(), variables(ks)));
    } catch (RuntimeException e) {
      result.buildFailures.add(new Line(ks.origin(), "Kustomization/" + ks.key(), "spec.path", e.getMessage()));
      return List.of();
    }
    result.kustomizationsBuilt++;
    for (String entry : source.equals(repo) ? built.reads() : List.<String>of()) {
      String path = entry.substring(2);
      if (entry.startsWith("l:")) {
        result.readDirs.add(path);
      } else if (entry.startsWith("r:")) {
        result.readDirs.add(path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "");
      }
    }
    List<Kustomization> next = new ArrayList<>();
    for (KubeObject o : built.objects()) {
      if (NO_KEYS.isEncrypted(o)) {
        result.encrypted++;
        continue;
      }
      remember(o);
      Verdict verdict = FluxRefusals.verdict(o, built.objects());
      result.objects.merge(verdict, 1, Integer::sum);
      if (verdict == Verdict.UNREAD_FLUX_KIND) {
        result.unreadKinds.merge(o.kind(), 1, Integer::sum);
      }
      if (verdict != Verdict.CHECKED) {
        continue;
      }
      List<FluxRefusals.Refusal> refusals = FluxRefusals.of(o, tenancy);
      refusals.forEach(r -> result.refusals.add(new Line(prefix + o.origin(), o.subject(), r.field(), r.message())));
      if (FluxObjects.isKustomization(o) && parses(o)) { // a refused one is walked too, so that all below it is counted
        Kustomization child = FluxObjects.kustomization(o);
        next.add(child);
      } else if (refusals.isEmpty() && HelmObjects.parse(o).orElse(null) instanceof ArtifactGenerator g) {
        generators.add(g);
      }
    }
    return next;
  }

  private static boolean parses(KubeObject o) {
    try {
      FluxObjects.kustomization(o);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean isRootSource(Kustomization ks) {
    return "GitRepository".equals(ks.spec().sourceRef().kind()) && Bootstrap.ROOT_SOURCE_KEY.equals(sourceKey(ks));
  }

  private static String sourceKey(Kustomization ks) {
    Kustomization.SourceRef ref = ks.spec().sourceRef();
    String ns = ref.namespace() == null || ref.namespace().isBlank() ? ks.namespace() : ref.namespace();
    return ns + "/" + ref.name();
  }

  /** postBuild variables: substituteFrom objects met in the builds, in list order, then inline substitute. */
  private Map<String, String> variables(Kustomization ks) {
    Kustomization.PostBuild post = ks.spec().postBuild();
    if (post == null) {
      return Map.of();
    }
    List<Map<String, String>> from = new ArrayList<>();
    for (Kustomization.SubstituteReference ref : post.substituteFrom() == null
        ? List.<Kustomization.SubstituteReference>of() : post.substituteFrom()) {
      Map<String, String> data = variableSources.get(ks.namespace() + "/" + ref.kind() + "/" + ref.name());
      if (data == null) {
        notes.accept(ks.origin() + ": Kustomization/" + ks.key() + ": spec.postBuild.substituteFrom " + ref.kind() + "/"
            + ks.namespace() + "/" + ref.name() + " is not in the checkout: its variables are left unset, as Flux"
            + " leaves those of an optional one");
      } else {
        from.add(data);
      }
    }
    return SubstitutionVariables.merge(from, post.substitute() == null ? Map.of() : post.substitute());
  }

  @SuppressWarnings("unchecked")
  private void remember(KubeObject o) {
    boolean configMap = "ConfigMap".equals(o.kind());
    if (!"v1".equals(o.apiVersion()) || !(configMap || "Secret".equals(o.kind()))) {
      return;
    }
    Map<String, String> data = new LinkedHashMap<>();
    if (o.content().get("data") instanceof Map<?, ?> d) {
      d.forEach((k, v) -> data.put(String.valueOf(k), configMap ? String.valueOf(v) : decoded(v)));
    }
    if (!configMap && o.content().get("stringData") instanceof Map<?, ?> d) {
      d.forEach((k, v) -> data.put(String.valueOf(k), String.valueOf(v)));
    }
    variableSources.put(o.namespace() + "/" + o.kind() + "/" + o.name(), data);
  }

  private static String decoded(Object value) {
    try {
      return new String(Base64.getDecoder().decode(String.valueOf(value).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
