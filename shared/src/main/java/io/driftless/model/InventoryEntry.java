package io.driftless.model;

/** One inventory entry as Flux stores it: {@code id} is {@code ns_name_group_kind}, {@code v} the version. */
public record InventoryEntry(String id, String v) {

  public static InventoryEntry of(ObjectId objectId, String version) {
    return new InventoryEntry(objectId.inventoryId(), version);
  }

  public ObjectId objectId() {
    return ObjectId.parseInventoryId(id);
  }
}
