package io.driftless.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.InventoryEntry;
import io.driftless.model.KubeObject;
import io.driftless.model.ObjectId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeSetTest {
  private static final ObjectId CM = new ObjectId("", "ConfigMap", "apps", "web");
  private static final ObjectId NS = new ObjectId("", "Namespace", "", "apps");
  private static final ObjectId DEPLOY = new ObjectId("apps", "Deployment", "apps", "web");

  @Test
  void linesReadKindNamespaceNameAndAction() {
    ChangeSet changes = new ChangeSet();
    changes.add(new ChangeSetEntry(NS, "v1", Action.CREATED));
    changes.add(new ChangeSetEntry(CM, "v1", Action.UNCHANGED));

    assertThat(changes.lines()).containsExactly("Namespace/apps created", "ConfigMap/apps/web unchanged");
  }

  @Test
  void onlyCreatedConfiguredOrDeletedCountAsChanges() {
    ChangeSet quiet = new ChangeSet();
    quiet.add(new ChangeSetEntry(CM, "v1", Action.UNCHANGED));
    quiet.add(new ChangeSetEntry(NS, "v1", Action.SKIPPED));
    ChangeSet loud = new ChangeSet();
    loud.addAll(quiet);
    loud.add(new ChangeSetEntry(DEPLOY, "v1", Action.DELETED));

    assertThat(quiet.hasChanges()).isFalse();
    assertThat(loud.hasChanges()).isTrue();
  }

  @Test
  void inventoryHoldsAppliedAndSkippedButNotDeletedObjects() {
    ChangeSet changes = new ChangeSet();
    changes.add(new ChangeSetEntry(NS, "v1", Action.SKIPPED));
    changes.add(new ChangeSetEntry(DEPLOY, "v1", Action.CONFIGURED));
    changes.add(new ChangeSetEntry(CM, "v1", Action.DELETED));

    assertThat(changes.toInventory()).containsExactly(
        new InventoryEntry("_apps__Namespace", "v1"), new InventoryEntry("apps_web_apps_Deployment", "v1"));
  }

  @Test
  void staleEntriesAreOldMinusNewIgnoringTheVersion() {
    List<InventoryEntry> old = List.of(InventoryEntry.of(DEPLOY, "v1beta1"), InventoryEntry.of(CM, "v1"));
    List<InventoryEntry> now = List.of(InventoryEntry.of(DEPLOY, "v1"));

    assertThat(Inventories.stale(old, now)).containsExactly(InventoryEntry.of(CM, "v1"));
  }

  @Test
  void ownerLabelsMarkAnObjectAndOwnershipNeedsBoth() {
    OwnerLabels owner = new OwnerLabels("apps", "flux-system");
    KubeObject o = new KubeObject(new LinkedHashMap<>(Map.of("kind", "ConfigMap")), "cm.yaml");
    owner.applyTo(o);

    assertThat(owner.ownedBy(o.labels())).isTrue();
    assertThat(owner.ownedBy(Map.of(OwnerLabels.NAME_LABEL, "apps"))).isFalse();
    assertThat(new OwnerLabels("apps", "other").ownedBy(o.labels())).isFalse();
  }

  @Test
  void kindsSortInFluxOrderWithWebhooksLast() {
    List<ObjectId> ids = new java.util.ArrayList<>(List.of(
        new ObjectId("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", "", "v"),
        new ObjectId("example.com", "Widget", "apps", "w"),
        DEPLOY, CM, new ObjectId("", "Secret", "apps", "s"), NS,
        new ObjectId("apiextensions.k8s.io", "CustomResourceDefinition", "", "widgets.example.com")));
    ids.sort(KindOrder.APPLY);

    assertThat(ids).extracting(ObjectId::kind).containsExactly("CustomResourceDefinition", "Namespace",
        "ConfigMap", "Secret", "Deployment", "Widget", "ValidatingWebhookConfiguration");
    assertThat(KindOrder.stage(new ObjectId("storage.k8s.io", "StorageClass", "", "fast"))).isEqualTo(2);
    assertThat(KindOrder.stage(NS)).isEqualTo(1);
    assertThat(KindOrder.stage(CM)).isEqualTo(3);
  }
}
