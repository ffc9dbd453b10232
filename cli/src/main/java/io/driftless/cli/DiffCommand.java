package io.driftless.cli;

import io.driftless.apply.ServerDryRun;
import io.driftless.model.InventoryEntry;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.LocalSecretResolver;
import io.driftless.model.ObjectId;
import io.driftless.pipeline.Engine;
import io.driftless.pipeline.KubeClients;
import io.driftless.record.ClusterRecord;
import io.driftless.record.KustomizationRecord;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftless diff ks NAME --path DIR}, like {@code flux diff ks}: builds the local directory as
 * the Kustomization would, server-side dry-runs each object against the cluster and prints {@code ►
 * Kind/ns/name created|drifted|skipped} (a drifted one followed by its YAML diff, Secret values
 * masked) and, when it prunes, {@code deleted} for what its inventory holds that the build no longer
 * does. Exit 0: no difference; 1: a difference; 2: an error.
 */
@Command(name = "diff", description = "Show what applying a local directory would change, like `flux diff`.",
    subcommands = DiffCommand.Ks.class)
final class DiffCommand {
  static final int NO_DIFF = 0;
  static final int DIFF = 1;
  static final int ERROR = 2;

  @Command(name = "kustomization", aliases = {"ks"},
      description = "Diff a Kustomization built from a local directory with the cluster (exit 1 when they differ).")
  static final class Ks implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "Kustomization name, or namespace/name") String name;
    @Option(names = "--path", required = true, description = "Local directory to build (the Kustomization's path)") Path path;
    @Option(names = "--kustomization-file", description = "File holding the Kustomization (default: the registered one)") Path file;
    @Option(names = "--cluster", description = "The registered cluster to compare with (default: the Kustomization's)") String cluster;
    @Option(names = "--kubeconfig", description = "Compare with this cluster instead of a registered one") Path kubeconfig;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        Kustomization ks = BuildCommand.Ks.resolve(name, file);
        List<KubeObject> objects = BuildCommand.Ks.build(ks, path);
        Optional<KustomizationRecord> recorded = recorded(ks.namespace() + "/" + ks.name());
        try (KubeClients clients = new KubeClients(LocalSecretResolver.withAws(Engines.environment()));
            KubernetesClient client = kubeconfig != null ? fromKubeconfig(kubeconfig) : null) {
          KubernetesClient target = client != null ? client : clients.forCluster(registeredCluster(recorded));
          boolean differs = diff(target, objects, out);
          if (ks.spec().pruneEnabled() && recorded.isPresent() && recorded.get().status() != null) {
            differs |= deleted(recorded.get().status().getInventory(), objects, out);
          }
          return differs ? DIFF : NO_DIFF;
        }
      } catch (Exception e) {
        spec.commandLine().getErr().println("✗ " + ErrorLine.describe(e));
        return ERROR;
      }
    }

    private static boolean diff(KubernetesClient client, List<KubeObject> objects, PrintWriter out) {
      ServerDryRun dryRun = new ServerDryRun(client);
      boolean differs = false;
      for (KubeObject object : objects) {
        if (object.apiVersion().contains("fluxcd.io/")) {
          continue; // Flux's own objects are Driftless's work items, not applied
        }
        if (skipped(object.annotations())) {
          out.println("► " + object.subject() + " skipped");
          continue;
        }
        ServerDryRun.Result result = dryRun.of(object);
        if (result.live().isEmpty()) {
          out.println("► " + object.subject() + " created");
          differs = true;
          continue;
        }
        if (result.live().get().get("metadata") instanceof Map<?, ?> m && m.get("annotations") instanceof Map<?, ?> a
            && skipped(a)) {
          out.println("► " + object.subject() + " skipped");
          continue;
        }
        String diff = YamlDiff.between(result.live().get(), result.applied().orElseThrow(), object.kind().equals("Secret"));
        if (!diff.isEmpty()) {
          out.println("► " + object.subject() + " drifted");
          out.print(diff);
          differs = true;
        }
      }
      return differs;
    }

    private static boolean deleted(List<InventoryEntry> inventory, List<KubeObject> objects, PrintWriter out) {
      Set<String> built = new HashSet<>();
      objects.forEach(o -> built.add(o.id().inventoryId()));
      boolean differs = false;
      for (InventoryEntry e : inventory) {
        if (!built.contains(e.id())) {
          ObjectId id = e.objectId();
          out.println("► " + id.subject() + " deleted");
          differs = true;
        }
      }
      return differs;
    }

    private static boolean skipped(Map<?, ?> annotations) {
      return "disabled".equals(annotations.get("kustomize.toolkit.fluxcd.io/reconcile"))
          || "Ignore".equals(annotations.get("kustomize.toolkit.fluxcd.io/ssa"));
    }

    private Optional<KustomizationRecord> recorded(String key) {
      try (Engine engine = Engines.open()) {
        return engine.kustomizations().stream()
            .filter(k -> k.key().equals(key) && (cluster == null || cluster.equals(k.cluster()))).findFirst();
      }
    }

    private ClusterRecord registeredCluster(Optional<KustomizationRecord> recorded) {
      String wanted = cluster != null ? cluster : recorded.map(KustomizationRecord::cluster).orElseThrow(() ->
          new IllegalArgumentException(ObjectId.subject(Kustomization.KIND, name) + " is not registered: give --cluster or --kubeconfig"));
      try (Engine engine = Engines.open()) {
        return engine.fleet().getCluster(wanted)
            .orElseThrow(() -> new IllegalArgumentException("cluster " + wanted + " is not registered"));
      }
    }

    private static KubernetesClient fromKubeconfig(Path kubeconfig) throws java.io.IOException {
      if (!Files.isRegularFile(kubeconfig)) {
        throw new IllegalArgumentException("--kubeconfig " + kubeconfig + ": file not found");
      }
      return new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString())).build();
    }
  }
}
