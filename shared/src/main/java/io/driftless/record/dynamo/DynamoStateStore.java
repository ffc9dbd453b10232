package io.driftless.record.dynamo;

import static io.driftless.record.dynamo.RecordItems.key;
import static io.driftless.record.dynamo.RecordItems.n;
import static io.driftless.record.dynamo.RecordItems.s;
import static io.driftless.record.dynamo.TableLayout.PK;
import static io.driftless.record.dynamo.TableLayout.TTL;
import static io.driftless.record.dynamo.TableLayout.clusterKey;
import static software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure.ALL_OLD;

import io.driftless.model.GitRepository;
import io.driftless.model.Kustomization;
import io.driftless.model.KustomizationStatus;
import io.driftless.model.ObjectId;
import io.driftless.model.helm.HelmReleaseStatus;
import io.driftless.record.AppliedState;
import io.driftless.record.ClusterRecord;
import io.driftless.record.HelmRecord;
import io.driftless.record.ConcurrentUpdateException;
import io.driftless.record.EventLog;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.Lease;
import io.driftless.record.NotificationRecord;
import io.driftless.record.ReceiverRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RequestClaim;
import io.driftless.record.RootRecord;
import io.driftless.record.SourceRecord;
import io.driftless.record.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link StateStore} over one DynamoDB table (key design in infra/dynamodb/README.md). Locks,
 * status writes and webhook deliveries are conditional writes, so concurrent invocations agree
 * without any other coordination. Reads are strongly consistent.
 */
public final class DynamoStateStore implements StateStore {
  private static final AtomicLong NOTIFICATION_WRITES = new AtomicLong();
  private static final AtomicLong RECEIVER_WRITES = new AtomicLong();
  private final ListingCache<NotificationRecord> notifications = ListingCache.over(NOTIFICATION_WRITES);
  private final ListingCache<ReceiverRecord> receivers = ListingCache.over(RECEIVER_WRITES);
  private static final AtomicLong HELM_WRITES = new AtomicLong();
  /**
   * Each work item asks several times which HelmReleases its Kustomization holds and which are due: kept
   * for 2 s at most (statuses change), and until any HelmRelease item is written in this JVM.
   */
  private final ListingCache<HelmRecord> helmObjects = ListingCache.over(HELM_WRITES, Duration.ofSeconds(2));
  /** Set on a completed request. */
  private static final String DONE = "done";
  private final DynamoDbClient client;
  private final String table;
  private final Clock clock;
  private final Runnable onClose;
  private final DynamoOperations operations = new DynamoOperations();
  private final DynamoEventLog events;

  /** A store on {@code table}; closing it closes {@code client}. */
  public DynamoStateStore(DynamoDbClient client, String table, Clock clock) {
    this(client, table, clock, client::close);
  }

  DynamoStateStore(DynamoDbClient client, String table, Clock clock, Runnable onClose) {
    this.client = operations.wrap(client);
    this.table = table;
    this.clock = clock;
    this.onClose = onClose;
    this.events = new DynamoEventLog(this.client, table, clock);
  }

  /** The DynamoDB operations this store has sent so far. */
  public DynamoOperations operations() {
    return operations;
  }

  public String tableName() {
    return table;
  }

  /** Runs a write to an item type whose listing {@code cache} keeps; the listing is outdated afterwards, even if it failed. */
  private static <T> T written(ListingCache<?> cache, Supplier<T> write) {
    try {
      return write.get();
    } finally {
      cache.changed();
    }
  }

  private static void written(ListingCache<?> cache, Runnable write) {
    written(cache, () -> {
      write.run();
      return null;
    });
  }

  /** Creates the table as infra/dynamodb/table.json defines it, unless it exists. */
  public void ensureTable() {
    ensureTable(true);
  }

  /** As {@link #ensureTable()}; without the stream when {@code stream} is false (see {@link DynamoStores#embedded}). */
  void ensureTable(boolean stream) {
    TableLayout.ensureTable(client, table, stream);
  }

  @Override
  public void putCluster(ClusterRecord cluster) {
    put(RecordItems.of(cluster));
  }

  @Override
  public Optional<ClusterRecord> getCluster(String name) {
    return get(TableLayout.CLUSTER, name).map(RecordItems::cluster);
  }

  @Override
  public List<ClusterRecord> listClusters() {
    return list(TableLayout.CLUSTER, RecordItems::cluster);
  }

  @Override
  public void putRoot(RootRecord root) {
    put(RecordItems.of(root));
  }

  @Override
  public Optional<RootRecord> getRoot(String name) {
    return get(TableLayout.ROOT, name).map(RecordItems::root);
  }

  @Override
  public List<RootRecord> listRoots() {
    return list(TableLayout.ROOT, RecordItems::root);
  }

  @Override
  public void putSource(SourceRecord source) {
    Map<String, AttributeValue> item = RecordItems.of(source);
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> sets = new ArrayList<>();
    List<String> removes = new ArrayList<>();
    int i = 0;
    for (String field : RecordItems.SOURCE_FIELDS) {
      names.put("#f" + i, field);
      if (item.containsKey(field)) {
        values.put(":f" + i, item.get(field));
        sets.add("#f" + i + " = :f" + i);
      } else {
        removes.add("#f" + i);
      }
      i++;
    }
    String expression = "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
    client.updateItem(b -> b.tableName(table).key(key(TableLayout.SOURCE, source.key()))
        .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values));
  }

  @Override
  public void setSourceSuspended(String key, boolean suspended) {
    setSuspended(TableLayout.SOURCE, key, ObjectId.subject(GitRepository.KIND, key), suspended);
  }

  @Override
  public void setKustomizationSuspended(String cluster, String key, boolean suspended) {
    setSuspended(TableLayout.KUSTOMIZATION, clusterKey(cluster, key), ObjectId.subject(Kustomization.KIND, key) + " on cluster " + cluster,
        suspended);
  }

  @Override
  public Optional<SourceRecord> getSource(String key) {
    return get(TableLayout.SOURCE, key).map(RecordItems::source);
  }

  @Override
  public List<SourceRecord> listSources() {
    return list(TableLayout.SOURCE, RecordItems::source);
  }

  @Override
  public void putKustomization(
      String cluster, String key, String root, String parent, String manifest, Set<String> dependsOn) {
    new ManifestUpdate(TableLayout.KUSTOMIZATION, cluster, key, root, parent, manifest)
        .indexed(root, parent, dependsOn).send(client, table);
  }

  @Override
  public Optional<KustomizationRecord> getKustomization(String cluster, String key) {
    return get(TableLayout.KUSTOMIZATION, clusterKey(cluster, key))
        .map(RecordItems::kustomization);
  }

  @Override
  public List<KustomizationRecord> listKustomizations() {
    return list(TableLayout.KUSTOMIZATION, RecordItems::kustomization);
  }

  @Override
  public List<KustomizationRecord> childrenOf(String cluster, String parentKey) {
    return indexed(TableLayout.CHILDREN_INDEX, TableLayout.PARENT_REF, clusterKey(cluster, parentKey), item -> true);
  }

  @Override
  public List<String> childKeysOf(String cluster, String parentKey) {
    return indexQuery(TableLayout.CHILDREN_INDEX, TableLayout.PARENT_REF, clusterKey(cluster, parentKey))
        .map(item -> item.get("key").s()).toList();
  }

  @Override
  public List<KustomizationRecord> dependentsOf(String cluster, String root, String key) {
    return indexed(TableLayout.DEPENDENTS_INDEX, TableLayout.DEPENDS_ON_TREE, clusterKey(cluster, root),
        item -> item.containsKey(TableLayout.DEPENDS_ON) && item.get(TableLayout.DEPENDS_ON).ss().contains(key));
  }

  /**
   * The Kustomizations an index lists under {@code value} that {@code wanted} keeps, each read by its
   * key: an index is eventually consistent, the item itself is read as it is now (one gone meanwhile is left out).
   */
  private List<KustomizationRecord> indexed(String index, String attribute, String value,
      Predicate<Map<String, AttributeValue>> wanted) {
    return indexQuery(index, attribute, value)
        .filter(wanted)
        .map(item -> getKustomization(item.get("cluster").s(), item.get("key").s()))
        .flatMap(Optional::stream)
        .toList();
  }

  private Stream<Map<String, AttributeValue>> indexQuery(String index, String attribute, String value) {
    return client
        .queryPaginator(b -> b.tableName(table).indexName(index)
            .keyConditionExpression("#a = :v")
            .expressionAttributeNames(Map.of("#a", attribute))
            .expressionAttributeValues(Map.of(":v", s(value))))
        .items()
        .stream();
  }

  @Override
  public void deleteKustomization(String cluster, String key) {
    client.deleteItem(
        b -> b.tableName(table).key(key(TableLayout.KUSTOMIZATION, clusterKey(cluster, key))));
  }

  @Override
  public long putStatus(String cluster, String key, KustomizationStatus status, long expectedVersion,
      AppliedState applied, Duration took) {
    return writeStatus(TableLayout.KUSTOMIZATION, ObjectId.subject(Kustomization.KIND, key), cluster, key,
        StatusJson.write(status), expectedVersion, applied, took);
  }

  @Override
  public void putHelmObject(String cluster, String key, String root, String parent, String manifest) {
    written(helmObjects, () -> new ManifestUpdate(TableLayout.HELM, cluster, key, root, parent, manifest).send(client, table));
  }

  @Override
  public Optional<HelmRecord> getHelmObject(String cluster, String key) {
    return get(TableLayout.HELM, clusterKey(cluster, key)).map(RecordItems::helm);
  }

  @Override
  public List<HelmRecord> listHelmObjects() {
    return helmObjects.get(table, () -> list(TableLayout.HELM, RecordItems::helm));
  }

  @Override
  public void deleteHelmObject(String cluster, String key) {
    written(helmObjects, () -> client.deleteItem(b -> b.tableName(table).key(key(TableLayout.HELM, clusterKey(cluster, key)))));
  }

  @Override
  public void putNotification(String cluster, String key, String root, String parent, String manifest) {
    written(notifications, () -> new ManifestUpdate(TableLayout.NOTIFICATION, cluster, key, root, parent, manifest).send(client, table));
  }

  /** Every event asks for its cluster's Alerts and Providers: kept as {@link ListingCache} says. */
  @Override
  public List<NotificationRecord> listNotifications(String cluster) {
    return notifications.get(table + "|" + cluster, () -> client.queryPaginator(b -> b.tableName(table)
            .keyConditionExpression("#pk = :type AND begins_with(#sk, :cluster)")
            .expressionAttributeNames(Map.of("#pk", PK, "#sk", TableLayout.SK))
            .expressionAttributeValues(Map.of(":type", s(TableLayout.NOTIFICATION), ":cluster", s(clusterKey(cluster, ""))))
            .consistentRead(true))
        .items().stream().map(RecordItems::notification).toList());
  }

  @Override
  public void deleteNotification(String cluster, String key) {
    written(notifications, () -> client.deleteItem(b -> b.tableName(table).key(key(TableLayout.NOTIFICATION, clusterKey(cluster, key)))));
  }

  @Override
  public void setHelmSuspended(String cluster, String key, boolean suspended) {
    written(helmObjects, () -> setSuspended(TableLayout.HELM, clusterKey(cluster, key), key + " on cluster " + cluster, suspended));
  }

  /** Sets the {@code suspended} attribute of an existing item; {@code subject} names it in the error when there is none. */
  private void setSuspended(String type, String name, String subject, boolean suspended) {
    try {
      client.updateItem(b -> b.tableName(table)
          .key(key(type, name))
          .updateExpression("SET #suspended = :suspended")
          .conditionExpression("attribute_exists(#pk)")
          .expressionAttributeNames(Map.of("#suspended", "suspended", "#pk", PK))
          .expressionAttributeValues(Map.of(":suspended", AttributeValue.fromBool(suspended))));
    } catch (ConditionalCheckFailedException e) {
      throw new IllegalArgumentException(subject + " is not recorded");
    }
  }

  @Override
  public long putHelmStatus(String cluster, String key, HelmReleaseStatus status, long expectedVersion, Duration took) {
    return written(helmObjects, () -> writeStatus(TableLayout.HELM, key, cluster, key, StatusJson.write(status), expectedVersion, null, took));
  }

  /**
   * Writes {@code status} (and {@code applied}, unless null; and counts {@code took}, unless null) if
   * the item is still at {@code expectedVersion}, in one conditional update; returns the new version.
   */
  private long writeStatus(String type, String subject, String cluster, String key, String status,
      long expectedVersion, AppliedState applied, Duration took) {
    long next = expectedVersion + 1;
    Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#version", "version", "#at", "lastReconciledAt"));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":status", s(status), ":next", n(next), ":at", s(clock.instant().toString()), ":expected", n(expectedVersion)));
    String update = "SET #status = :status, #version = :next, #at = :at";
    if (applied != null) {
      update += ", #applied = :applied";
      names.put("#applied", "applied");
      values.put(":applied", RecordItems.applied(applied));
    }
    if (took != null) {
      update += DurationItems.setLast(took, names, values) + DurationItems.add(took, names, values);
    }
    String expression = update;
    try {
      client.updateItem(
          b ->
              b.tableName(table)
                  .key(key(type, clusterKey(cluster, key)))
                  .updateExpression(expression)
                  .conditionExpression("#version = :expected")
                  .expressionAttributeNames(names)
                  .expressionAttributeValues(values)
                  .returnValuesOnConditionCheckFailure(ALL_OLD));
      return next;
    } catch (ConditionalCheckFailedException e) {
      String now =
          e.hasItem() && !e.item().isEmpty()
              ? "it is at version " + RecordItems.num(e.item(), "version")
              : "it is not recorded";
      throw new ConcurrentUpdateException(
          "status of " + subject + " on cluster " + cluster + " changed since version " + expectedVersion + ": " + now);
    }
  }

  @Override
  public Optional<Lease> tryLock(String cluster, String key, String holder, Duration ttl) {
    Instant now = clock.instant();
    Lease lease = new Lease(cluster, key, holder, now.plus(ttl));
    Map<String, AttributeValue> item = key(TableLayout.LOCK, clusterKey(cluster, key));
    item.put("cluster", s(cluster));
    item.put("key", s(key));
    item.put("holder", s(holder));
    item.put("expiresAt", n(lease.expiresAt().toEpochMilli()));
    item.put(TTL, n(lease.expiresAt().getEpochSecond() + 1));
    boolean taken =
        putIf(
            item,
            "attribute_not_exists(#pk) OR expiresAt < :now OR holder = :holder",
            Map.of(":now", n(now.toEpochMilli()), ":holder", s(holder)));
    return taken ? Optional.of(lease) : Optional.empty();
  }

  @Override
  public void unlock(Lease lease) {
    try {
      client.deleteItem(
          b ->
              b.tableName(table)
                  .key(key(TableLayout.LOCK, clusterKey(lease.cluster(), lease.key())))
                  .conditionExpression("holder = :holder")
                  .expressionAttributeValues(Map.of(":holder", s(lease.holder()))));
    } catch (ConditionalCheckFailedException heldByOther) {
      // the lease expired and someone else holds it now: theirs to release
    }
  }

  @Override
  public void putReceiver(ReceiverRecord receiver) {
    written(receivers, () -> put(RecordItems.of(receiver)));
  }

  @Override
  public Optional<ReceiverRecord> getReceiver(String digest) {
    return get(TableLayout.RECEIVER, digest).map(RecordItems::receiver);
  }

  /** Every build asks which Receivers left Git: kept as {@link ListingCache} says. */
  @Override
  public List<ReceiverRecord> listReceivers() {
    return receivers.get(table, () -> list(TableLayout.RECEIVER, RecordItems::receiver));
  }

  @Override
  public void deleteReceiver(String digest) {
    written(receivers, () -> client.deleteItem(b -> b.tableName(table).key(key(TableLayout.RECEIVER, digest))));
  }

  @Override
  public boolean recordDelivery(String deliveryId, Instant now, Duration keepFor) {
    Map<String, AttributeValue> item = key(TableLayout.DELIVERY, deliveryId);
    item.put(TTL, n(now.plus(keepFor).getEpochSecond()));
    return putIf(
        item,
        "attribute_not_exists(#pk) OR #ttl < :now",
        Map.of(":now", n(now.getEpochSecond())));
  }

  @Override
  public boolean enqueue(ReconcileRequest request) {
    return putIf(RecordItems.of(request), "attribute_not_exists(#pk)", Map.of());
  }

  @Override
  public Optional<ReconcileRequest> getRequest(String id) {
    Map<String, AttributeValue> item =
        client.getItem(b -> b.tableName(table).key(requestKey(id)).consistentRead(true)).item();
    return item == null || item.isEmpty() || item.containsKey(DONE)
        ? Optional.empty() : Optional.of(RecordItems.request(item));
  }

  /** Requests not yet completed, oldest first, read from every shard. */
  @Override
  public List<ReconcileRequest> pendingRequests() {
    return requests("attribute_not_exists(#done)", Map.of());
  }

  @Override
  public List<ReconcileRequest> abandonedRequests(Instant now) {
    return requests("attribute_not_exists(#done) AND claimExpiresAt < :now", Map.of(":now", n(now.toEpochMilli())));
  }

  private List<ReconcileRequest> requests(String filter, Map<String, AttributeValue> values) {
    List<ReconcileRequest> found = new ArrayList<>();
    for (int shard = 0; shard < RequestShards.COUNT; shard++) {
      Map<String, AttributeValue> bound = new HashMap<>(values);
      bound.put(":pk", s(RequestShards.partition(shard)));
      client.queryPaginator(b -> b.tableName(table)
              .keyConditionExpression("#pk = :pk")
              .filterExpression(filter)
              .expressionAttributeNames(Map.of("#pk", PK, "#done", DONE))
              .expressionAttributeValues(bound)
              .consistentRead(true))
          .items().stream().map(RecordItems::request).forEach(found::add);
    }
    found.sort(Comparator.comparing(ReconcileRequest::requestedAt, Comparator.nullsFirst(String::compareTo))
        .thenComparing(ReconcileRequest::id));
    return found;
  }

  @Override
  public Optional<RequestClaim> claimRequest(String id, String holder, Duration ttl) {
    Instant now = clock.instant();
    Instant until = now.plus(ttl);
    try {
      Map<String, AttributeValue> item = client.updateItem(b -> b.tableName(table)
          .key(requestKey(id))
          .returnValues(ReturnValue.ALL_NEW)
          .updateExpression("SET claimedBy = :holder, claimExpiresAt = :until")
          .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#done)"
              + " AND (attribute_not_exists(claimedBy) OR claimExpiresAt < :now OR claimedBy = :holder)")
          .expressionAttributeNames(Map.of("#pk", PK, "#done", DONE))
          .expressionAttributeValues(Map.of(
              ":holder", s(holder), ":until", n(until.toEpochMilli()), ":now", n(now.toEpochMilli())))).attributes();
      return Optional.of(new RequestClaim(id, holder, until, RecordItems.request(item)));
    } catch (ConditionalCheckFailedException heldOrGone) {
      return Optional.empty();
    }
  }

  /**
   * Marks the request done; DynamoDB's TTL deletes it an hour later, so its id stays taken while its
   * wave lasts (a done item is still read, and filtered out, by {@link #pendingRequests} until then).
   */
  @Override
  public void completeRequest(String id) {
    client.updateItem(b -> b.tableName(table)
        .key(requestKey(id))
        .updateExpression("SET #done = :done, #ttl = :ttl REMOVE claimedBy, claimExpiresAt")
        .expressionAttributeNames(Map.of("#done", DONE, "#ttl", TTL))
        .expressionAttributeValues(Map.of(
            ":done", AttributeValue.fromBool(true),
            ":ttl", n(clock.instant().plus(Duration.ofHours(1)).getEpochSecond()))));
  }

  private static Map<String, AttributeValue> requestKey(String id) {
    return key(RequestShards.partitionOf(id), id);
  }

  @Override
  public EventLog events() {
    return events;
  }

  @Override
  public void close() {
    onClose.run();
  }

  private void put(Map<String, AttributeValue> item) {
    client.putItem(b -> b.tableName(table).item(item));
  }

  /** A conditional put; false when the condition failed. {@code #pk}, {@code #ttl} are bound. */
  private boolean putIf(
      Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
    try {
      client.putItem(
          b ->
              b.tableName(table)
                  .item(item)
                  .conditionExpression(condition)
                  .expressionAttributeNames(names(condition))
                  .expressionAttributeValues(values.isEmpty() ? null : values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  private static Map<String, String> names(String expression) {
    return expression.contains("#ttl") ? Map.of("#pk", PK, "#ttl", TTL) : Map.of("#pk", PK);
  }

  private Optional<Map<String, AttributeValue>> get(String type, String name) {
    Map<String, AttributeValue> item =
        client
            .getItem(b -> b.tableName(table).key(key(type, name)).consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  private <T> List<T> list(String type, Function<Map<String, AttributeValue>, T> mapper) {
    return client
        .queryPaginator(
            b ->
                b.tableName(table)
                    .keyConditionExpression("#pk = :type")
                    .expressionAttributeNames(Map.of("#pk", PK))
                    .expressionAttributeValues(Map.of(":type", s(type)))
                    .consistentRead(true))
        .items()
        .stream()
        .map(mapper)
        .toList();
  }
}
