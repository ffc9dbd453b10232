package io.driftless.functions.http.ui;

import io.driftless.model.InventoryEntry;
import io.driftless.model.ObjectId;
import io.driftless.record.HelmRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.FleetRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dependency graph {@code GET /api/graph} answers: a node per Kustomization and HelmRelease per
 * cluster and per object each applied (at most {@link #OBJECTS_PER_ITEM}, then one "+N more" node),
 * and edges {@code parent} (the Kustomization whose build held it), {@code dependsOn} (from the
 * dependent to what it waits for) and {@code object} (to what it applied). Node ids are
 * {@code cluster:Kind/namespace/name}.
 */
public record FleetGraph(List<Node> nodes, List<Edge> edges) {
  static final int OBJECTS_PER_ITEM = 12;

  /** {@code type} is {@code Kustomization}, {@code HelmRelease} or {@code object}. */
  public record Node(String id, String cluster, String type, String label, boolean failing, boolean suspended) {}

  /** {@code type} is {@code parent}, {@code dependsOn} or {@code object}. */
  public record Edge(String from, String to, String type) {}

  static FleetGraph read(FleetRecords store) {
    List<FleetItem> items = new ArrayList<>();
    Map<String, List<InventoryEntry>> inventories = new HashMap<>();
    for (KustomizationRecord k : store.listKustomizations()) {
      FleetItem item = FleetItem.of(k);
      items.add(item);
      inventories.put(nodeId(item.cluster(), item.id()), k.status() == null ? List.of() : k.status().getInventory());
    }
    for (HelmRecord h : FleetView.helmReleases(store)) {
      FleetItem item = FleetItem.of(h);
      items.add(item);
      inventories.put(nodeId(item.cluster(), item.id()), h.status() == null ? List.of() : h.status().getInventory());
    }
    items.sort(FleetView.ORDER);
    return of(items, inventories);
  }

  static FleetGraph of(List<FleetItem> items, Map<String, List<InventoryEntry>> inventories) {
    List<Node> nodes = new ArrayList<>();
    List<Edge> edges = new ArrayList<>();
    Set<String> itemIds = new HashSet<>();
    for (FleetItem item : items) {
      String id = nodeId(item.cluster(), item.id());
      itemIds.add(id);
      nodes.add(new Node(id, item.cluster(), item.kind(), item.id(), item.failing(), item.suspended()));
    }
    for (FleetItem item : items) {
      String id = nodeId(item.cluster(), item.id());
      if (item.parent() != null && itemIds.contains(nodeId(item.cluster(), item.parent()))) {
        edges.add(new Edge(nodeId(item.cluster(), item.parent()), id, "parent"));
      }
      item.dependsOn().forEach(dep -> edges.add(new Edge(id, nodeId(item.cluster(), dep), "dependsOn")));
      objects(item, id, inventories.getOrDefault(id, List.of()), itemIds, nodes, edges);
    }
    Set<String> known = new HashSet<>();
    nodes.forEach(n -> known.add(n.id()));
    return new FleetGraph(nodes, edges.stream().filter(e -> known.contains(e.from()) && known.contains(e.to())).toList());
  }

  /** The objects an item applied; Flux objects that are items themselves already hang off it as children. */
  private static void objects(FleetItem item, String id, List<InventoryEntry> inventory, Set<String> itemIds,
      List<Node> nodes, List<Edge> edges) {
    List<ObjectId> objects = inventory.stream().map(InventoryEntry::objectId)
        .filter(o -> !itemIds.contains(nodeId(item.cluster(), o.subject()))).toList();
    for (ObjectId object : objects.subList(0, Math.min(objects.size(), OBJECTS_PER_ITEM))) {
      String under = id + ">" + object.subject();
      nodes.add(new Node(under, item.cluster(), "object", object.subject(), false, false));
      edges.add(new Edge(id, under, "object"));
    }
    if (objects.size() > OBJECTS_PER_ITEM) {
      String more = id + ">more";
      nodes.add(new Node(more, item.cluster(), "object", "+" + (objects.size() - OBJECTS_PER_ITEM) + " more", false, false));
      edges.add(new Edge(id, more, "object"));
    }
  }

  static String nodeId(String cluster, String id) {
    return cluster + ":" + id;
  }
}
