package io.driftless.cli;

import io.driftless.apply.OwnerLabels;
import io.driftless.config.DriftlessConfig;
import io.driftless.model.FluxObjects;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.LocalSecretResolver;
import io.driftless.model.ObjectId;
import io.driftless.model.Yaml;
import io.driftless.render.BuildInputs;
import io.driftless.render.BuildResult;
import io.driftless.render.FluxBuilder;
import io.driftless.render.decrypt.DecryptionKeys;
import io.driftless.render.decrypt.Masking;
import io.driftless.render.kustomize.DiskFileSystem;
import io.driftless.render.kustomize.KustomizeOptions;
import io.driftless.render.kustomize.Kustomizer;
import io.driftless.render.kustomize.yaml.YamlWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "build", description = "Render manifests exactly as `kubectl kustomize` (or `flux build ks`) would.",
    subcommands = BuildCommand.Ks.class)
final class BuildCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Parameters(index = "0", arity = "0..1", description = "Directory with a kustomization") Path dir;
  @Option(names = "--load-restrictor", defaultValue = "LoadRestrictionsRootOnly",
      description = "LoadRestrictionsRootOnly (default) or LoadRestrictionsNone") String restrictor;

  @Override
  public Integer call() {
    if (dir == null) {
      throw new IllegalArgumentException("give a directory: driftless build DIR, or driftless build ks NAME --path DIR");
    }
    KustomizeOptions options = KustomizeOptions.defaults().withLoadRestrictor(switch (restrictor) {
      case "LoadRestrictionsRootOnly" -> KustomizeOptions.LoadRestrictor.ROOT_ONLY;
      case "LoadRestrictionsNone" -> KustomizeOptions.LoadRestrictor.NONE;
      default -> throw new IllegalArgumentException("--load-restrictor " + restrictor
          + ": want LoadRestrictionsRootOnly or LoadRestrictionsNone");
    });
    Path absolute = dir.toAbsolutePath().normalize();
    spec.commandLine().getOut().print(
        new Kustomizer(options).buildYaml(new DiskFileSystem(absolute.getRoot()), absolute.getRoot().relativize(absolute).toString()));
    return 0;
  }

  @Command(name = "kustomization", aliases = {"ks"},
      description = "Build a Flux Kustomization from a local directory, as `flux build ks`: the spec's patches, images, "
          + "namespace and prefixes, SOPS decryption (values masked unless --show-secrets), postBuild substitute, owner labels.")
  static final class Ks implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "Kustomization name, or namespace/name") String name;
    @Option(names = "--path", required = true, description = "Local directory to build (the Kustomization's path)") Path path;
    @Option(names = "--kustomization-file", description = "File holding the Kustomization (default: the registered one)") Path file;
    @Option(names = "--show-secrets", description = "Print decrypted Secret values instead of **SOPS**") boolean showSecrets;

    @Override
    public Integer call() throws Exception {
      List<Map<String, Object>> docs = new ArrayList<>();
      for (KubeObject o : build(resolve(name, file), path)) {
        boolean secret = "Secret".equals(o.kind()) && "v1".equals(o.apiVersion());
        docs.add((secret && !showSecrets ? Masking.maskSecretValues(o) : o).content());
      }
      spec.commandLine().getOut().print(YamlWriter.writeAll(docs));
      return 0;
    }

    /** The Kustomization {@code name} from {@code file}, or else as registered. */
    static Kustomization resolve(String name, Path file) throws java.io.IOException {
      return file != null ? fromFile(file, name) : registered(name);
    }

    /** {@code ks} built from the local directory {@code path} as the engine builds it, owner labels set, secrets decrypted. */
    static List<KubeObject> build(Kustomization ks, Path path) {
      Path root = path.toAbsolutePath().normalize();
      Kustomization local = new Kustomization(ks.name(), ks.namespace(), ks.spec().withPath(""), ks.origin());
      Map<String, String> inline = ks.spec().postBuild() == null || ks.spec().postBuild().substitute() == null
          ? Map.of() : ks.spec().postBuild().substitute();
      BuildResult result = FluxBuilder.forSources().build(root, local, new BuildInputs(keys(), inline));
      OwnerLabels owner = new OwnerLabels(ks.name(), ks.namespace());
      result.objects().forEach(owner::applyTo);
      return result.objects();
    }

    /** The keys registered with DRIFTLESS_SOPS_KEYS, read as the engine reads them (files, env:, ARNs). */
    private static DecryptionKeys keys() {
      Map<String, String> env = Engines.environment();
      return DecryptionKeys.fromReferences(DriftlessConfig.fromEnvironment(env).sopsKeys(), LocalSecretResolver.withAws(env));
    }

    private static Kustomization fromFile(Path file, String name) throws java.io.IOException {
      String rel = file.toString();
      for (Map<String, Object> doc : Yaml.readDocuments(rel, Files.readString(file))) {
        KubeObject o = new KubeObject(doc, rel);
        if (FluxObjects.isKustomization(o) && matches(o, name)) {
          return FluxObjects.kustomization(o);
        }
      }
      throw new IllegalArgumentException(file + ": no Kustomization named " + name);
    }

    private static boolean matches(KubeObject o, String name) {
      return name.contains("/") ? name.equals(o.namespace() + "/" + o.name()) : name.equals(o.name());
    }

    private static Kustomization registered(String name) {
      String key = name.contains("/") ? name : "flux-system/" + name;
      try (var engine = Engines.open()) {
        return engine.kustomizations().stream().filter(k -> k.key().equals(key)).findFirst()
            .map(k -> FluxObjects.kustomization(new KubeObject(Yaml.readDocuments(key, k.manifest()).get(0), key)))
            .orElseThrow(() -> new IllegalArgumentException(
                ObjectId.subject(Kustomization.KIND, key) + " is not registered; pass --kustomization-file"));
      }
    }
  }
}
