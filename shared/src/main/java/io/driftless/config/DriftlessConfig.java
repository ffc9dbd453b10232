package io.driftless.config;

import io.driftless.model.Durations;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every configuration key of Driftless, read once into typed values. The functions fill it from
 * Quarkus configuration ({@code driftless.data-dir} or {@code DRIFTLESS_DATA_DIR}), the CLI from the
 * environment; the defaults are in {@link Key} and nowhere else, and docs/configuration.md's table is checked
 * against it.
 *
 * @param table the DynamoDB table holding the state; empty: the embedded store
 * @param dataDir where the embedded store keeps its data
 * @param dynamoDbEndpoint where to reach {@code table} instead of AWS (DynamoDB Local over HTTP)
 * @param cacheDir the Git cache, reused across warm invocations
 * @param dispatch who runs queued reconciles
 * @param gitTimeout the timeout of one Git operation
 * @param sopsKeys SOPS keys registered by reference: age identity files, {@code *.asc} PGP keys,
 *     {@code env:NAME} or Secrets Manager ARNs
 * @param workers how queued work runs: local workers, lease time to live, how often the queue is drained
 * @param throughput how much runs at once, and how fast Driftless may call an API server
 * @param tenancy the multi-tenancy lockdown: cross-namespace references, the default service account
 * @param notifyAllowPrivateNetworks whether notification Providers may reach loopback and private
 *     addresses (on-premises receivers); link-local and cloud metadata addresses never
 */
public record DriftlessConfig(
    Optional<String> table,
    Path dataDir,
    Optional<URI> dynamoDbEndpoint,
    Path cacheDir,
    Dispatch dispatch,
    Duration gitTimeout,
    List<String> sopsKeys,
    Workers workers,
    Throughput throughput,
    Tenancy tenancy,
    boolean notifyAllowPrivateNetworks) {

  /**
   * How queued work runs. {@code count}: the local dispatcher's workers, each running one work item
   * (one Kustomization on one cluster) at a time. {@code leaseTtl}: how long a lease or a request's
   * claim lasts without renewal; a heartbeat renews it every third of that while the run is alive,
   * so a killed run is taken over within this time. {@code drainInterval}: how often {@code serve}
   * looks for queued requests left by a run that died.
   */
  public record Workers(int count, Duration leaseTtl, Duration drainInterval) {
    public Workers {
      if (count < 1) {
        throw new ConfigException(Key.WORKERS.env() + ": " + count + " workers: at least 1 is needed");
      }
      if (leaseTtl.toMillis() < 3) {
        throw new ConfigException(Key.LEASE_TTL.env() + ": " + leaseTtl + " is too short to renew");
      }
      if (drainInterval.isNegative() || drainInterval.isZero()) {
        throw new ConfigException(Key.DRAIN_INTERVAL.env() + ": " + drainInterval + " must be positive");
      }
    }
  }

  /**
   * How much work runs at once and how hard an API server is called.
   *
   * @param concurrency Kustomizations of one cluster reconciled at once (dependsOn and parent order kept)
   * @param clusterConcurrency roots (each on its cluster) reconciled at once by one tick
   * @param kubeApiQps requests per second to one API server, on average, per client
   * @param kubeApiBurst requests sent at once before {@code kubeApiQps} holds them back
   */
  public record Throughput(int concurrency, int clusterConcurrency, double kubeApiQps, int kubeApiBurst) {
    public Throughput {
      if (concurrency < 1 || clusterConcurrency < 1 || kubeApiBurst < 1 || !(kubeApiQps > 0)) {
        throw new IllegalArgumentException("concurrency, QPS and burst must be positive");
      }
    }
  }

  /** Who runs the reconciles a webhook or a bootstrap queues. */
  public enum Dispatch {
    /** A worker thread in this process. */
    LOCAL,
    /** The table's stream, which invokes the reconcile Lambda. */
    STREAM
  }

  /** The keys, each with its default: the one place defaults are written. */
  public enum Key {
    TABLE("DRIFTLESS_TABLE", null, "unset"),
    DATA_DIR("DRIFTLESS_DATA_DIR", ".driftless/data", "`.driftless/data`"),
    DYNAMODB_ENDPOINT("DRIFTLESS_DYNAMODB_ENDPOINT", null, "unset"),
    CACHE_DIR("DRIFTLESS_CACHE_DIR", null, "`$TMPDIR/driftless/sources`"),
    DISPATCH("DRIFTLESS_DISPATCH", null, "`local`, or `stream` with a table"),
    GIT_TIMEOUT("DRIFTLESS_GIT_TIMEOUT", "60s", "`60s`"),
    SOPS_KEYS("DRIFTLESS_SOPS_KEYS", null, "unset"),
    WORKERS("DRIFTLESS_WORKERS", "4", "`4`"),
    LEASE_TTL("DRIFTLESS_LEASE_TTL", "10s", "`10s`"),
    DRAIN_INTERVAL("DRIFTLESS_DRAIN_INTERVAL", "2s", "`2s`"),
    CONCURRENCY("DRIFTLESS_CONCURRENCY", "4", "`4`"),
    CLUSTER_CONCURRENCY("DRIFTLESS_CLUSTER_CONCURRENCY", "4", "`4`"),
    KUBE_API_QPS("DRIFTLESS_KUBE_API_QPS", "200", "`200`"),
    KUBE_API_BURST("DRIFTLESS_KUBE_API_BURST", "400", "`400`"),
    NO_CROSS_NAMESPACE_REFS("DRIFTLESS_NO_CROSS_NAMESPACE_REFS", "false", "`false`"),
    DEFAULT_SERVICE_ACCOUNT("DRIFTLESS_DEFAULT_SERVICE_ACCOUNT", null, "unset"),
    NO_REMOTE_BASES("DRIFTLESS_NO_REMOTE_BASES", "true", "`true`"),
    DEFAULT_DECRYPTION_SERVICE_ACCOUNT("DRIFTLESS_DEFAULT_DECRYPTION_SERVICE_ACCOUNT", null, "unset"),
    NOTIFY_ALLOW_PRIVATE_NETWORKS("DRIFTLESS_NOTIFY_ALLOW_PRIVATE_NETWORKS", "false", "`false`"),
    /** Read by the HTTP app only (functions/http): the bearer token its function routes need. */
    API_TOKEN("DRIFTLESS_API_TOKEN", null, "unset");

    private final String env;
    private final String defaultValue;
    private final String documentedDefault;

    Key(String env, String defaultValue, String documentedDefault) {
      this.env = env;
      this.defaultValue = defaultValue;
      this.documentedDefault = documentedDefault;
    }

    /** The environment variable, e.g. {@code DRIFTLESS_DATA_DIR}. */
    public String env() {
      return env;
    }

    /** The Quarkus property, e.g. {@code driftless.data-dir}. */
    public String property() {
      return "driftless." + env.substring("DRIFTLESS_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The default as docs/configuration.md's table states it. */
    public String documentedDefault() {
      return documentedDefault;
    }
  }

  public DriftlessConfig {
    sopsKeys = List.copyOf(sopsKeys);
  }

  /** Every key at its default: no table, the embedded store in {@code .driftless/data}. */
  public static DriftlessConfig defaults() {
    return read(key -> Optional.empty());
  }

  /** From environment variables (blank counts as unset). */
  public static DriftlessConfig fromEnvironment(Map<String, String> env) {
    return read(key -> Optional.ofNullable(env.get(key.env())));
  }

  /**
   * Reads each key's text from {@code source} (empty or blank: unset, so its default applies) and
   * parses it; a value that cannot be used is a {@link ConfigException} naming the key.
   */
  public static DriftlessConfig read(Function<Key, Optional<String>> source) {
    Map<Key, String> text = new EnumMap<>(Key.class);
    for (Key key : Key.values()) {
      source.apply(key).map(String::strip).filter(v -> !v.isEmpty())
          .or(() -> Optional.ofNullable(key.defaultValue))
          .ifPresent(value -> text.put(key, value));
    }
    Optional<String> table = Optional.ofNullable(text.get(Key.TABLE));
    return new DriftlessConfig(
        table,
        Path.of(text.get(Key.DATA_DIR)),
        Optional.ofNullable(text.get(Key.DYNAMODB_ENDPOINT)).map(v -> parse(Key.DYNAMODB_ENDPOINT, v, URI::create)),
        // the temp dir: kept across warm Lambda invocations
        Optional.ofNullable(text.get(Key.CACHE_DIR)).map(Path::of)
            .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "driftless", "sources")),
        Optional.ofNullable(text.get(Key.DISPATCH)).map(DriftlessConfig::dispatch)
            .orElse(table.isPresent() ? Dispatch.STREAM : Dispatch.LOCAL),
        parse(Key.GIT_TIMEOUT, text.get(Key.GIT_TIMEOUT), Durations::parse),
        Optional.ofNullable(text.get(Key.SOPS_KEYS)).map(DriftlessConfig::list).orElse(List.of()),
        new Workers(
            parse(Key.WORKERS, text.get(Key.WORKERS), Integer::parseInt),
            parse(Key.LEASE_TTL, text.get(Key.LEASE_TTL), Durations::parse),
            parse(Key.DRAIN_INTERVAL, text.get(Key.DRAIN_INTERVAL), Durations::parse)),
        new Throughput(
            positive(Key.CONCURRENCY, text.get(Key.CONCURRENCY)),
            positive(Key.CLUSTER_CONCURRENCY, text.get(Key.CLUSTER_CONCURRENCY)),
            parse(Key.KUBE_API_QPS, text.get(Key.KUBE_API_QPS), DriftlessConfig::positiveRate),
            positive(Key.KUBE_API_BURST, text.get(Key.KUBE_API_BURST))),
        tenancy(text),
        bool(Key.NOTIFY_ALLOW_PRIVATE_NETWORKS, text.get(Key.NOTIFY_ALLOW_PRIVATE_NETWORKS)));
  }

  /**
   * Flux's lockdown flags. Driftless never fetches a remote kustomize base, so {@code
   * DRIFTLESS_NO_REMOTE_BASES} cannot be turned off; and it decrypts with no workload identity (no
   * cloud KMS), so there is no decryption service account to default to.
   */
  private static Tenancy tenancy(Map<Key, String> text) {
    if (!bool(Key.NO_REMOTE_BASES, text.get(Key.NO_REMOTE_BASES))) {
      throw new ConfigException(Key.NO_REMOTE_BASES.env() + ": false is not supported: Driftless never fetches"
          + " remote kustomize bases (as Flux with --no-remote-bases); vendor them into the source");
    }
    if (text.containsKey(Key.DEFAULT_DECRYPTION_SERVICE_ACCOUNT)) {
      throw new ConfigException(Key.DEFAULT_DECRYPTION_SERVICE_ACCOUNT.env() + ": not supported: Driftless decrypts"
          + " SOPS with age and PGP keys only, never with a workload identity, so there is no service account to"
          + " default to; to keep tenants to their own keys, leave " + Key.SOPS_KEYS.env()
          + " unset and give each namespace its spec.decryption.secretRef");
    }
    return new Tenancy(bool(Key.NO_CROSS_NAMESPACE_REFS, text.get(Key.NO_CROSS_NAMESPACE_REFS)),
        Optional.ofNullable(text.get(Key.DEFAULT_SERVICE_ACCOUNT)));
  }

  public DriftlessConfig withCacheDir(Path dir) {
    return copy(c -> c.cacheDir = dir);
  }

  public DriftlessConfig withDispatch(Dispatch how) {
    return copy(c -> c.dispatch = how);
  }

  public DriftlessConfig withWorkers(Workers how) {
    return copy(c -> c.workers = how);
  }

  public DriftlessConfig withTenancy(Tenancy how) {
    return copy(c -> c.tenancy = how);
  }

  public DriftlessConfig withNotifyAllowPrivateNetworks(boolean allow) {
    return copy(c -> c.notifyAllowPrivateNetworks = allow);
  }

  /** The one copy path of the {@code with*} methods: every field kept but those {@code change} sets. */
  private DriftlessConfig copy(Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return new DriftlessConfig(table, dataDir, dynamoDbEndpoint, c.cacheDir, c.dispatch, gitTimeout, sopsKeys,
        c.workers, throughput, c.tenancy, c.notifyAllowPrivateNetworks);
  }

  /** The fields a {@code with*} method may change. */
  private static final class Copy {
    Path cacheDir;
    Dispatch dispatch;
    Workers workers;
    Tenancy tenancy;
    boolean notifyAllowPrivateNetworks;

    Copy(DriftlessConfig from) {
      cacheDir = from.cacheDir;
      dispatch = from.dispatch;
      workers = from.workers;
      tenancy = from.tenancy;
      notifyAllowPrivateNetworks = from.notifyAllowPrivateNetworks;
    }
  }

  private static boolean bool(Key key, String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(key.env() + ": '" + value + "' is neither true nor false");
    };
  }

  private static Dispatch dispatch(String value) {
    return switch (value) {
      case "local" -> Dispatch.LOCAL;
      case "stream" -> Dispatch.STREAM;
      default -> throw new ConfigException(Key.DISPATCH.env() + ": '" + value + "' is neither local nor stream");
    };
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
  }

  private static int positive(Key key, String value) {
    int n = parse(key, value, v -> {
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + v + "' is not a whole number");
      }
    });
    if (n < 1) {
      throw new ConfigException(key.env() + ": " + n + " must be at least 1");
    }
    return n;
  }

  private static double positiveRate(String v) {
    double rate;
    try {
      rate = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + v + "' is not a number");
    }
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("'" + v + "' must be a positive number");
    }
    return rate;
  }

  private static <T> T parse(Key key, String value, Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key.env() + ": " + e.getMessage());
    }
  }
}
