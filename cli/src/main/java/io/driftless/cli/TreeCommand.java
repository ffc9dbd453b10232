package io.driftless.cli;

import io.driftless.model.InventoryEntry;
import io.driftless.model.Kustomization;
import io.driftless.model.ObjectId;
import io.driftless.pipeline.Engine;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.view.FluxObjectDocuments;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftless tree ks NAME}, like {@code flux tree ks}: the objects a Kustomization applied (its
 * inventory), with the Flux objects its build held nested under it: each child Kustomization with
 * its own tree, each HelmRelease with the objects of its release, and the Helm sources.
 */
@Command(name = "tree", description = "Print the objects a Flux object manages as a tree, like `flux tree`.",
    subcommands = TreeCommand.Ks.class)
final class TreeCommand {

  /** One node: an object, and what it manages. */
  record Node(ObjectId id, List<Node> children) {
    Node(ObjectId id) {
      this(id, new ArrayList<>());
    }

    /** flux's JSON: {@code resource} {Name, Namespace, GroupKind} and {@code resources}. */
    Map<String, Object> document() {
      Map<String, Object> resource = new LinkedHashMap<>();
      resource.put("Namespace", id.namespace());
      resource.put("Name", id.name());
      resource.put("GroupKind", Map.of("Group", id.group(), "Kind", id.kind()));
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("resource", resource);
      if (!children.isEmpty()) {
        doc.put("resources", children.stream().map(Node::document).toList());
      }
      return doc;
    }

    String render() {
      StringBuilder out = new StringBuilder(id.subject()).append('\n');
      renderChildren(out, "");
      return out.toString();
    }

    private void renderChildren(StringBuilder out, String indent) {
      for (int i = 0; i < children.size(); i++) {
        boolean last = i == children.size() - 1;
        out.append(indent).append(last ? "└── " : "├── ").append(children.get(i).id.subject()).append('\n');
        children.get(i).renderChildren(out, indent + (last ? "    " : "│   "));
      }
    }
  }

  @Command(name = "kustomization", aliases = {"ks"}, description = "The tree of one Kustomization.")
  static final class Ks implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "Name of the Kustomization") String name;
    @Mixin Scope scope;
    @Mixin OutputFormat output;

    @Override
    public Integer call() {
      String key = scope.namespace + "/" + name;
      PrintWriter out = spec.commandLine().getOut();
      try (Engine engine = Engines.open()) {
        List<KustomizationRecord> all = engine.kustomizations();
        List<HelmRecord> helm = engine.fleet().listHelmObjects();
        List<Node> trees = all.stream()
            .filter(k -> k.key().equals(key) && (scope.cluster == null || scope.cluster.equals(k.cluster())))
            .map(k -> tree(k, all, helm)).toList();
        if (trees.isEmpty()) {
          throw new IllegalArgumentException(ObjectId.subject(Kustomization.KIND, key) + " not found"
              + (scope.cluster == null ? "" : " on cluster " + scope.cluster));
        }
        if (output.table()) {
          trees.forEach(t -> out.print(t.render()));
        } else {
          Object doc = trees.size() == 1 ? trees.get(0).document() : trees.stream().map(Node::document).toList();
          out.print(output.format == OutputFormat.Format.json ? FluxObjectDocuments.json(doc) : FluxObjectDocuments.yaml(doc));
        }
      }
      return 0;
    }
  }

  static Node tree(KustomizationRecord ks, List<KustomizationRecord> all, List<HelmRecord> helm) {
    int slash = ks.key().indexOf('/');
    Node node = new Node(new ObjectId("kustomize.toolkit.fluxcd.io", "Kustomization", ks.key().substring(0, slash),
        ks.key().substring(slash + 1)));
    if (ks.status() != null) {
      ks.status().getInventory().stream().map(InventoryEntry::objectId).map(Node::new).forEach(node.children()::add);
    }
    helm.stream().filter(h -> h.cluster().equals(ks.cluster()) && ks.key().equals(h.parent()))
        .sorted(java.util.Comparator.comparing(HelmRecord::key))
        .forEach(h -> node.children().add(helmNode(h)));
    all.stream().filter(k -> k.cluster().equals(ks.cluster()) && ks.key().equals(k.parent()))
        .sorted(java.util.Comparator.comparing(KustomizationRecord::key))
        .forEach(k -> node.children().add(tree(k, all, helm)));
    return node;
  }

  private static Node helmNode(HelmRecord h) {
    String[] parts = h.key().split("/", 3);
    String group = h.kind().equals("HelmRelease") ? "helm.toolkit.fluxcd.io" : "source.toolkit.fluxcd.io";
    Node node = new Node(new ObjectId(group, parts[0], parts[1], parts[2]));
    if (h.status() != null && h.kind().equals("HelmRelease")) {
      h.status().getInventory().stream().map(InventoryEntry::objectId).map(Node::new).forEach(node.children()::add);
    }
    return node;
  }
}
