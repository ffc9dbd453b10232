package io.driftless.record.dynamo;

import static io.driftless.record.dynamo.TableLayout.PK;
import static io.driftless.record.dynamo.TableLayout.SK;

import io.driftless.model.Kustomization;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.ObjectId;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.AppliedState;
import io.driftless.record.ClusterRecord;
import io.driftless.record.HelmRecord;
import io.driftless.record.NotificationRecord;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.ReceiverRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.SourceRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps each record to its item and back. Null fields are left out of the item. */
final class RecordItems {
  private RecordItems() {}

  static Map<String, AttributeValue> key(String type, String name) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put(PK, s(type));
    key.put(SK, s(name));
    return key;
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  static long num(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
  }

  static Map<String, AttributeValue> of(ClusterRecord c) {
    Map<String, AttributeValue> item = key(TableLayout.CLUSTER, c.name());
    putIfPresent(item, "name", c.name());
    putIfPresent(item, "kubeconfigPath", c.kubeconfigPath());
    putIfPresent(item, "context", c.context());
    putIfPresent(item, "secretArn", c.secretArn());
    return item;
  }

  static ClusterRecord cluster(Map<String, AttributeValue> item) {
    return new ClusterRecord(
        str(item, "name"),
        str(item, "kubeconfigPath"),
        str(item, "context"),
        str(item, "secretArn"));
  }

  static Map<String, AttributeValue> of(RootRecord r) {
    Map<String, AttributeValue> item = key(TableLayout.ROOT, r.name());
    putIfPresent(item, "name", r.name());
    putIfPresent(item, "url", r.url());
    putIfPresent(item, "branch", r.branch());
    putIfPresent(item, "path", r.path());
    putIfPresent(item, "cluster", r.cluster());
    putIfPresent(item, "webhookSecretRef", r.webhookSecretRef());
    putIfPresent(item, "credentialRef", r.credentialRef());
    return item;
  }

  static RootRecord root(Map<String, AttributeValue> item) {
    return new RootRecord(
        str(item, "name"),
        str(item, "url"),
        str(item, "branch"),
        str(item, "path"),
        str(item, "cluster"),
        str(item, "webhookSecretRef"),
        str(item, "credentialRef"));
  }

  /** The attributes a source's put writes; {@code suspended} is left to {@code setSourceSuspended}. */
  static final java.util.List<String> SOURCE_FIELDS =
      java.util.List.of("key", "root", "url", "manifest", "credentialRef", "lastRevision", "lastFetchedAt");

  static Map<String, AttributeValue> of(SourceRecord r) {
    Map<String, AttributeValue> item = key(TableLayout.SOURCE, r.key());
    putIfPresent(item, "key", r.key());
    putIfPresent(item, "root", r.root());
    putIfPresent(item, "url", r.url());
    putIfPresent(item, "manifest", r.manifest());
    putIfPresent(item, "credentialRef", r.credentialRef());
    putIfPresent(item, "lastRevision", r.lastRevision());
    putIfPresent(item, "lastFetchedAt", r.lastFetchedAt());
    return item;
  }

  static SourceRecord source(Map<String, AttributeValue> item) {
    return new SourceRecord(
        str(item, "key"),
        str(item, "root"),
        str(item, "url"),
        str(item, "manifest"),
        str(item, "credentialRef"),
        str(item, "lastRevision"),
        str(item, "lastFetchedAt"),
        bool(item, "suspended", false));
  }

  static KustomizationRecord kustomization(Map<String, AttributeValue> item) {
    String cluster = str(item, "cluster");
    String key = str(item, "key");
    String status = str(item, "status");
    return new KustomizationRecord(
        cluster,
        key,
        str(item, "root"),
        str(item, "parent"),
        str(item, "manifest"),
        status == null
            ? new KustomizationStatus()
            : StatusJson.read(ObjectId.subject(Kustomization.KIND, key) + " on cluster " + cluster, status),
        str(item, "lastReconciledAt"),
        num(item, "version"),
        applied(item.get("applied")),
        bool(item, "suspended", false),
        DurationItems.read(item));
  }

  /** An {@link AppliedState} as one map attribute of the work item. */
  static AttributeValue applied(AppliedState a) {
    Map<String, AttributeValue> m = new java.util.HashMap<>(Map.of(
        "buildDigest", s(a.buildDigest()), "inventoryDigest", s(a.inventoryDigest()), "appliedAt", s(a.appliedAt())));
    if (a.judgedByPaths()) {
      m.put("commit", s(a.commit()));
      m.put("specDigest", s(a.specDigest()));
      m.put("reads", s(String.join("\n", a.reads())));
    }
    return AttributeValue.fromM(m);
  }

  private static AppliedState applied(AttributeValue v) {
    if (v == null || !v.hasM()) {
      return null;
    }
    Map<String, AttributeValue> m = v.m();
    String reads = str(m, "reads");
    return new AppliedState(str(m, "buildDigest"), str(m, "inventoryDigest"), str(m, "appliedAt"),
        str(m, "commit"), str(m, "specDigest"), reads == null || reads.isEmpty() ? List.of() : List.of(reads.split("\n")));
  }

  static NotificationRecord notification(Map<String, AttributeValue> item) {
    return new NotificationRecord(
        str(item, "cluster"), str(item, "key"), str(item, "root"), str(item, "parent"), str(item, "manifest"));
  }

  static HelmRecord helm(Map<String, AttributeValue> item) {
    String cluster = str(item, "cluster");
    String key = str(item, "key");
    String status = str(item, "status");
    return new HelmRecord(
        cluster,
        key,
        str(item, "root"),
        str(item, "parent"),
        str(item, "manifest"),
        status == null
            ? new HelmReleaseStatus()
            : StatusJson.read(key + " on cluster " + cluster, status, HelmReleaseStatus.class),
        str(item, "lastReconciledAt"),
        num(item, "version"),
        bool(item, "suspended", false),
        DurationItems.read(item));
  }

  static Map<String, AttributeValue> of(ReconcileRequest r) {
    Map<String, AttributeValue> item = key(RequestShards.partitionOf(r.id()), r.id());
    putIfPresent(item, "id", r.id());
    putIfPresent(item, "kind", r.kind());
    putIfPresent(item, "target", r.target());
    putIfPresent(item, "cluster", r.cluster());
    putIfPresent(item, "reason", r.reason());
    putIfPresent(item, "requestedAt", r.requestedAt());
    putIfPresent(item, "wave", r.wave());
    item.put("forced", AttributeValue.fromBool(r.forced()));
    item.put("withSource", AttributeValue.fromBool(r.withSource()));
    if (r.forcedTree()) {
      item.put("forcedTree", AttributeValue.fromBool(true));
    }
    return item;
  }

  static ReconcileRequest request(Map<String, AttributeValue> item) {
    return new ReconcileRequest(
        str(item, "id"),
        str(item, "kind"),
        str(item, "target"),
        str(item, "cluster"),
        str(item, "reason"),
        str(item, "requestedAt"),
        str(item, "wave"),
        bool(item, "forced", false),
        bool(item, "withSource", true),
        bool(item, "forcedTree", false));
  }

  private static boolean bool(Map<String, AttributeValue> item, String name, boolean absent) {
    AttributeValue v = item.get(name);
    return v == null || v.bool() == null ? absent : v.bool();
  }

  static Map<String, AttributeValue> of(ReceiverRecord r) {
    Map<String, AttributeValue> item = key(TableLayout.RECEIVER, r.digest());
    putIfPresent(item, "cluster", r.cluster());
    putIfPresent(item, "key", r.key());
    putIfPresent(item, "root", r.root());
    putIfPresent(item, "parent", r.parent());
    putIfPresent(item, "manifest", r.manifest());
    return item;
  }

  static ReceiverRecord receiver(Map<String, AttributeValue> item) {
    return new ReceiverRecord(str(item, SK), str(item, "cluster"), str(item, "key"), str(item, "root"),
        str(item, "parent"), str(item, "manifest"));
  }
}
