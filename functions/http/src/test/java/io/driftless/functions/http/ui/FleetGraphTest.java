package io.driftless.functions.http.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.InventoryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetGraphTest {
  private static FleetItem ks(String name, String parent, String ready, List<String> dependsOn) {
    return new FleetItem("prod", "Kustomization/flux-system/" + name, "Kustomization", "flux-system", name, "prod",
        parent == null ? null : "Kustomization/flux-system/" + parent, ready, null, null, null, null, null, null, false,
        dependsOn, 0);
  }

  private static List<String> edges(FleetGraph graph, String type) {
    return graph.edges().stream().filter(e -> e.type().equals(type)).map(e -> e.from() + " -> " + e.to()).toList();
  }

  @Test
  void parentsAndDependsOnBecomeEdgesAndADependencyNotInTheTableIsLeftOut() {
    FleetGraph graph = FleetGraph.of(List.of(
        ks("root", null, "True", List.of()),
        ks("infra", "root", "True", List.of()),
        ks("apps", "root", "False", List.of("Kustomization/flux-system/infra", "Kustomization/other/missing"))),
        Map.of());

    assertThat(edges(graph, "parent")).containsExactlyInAnyOrder(
        "prod:Kustomization/flux-system/root -> prod:Kustomization/flux-system/infra",
        "prod:Kustomization/flux-system/root -> prod:Kustomization/flux-system/apps");
    assertThat(edges(graph, "dependsOn")).containsExactly(
        "prod:Kustomization/flux-system/apps -> prod:Kustomization/flux-system/infra");
    assertThat(graph.nodes()).filteredOn(FleetGraph.Node::failing).extracting(FleetGraph.Node::label)
        .containsExactly("Kustomization/flux-system/apps");
  }

  @Test
  void objectsHangOffTheirItemUpToTheCapAndChildItemsAreNotRepeatedAsObjects() {
    List<InventoryEntry> inventory = new ArrayList<>();
    inventory.add(new InventoryEntry("flux-system_infra_kustomize.toolkit.fluxcd.io_Kustomization", "v1"));
    for (int i = 0; i < FleetGraph.OBJECTS_PER_ITEM + 3; i++) {
      inventory.add(new InventoryEntry("default_cm-" + i + "__ConfigMap", "v1"));
    }

    FleetGraph graph = FleetGraph.of(List.of(ks("root", null, "True", List.of()), ks("infra", "root", "True", List.of())),
        Map.of("prod:Kustomization/flux-system/root", inventory));

    List<String> objects = graph.nodes().stream().filter(n -> n.type().equals("object")).map(FleetGraph.Node::label).toList();
    assertThat(objects).hasSize(FleetGraph.OBJECTS_PER_ITEM + 1).contains("ConfigMap/default/cm-0").endsWith("+3 more")
        .doesNotContain("Kustomization/flux-system/infra");
    assertThat(edges(graph, "object")).hasSize(FleetGraph.OBJECTS_PER_ITEM + 1)
        .allMatch(e -> e.startsWith("prod:Kustomization/flux-system/root -> "));
  }
}
