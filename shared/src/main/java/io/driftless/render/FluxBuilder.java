package io.driftless.render;

import io.driftless.render.decrypt.DecryptionException;
import io.driftless.render.decrypt.SopsDecryptor;
import io.driftless.render.substitute.SubstituteOptions;
import io.driftless.render.substitute.SubstitutionException;
import io.driftless.render.substitute.VariableSubstitutor;
import io.driftless.render.kustomize.DiskFileSystem;
import io.driftless.render.kustomize.SpecKustomizer;
import io.driftless.render.kustomize.KustomizeFileSystem;
import io.driftless.render.kustomize.KustomizeOptions;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.ManifestException;
import io.driftless.model.Yaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * What kustomize-controller does around the kustomize build (flux.md §1.3 steps 7–9): build the
 * Kustomization's path with the spec's kustomize fields (generator files decrypted first, in memory),
 * then per object check apiVersion, kind and name, decrypt SOPS, run postBuild substitution and set
 * commonMetadata, and digest the result.
 */
public final class FluxBuilder {
  private final SpecKustomizer kustomize;
  /**
   * The ignore rules of each source snapshot, read once: loading them walks the whole checkout, so
   * per build they made a fleet of 1,000 Kustomizations of one repository quadratic.
   */
  private final Map<String, SourceIgnore> ignores = new ConcurrentHashMap<>();
  private static final int IGNORES_KEPT = 64;
  /** False for an offline check: SOPS-encrypted files and objects are passed on as they are in Git. */
  private final boolean decrypts;

  public FluxBuilder(KustomizeOptions options) {
    this(options, true);
  }

  private FluxBuilder(KustomizeOptions options, boolean decrypts) {
    this.kustomize = new SpecKustomizer(options);
    this.decrypts = decrypts;
  }

  /**
   * As kustomize-controller builds: overlays may read anywhere inside the source (the filesystem
   * itself is confined to the source root), never outside it.
   */
  public static FluxBuilder forSources() {
    return new FluxBuilder(KustomizeOptions.defaults().withLoadRestrictor(KustomizeOptions.LoadRestrictor.NONE));
  }

  /**
   * As {@link #forSources()}, but decrypting nothing: an object still encrypted carries its {@code sops}
   * field ({@link SopsDecryptor#isEncrypted}), for a check that runs with no keys ({@code driftless validate}).
   */
  public static FluxBuilder forSourcesWithoutDecryption() {
    return new FluxBuilder(KustomizeOptions.defaults().withLoadRestrictor(KustomizeOptions.LoadRestrictor.NONE), false);
  }

  public BuildResult build(Path sourceRoot, Kustomization ks) {
    return build(sourceRoot, ks, BuildInputs.none());
  }

  /** Render, then per object decrypt SOPS and set metadata, as kustomize-controller orders it. */
  public BuildResult build(Path sourceRoot, Kustomization ks, BuildInputs inputs) {
    return build(sourceRoot, null, ks, inputs);
  }

  /**
   * As {@link #build(Path, Kustomization, BuildInputs)}, for a snapshot whose files never change
   * while {@code snapshot} (its revision) names it: the source's ignore rules are read once for it.
   */
  public BuildResult build(Path sourceRoot, String snapshot, Kustomization ks, BuildInputs inputs) {
    String where = ks.subject();
    SopsDecryptor sops = new SopsDecryptor(inputs.keys());
    BuildReads reads = new BuildReads();
    List<KubeObject> objects;
    try {
      KustomizeFileSystem disk = new DiskFileSystem(sourceRoot);
      KustomizeFileSystem read = new IgnoringFileSystem(
          new RecordingFileSystem(disk, reads), ignoreOf(disk, sourceRoot, snapshot, inputs.sourceIgnore()));
      KustomizeFileSystem files = decrypts ? new DecryptingFileSystem(read, sops) : read;
      if (!files.isDirectory(ks.spec().normalizedPath())) {
        throw new ManifestException(ks.spec().path(), "spec.path not found in the source");
      }
      objects = kustomize.build(files, ks.spec());
    } catch (ManifestException e) {
      throw new BuildException(where + ": " + e.getMessage(), e);
    }
    List<KubeObject> out = new ArrayList<>(objects.size());
    for (KubeObject rendered : objects) {
      requireIdentity(where, rendered);
      KubeObject o = substitute(where, ks, inputs, decrypts ? decrypt(where, sops, rendered) : rendered);
      setCommonMetadata(o, ks.spec().commonMetadata());
      out.add(o);
    }
    return new BuildResult(out, digest(out), reads.entries());
  }

  private SourceIgnore ignoreOf(KustomizeFileSystem disk, Path root, String snapshot, String specIgnore) {
    if (snapshot == null) {
      return SourceIgnore.load(disk, specIgnore);
    }
    if (ignores.size() > IGNORES_KEPT) {
      ignores.clear();
    }
    return ignores.computeIfAbsent(root + "\n" + snapshot + "\n" + specIgnore, k -> SourceIgnore.load(disk, specIgnore));
  }

  private static KubeObject decrypt(String where, SopsDecryptor sops, KubeObject o) {
    if (!sops.isEncrypted(o)) {
      return o;
    }
    try {
      return sops.decryptObject(o);
    } catch (DecryptionException e) {
      throw new BuildException(where + ": " + e.getMessage(), e);
    }
  }

  /** Flux's postBuild substitution, only when the Kustomization has a postBuild section. */
  private static KubeObject substitute(String where, Kustomization ks, BuildInputs inputs, KubeObject o) {
    Kustomization.PostBuild postBuild = ks.spec().postBuild();
    if (postBuild == null) {
      return o;
    }
    try {
      SubstituteOptions options = new SubstituteOptions(true, postBuild.substituteStrategy());
      return new VariableSubstitutor(inputs.variables(), options).substitute(o);
    } catch (SubstitutionException | IllegalArgumentException e) {
      throw new BuildException(where + ": " + e.getMessage(), e);
    }
  }

  private static void requireIdentity(String where, KubeObject o) {
    for (String field : List.of("apiVersion", "kind")) {
      if (!(o.content().get(field) instanceof String s) || s.isBlank()) {
        throw new BuildException(where + ": " + o.origin() + ": object without " + field);
      }
    }
    if (o.name().isBlank()) {
      throw new BuildException(where + ": " + o.origin() + ": " + o.kind() + " without metadata.name");
    }
  }

  private static void setCommonMetadata(KubeObject o, Kustomization.CommonMetadata meta) {
    if (meta == null) {
      return;
    }
    if (meta.labels() != null) {
      meta.labels().forEach(o::setLabel);
    }
    if (meta.annotations() != null) {
      meta.annotations().forEach(o::setAnnotation);
    }
  }

  static String digest(List<KubeObject> objects) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      List<Map<String, Object>> docs = objects.stream().map(KubeObject::content).toList();
      byte[] hash = sha.digest(Yaml.writeDocuments(docs).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
