package io.driftless.record.dynamo;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;

/**
 * Counts the DynamoDB operations a store sends, by operation name ({@code PutItem}, {@code Query}…;
 * every page of a query counts), so the costs a reconcile has are measured, not guessed. Works over
 * any {@link DynamoDbClient}, the SDK's and DynamoDB Local's in-process one alike, by wrapping it.
 */
public final class DynamoOperations {
  private static final Set<String> WRITES =
      Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");
  private static final String READ_UNITS = "read";
  private static final String WRITE_UNITS = "write";
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final Map<String, DoubleAdder> units = new ConcurrentHashMap<>();

  /** {@code client} with every operation it sends counted here. */
  DynamoDbClient wrap(DynamoDbClient client) {
    InvocationHandler handler = (proxy, method, args) -> {
      boolean builderForm = args != null && args.length == 1 && args[0] instanceof Consumer<?>;
      if (method.isDefault() && (builderForm || method.getName().endsWith("Paginator"))) {
        // the interface builds the request (or the pages) and calls back into this proxy
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      String name = null;
      if (args != null && args.length == 1 && args[0] instanceof DynamoDbRequest request) {
        name = operationName(method.getName());
        counts.computeIfAbsent(name, k -> new LongAdder()).increment();
        args = new Object[] {CapacityUnits.asked(request)};
      }
      try {
        Object response = method.invoke(client, args);
        if (name != null) {
          units.computeIfAbsent(WRITES.contains(name) ? WRITE_UNITS : READ_UNITS, k -> new DoubleAdder())
              .add(CapacityUnits.consumed(response));
        }
        return response;
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (DynamoDbClient) Proxy.newProxyInstance(
        DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, handler);
  }

  /** Operation name to count so far, sorted by name. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((name, n) -> out.put(name, n.sum()));
    return out;
  }

  /** Writes so far (puts, updates, deletes, batch and transactional writes). */
  public long writes() {
    return snapshot().entrySet().stream().filter(e -> WRITES.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
  }

  /** Reads so far (gets, queries and scans, each page counted). */
  public long reads() {
    return snapshot().entrySet().stream()
        .filter(e -> !WRITES.contains(e.getKey()) && !e.getKey().endsWith("Table") && !e.getKey().endsWith("TimeToLive"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /**
   * Read capacity units the table reported consumed so far (every read asks for {@code
   * ReturnConsumedCapacity TOTAL}): 1 per 4 KB read strongly consistently, 0.5 eventually (an index query).
   */
  public double readUnits() {
    DoubleAdder n = units.get(READ_UNITS);
    return n == null ? 0 : n.sum();
  }

  /** Write capacity units reported consumed so far, the indexes' writes included: 1 per 1 KB written. */
  public double writeUnits() {
    DoubleAdder n = units.get(WRITE_UNITS);
    return n == null ? 0 : n.sum();
  }

  /** What was sent and consumed: requests and capacity units, reads and writes apart. */
  public record Totals(long reads, long writes, double readUnits, double writeUnits) {
    /** What was sent since {@code before}. */
    public Totals minus(Totals before) {
      return new Totals(reads - before.reads, writes - before.writes, readUnits - before.readUnits,
          writeUnits - before.writeUnits);
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "%d reads (%.1f read units), %d writes (%.1f write units)",
          reads, readUnits, writes, writeUnits);
    }
  }

  /** Everything sent so far. */
  public Totals totals() {
    return new Totals(reads(), writes(), readUnits(), writeUnits());
  }

  /** How many operations of one name were sent, e.g. {@code count("PutItem")}. */
  public long count(String operation) {
    LongAdder n = counts.get(operation);
    return n == null ? 0 : n.sum();
  }

  private static String operationName(String method) {
    return Character.toUpperCase(method.charAt(0)) + method.substring(1);
  }
}
