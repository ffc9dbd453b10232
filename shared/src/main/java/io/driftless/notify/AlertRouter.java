package io.driftless.notify;

import io.driftless.event.Event;
import io.driftless.event.EventSink;
import io.driftless.model.ObjectId;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import io.driftless.model.SecretResolver;
import io.driftless.record.ClusterRecord;
import io.driftless.record.NotificationRecord;
import io.driftless.record.StateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Routes every event to the Alerts and Providers recorded for its cluster, as Flux's
 * notification-controller does: matching Alerts ({@link EventRouting}), one delivery per Alert,
 * duplicates within {@link Options#duplicateWindow} dropped (the window is kept in the table, so
 * every function instance shares it). Trace events go only to commit-status Providers. Delivery
 * never fails the caller: each failure is one log line naming the Alert and Provider, without the
 * address or any secret.
 */
public final class AlertRouter implements EventSink {
  private static final Logger LOG = Logger.getLogger(AlertRouter.class.getName());
  private final StateStore store;
  private final ProviderSecrets secrets;
  private final Clock clock;
  private final Options options;
  private final ProviderClients clients;
  private final Function<String, ServiceProxy> services;

  /**
   * {@code noCrossNamespaceRefs}: as Flux's flag, an Alert takes events only from its own namespace;
   * {@code backoff}: the pause before the first retry (doubled for the next).
   */
  public record Options(Duration duplicateWindow, Duration backoff, boolean noCrossNamespaceRefs,
      AddressPolicy addresses) {
    public static Options defaults() {
      return new Options(Duration.ofMinutes(5), Duration.ofMillis(500), false, AddressPolicy.publicOnly());
    }

    public Options withBackoff(Duration d) {
      return new Options(duplicateWindow, d, noCrossNamespaceRefs, addresses);
    }

    public Options withNoCrossNamespaceRefs(boolean on) {
      return new Options(duplicateWindow, backoff, on, addresses);
    }

    /** Where Providers may send ({@code DRIFTLESS_NOTIFY_ALLOW_PRIVATE_NETWORKS}). */
    public Options withAddresses(AddressPolicy policy) {
      return new Options(duplicateWindow, backoff, noCrossNamespaceRefs, policy);
    }
  }

  public AlertRouter(StateStore store, ProviderSecrets secrets, Clock clock, Options options) {
    this(store, secrets, cluster -> null, clock, options);
  }

  /** {@code services}: the way to a registered cluster's in-cluster addresses (its API server), null when none. */
  AlertRouter(StateStore store, ProviderSecrets secrets, Function<String, ServiceProxy> services, Clock clock,
      Options options) {
    this.store = store;
    this.secrets = secrets;
    this.services = services;
    this.clock = clock;
    this.options = options;
    this.clients = new ProviderClients(options.addresses());
  }

  /**
   * The router the engine hands its events to: Secrets read from each registered cluster with
   * {@code clients} ({@code KubeClients::forCluster}), registered token references with {@code references}.
   */
  public static AlertRouter create(StateStore store, Function<ClusterRecord, KubernetesClient> clients,
      SecretResolver references, Clock clock, Options options) {
    return new AlertRouter(store, new ClusterSecrets(store, clients, references),
        cluster -> store.getCluster(cluster).map(clients).map(ServiceProxy::new).orElse(null), clock, options);
  }

  @Override
  public void emit(Event event) {
    try {
      route(event);
    } catch (RuntimeException e) {
      LOG.warning("event for " + event.involvedObject().subject() + " on cluster " + event.cluster()
          + " not routed: " + e.getClass().getSimpleName());
    }
  }

  private void route(Event event) {
    List<NotificationRecord> records = store.listNotifications(event.cluster());
    if (records.isEmpty()) {
      return;
    }
    Map<String, Provider> providers = new HashMap<>();
    List<Alert> alerts = new ArrayList<>();
    for (NotificationRecord rec : records) {
      Optional<Notification> n = parse(rec);
      if (n.isPresent() && n.get() instanceof Provider p) {
        providers.put(p.namespace() + "/" + p.name(), p);
      } else if (n.isPresent() && n.get() instanceof Alert a) {
        alerts.add(a);
      }
    }
    InvolvedObjects.Lazy object = new InvolvedObjects(store).lazy(event);
    List<Alert> matched = new ArrayList<>();
    for (Alert a : alerts) {
      if (!a.suspended() && EventRouting.matchesSources(a, event, object::labels)
          && EventRouting.messageAllowed(a, event.message())) {
        matched.add(a);
      }
    }
    if (matched.isEmpty() || isDuplicate(event)) {
      return;
    }
    Map<String, String> cleaned = EventRouting.cleanMetadata(event);
    for (Alert alert : matched) {
      deliver(alert, providers.get(alert.namespace() + "/" + alert.spec().providerRef().name()), event, cleaned,
          object.annotations());
    }
  }

  /** Flux's rate limit: the same object, message and revision within the window is dropped. */
  private boolean isDuplicate(Event event) {
    String id = "event#" + event.cluster() + "#" + sha256(EventRouting.duplicateKey(event));
    boolean first = store.recordDelivery(id, clock.instant(), options.duplicateWindow());
    if (!first) {
      LOG.fine("dropped a duplicate event for " + event.involvedObject().subject() + " on cluster " + event.cluster());
    }
    return !first;
  }

  private void deliver(Alert alert, Provider provider, Event event, Map<String, String> cleaned,
      Map<String, String> annotations) {
    String cluster = event.cluster();
    if (options.noCrossNamespaceRefs() && !alert.namespace().equals(event.involvedObject().namespace())) {
      LOG.warning(alert.key() + " on cluster " + cluster + ": event from " + event.involvedObject().subject()
          + " refused: cross-namespace references are blocked");
      return;
    }
    if (provider == null) {
      LOG.warning(alert.key() + " on cluster " + cluster + ": spec.providerRef: "
          + ObjectId.subject(Provider.KIND, alert.namespace(), alert.spec().providerRef().name()) + " not found");
      return;
    }
    if (provider.suspended() || !takes(provider, event)) {
      return;
    }
    Event notification = new Event(event.timestamp(), event.involvedObject(), cluster, event.severity(),
        event.reason(), event.message(), EventRouting.combineMetadata(event, cleaned, alert, annotations),
        event.reportingController());
    Target target = null;
    try {
      target = new TargetReader(secrets, options.addresses()).read(cluster, provider, commitStatusId(cluster, provider, event));
      refuseOtherNamespaceService(provider, target);
      Delivery http = new Delivery(clients.client(cluster, provider, target), options.backoff(), services.apply(cluster),
          provider.timeout());
      Notifiers.of(provider.spec().type()).post(notification, target, http);
    } catch (DeliveryException | RuntimeException e) {
      String why = e instanceof DeliveryException ? e.getMessage() : e.getClass().getSimpleName() + " " + e.getMessage();
      String masked = target == null ? why : target.mask(why);
      LOG.warning(alert.key() + " on cluster " + cluster + ": " + provider.key() + " (" + provider.spec().type()
          + "): event for " + event.involvedObject().subject() + " not delivered: " + masked);
    }
  }

  /**
   * Under the lockdown ({@code DRIFTLESS_NO_CROSS_NAMESPACE_REFS}) a Provider reaches in-cluster Services of its
   * own namespace only: Driftless proxies with its own credentials, which must not carry a tenant elsewhere.
   */
  private void refuseOtherNamespaceService(Provider provider, Target target) throws DeliveryException {
    Optional<ServiceAddress> service = target.address() == null ? Optional.empty() : ServiceAddress.of(target.address());
    if (options.noCrossNamespaceRefs() && service.isPresent() && !service.get().namespace().equals(provider.namespace())) {
      throw new DeliveryException("the address is a Service of namespace " + service.get().namespace()
          + ": cross-namespace references are blocked");
    }
  }

  /**
   * Trace events (a reconcile starting) go only to commit-status Providers; events the controller
   * marks as commit-status updates skip Providers that neither post statuses nor forward events.
   * A commit-status Provider takes what ends or starts a reconcile ({@link EventRouting#isCommitStatusEvent}).
   */
  private static boolean takes(Provider provider, Event event) {
    if (provider.commitStatus()) {
      return EventRouting.isCommitStatusEvent(event);
    }
    if (event.severity() == Event.Severity.TRACE) {
      return false;
    }
    String type = provider.spec().type();
    boolean generic = type.equals("generic") || type.equals("generic-hmac");
    return !EventRouting.isCommitStatusUpdate(event) || generic;
  }

  /**
   * Flux's commit status key, {@code <kind>/<name>/<id>} in lower case. Flux's id is the first part
   * of the Provider's UID, unique per cluster; Driftless has no UID, so the id is the first 8 hex
   * digits of sha256({@code <cluster>/<namespace>/<name>}) of the Provider: stable across runs and
   * instances, and different per cluster so two clusters do not overwrite each other's status.
   */
  static String commitStatusId(String cluster, Provider provider, Event event) {
    String id = sha256(cluster + "/" + provider.namespace() + "/" + provider.name()).substring(0, 8);
    return (event.involvedObject().kind() + "/" + event.involvedObject().name() + "/" + id).toLowerCase(java.util.Locale.ROOT);
  }

  private static Optional<Notification> parse(NotificationRecord rec) {
    try {
      List<Map<String, Object>> docs = Yaml.readDocuments(rec.key(), rec.manifest());
      boolean registered = RegisteredCommitStatus.PARENT.equals(rec.parent());
      return Optional.of(NotificationObjects.parse(new KubeObject(docs.get(0), rec.key()), registered));
    } catch (RuntimeException e) {
      LOG.warning(rec.key() + " on cluster " + rec.cluster() + " is skipped: " + e.getMessage());
      return Optional.empty();
    }
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
