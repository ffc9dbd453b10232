package io.driftless.trigger;

import io.driftless.model.SecretResolver;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.RootRecord;
import io.driftless.record.SourceRecord;
import io.driftless.record.Intake;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a push webhook: checks the event header, verifies the delivery's signature (or token)
 * over the raw bytes against every registered root's webhook secret BEFORE the body is parsed, then
 * parses it and finds, among the roots that signed it, those (and their sources) whose repository
 * it names, rejects replays, then writes one durable {@link ReconcileRequest} per target and hands it to
 * {@code dispatch}. Nothing is written or dispatched for a rejected delivery, and no secret ever
 * appears in a response or a log line.
 */
public final class WebhookHandler {
  /** Flux's receiver limit (flux.md §3.1). */
  public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

  static final Duration KEEP_DELIVERIES = Duration.ofDays(3);
  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

  private final Intake store;
  private final SecretResolver secrets;
  private final Consumer<ReconcileRequest> dispatch;
  private final Clock clock;

  public WebhookHandler(
      Intake store, SecretResolver secrets, Consumer<ReconcileRequest> dispatch, Clock clock) {
    this.store = store;
    this.secrets = secrets;
    this.dispatch = dispatch;
    this.clock = clock;
  }

  public WebhookResponse handle(WebhookRequest request) {
    Optional<WebhookProvider> detected = WebhookProvider.detect(request);
    if (detected.isEmpty()) {
      return reply(400, "missing event type header (X-GitHub-Event, X-Gitea-Event or X-Gitlab-Event)");
    }
    WebhookProvider provider = detected.get();
    byte[] body = request.body();
    if (body.length > MAX_BODY_BYTES) {
      return reply(413, "webhook body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    if (!provider.hasProof(request)) {
      return reply(401, "missing signature header " + provider.proofHeaders());
    }
    List<RootRecord> signers = rootsWhoseSecretSigned(provider, request);
    if (signers.isEmpty()) {
      return reply(401, "signature does not match the registered webhook secret");
    }
    String event = provider.eventType(request);
    PushEvent push;
    try {
      push = PushPayloads.parse(
          provider, provider.deliveryId(request), request.header("Content-Type"), body);
    } catch (IllegalArgumentException e) {
      return reply(400, e.getMessage());
    }
    List<WebhookTarget> verified = registeredTargets(push, signers);
    if (verified.isEmpty()) {
      return reply(404, "repository is not registered: " + push.repositoryUrl());
    }
    if (event.equals(WebhookProvider.PING)) {
      return reply(200, "pong");
    }
    if (!recordFirstDelivery(provider, push, body)) {
      return reply(409, "delivery " + push.deliveryId() + " was already received");
    }
    if (!event.equals(WebhookProvider.PUSH)) {
      return reply(202, "ignored: " + provider.id() + " event " + event);
    }
    List<WebhookTarget> triggered = triggered(push, verified);
    if (triggered.isEmpty()) {
      return reply(202, "ignored: " + push.ref() + " is not a branch Driftless follows here");
    }
    List<ReconcileRequest> requests = new ArrayList<>();
    for (WebhookTarget target : triggered) {
      ReconcileRequest req = requestFor(provider, push, target);
      store.enqueue(req);
      requests.add(req);
    }
    requests.forEach(dispatch);
    return reply(202, "accepted: " + describe(requests));
  }

  /**
   * The targets the push's repository names among the roots that signed it (and their sources).
   * Only verified roots are looked at, so the unauthenticated body never picks whose secret is checked.
   */
  private List<WebhookTarget> registeredTargets(PushEvent push, List<RootRecord> signers) {
    List<WebhookTarget> found = new ArrayList<>();
    Map<String, RootRecord> roots = new HashMap<>();
    for (RootRecord root : signers) {
      roots.put(root.name(), root);
      if (matchesAny(root.url(), push)) {
        found.add(new WebhookTarget(root, null));
      }
    }
    for (SourceRecord source : store.listSources()) {
      RootRecord root = roots.get(source.root());
      if (root != null && matchesAny(source.url(), push)) {
        found.add(new WebhookTarget(root, source));
      }
    }
    return found;
  }

  private static boolean matchesAny(String registered, PushEvent push) {
    return push.cloneUrls().stream().anyMatch(url -> RepositoryUrls.sameRepository(registered, url));
  }

  /**
   * Verification before parsing: the roots whose webhook secret the request proves, found by checking
   * the proof (HMAC over the raw bytes, or GitLab's token) against every registered root's secret,
   * each comparison constant-time. A secret shared by several roots proves all of them.
   */
  private List<RootRecord> rootsWhoseSecretSigned(WebhookProvider provider, WebhookRequest request) {
    List<RootRecord> signers = new ArrayList<>();
    for (RootRecord root : store.listRoots()) {
      if (proves(provider, request, root)) {
        signers.add(root);
      }
    }
    return signers;
  }

  private boolean proves(WebhookProvider provider, WebhookRequest request, RootRecord root) {
    if (root.webhookSecretRef() == null || root.webhookSecretRef().isBlank()) {
      return false; // a root without a webhook secret accepts no delivery
    }
    try {
      return provider.verify(request, secrets.resolve(root.webhookSecretRef()));
    } catch (IllegalArgumentException e) {
      LOG.warn("root {}: webhook secret cannot be resolved: {}", root.name(), e.getMessage());
      return false;
    }
  }

  /**
   * Records the delivery id and the body's digest. The delivery id header is not covered by the
   * signature, so a captured body resent under a new id is caught by its digest.
   */
  private boolean recordFirstDelivery(WebhookProvider provider, PushEvent push, byte[] body) {
    String digest = "sha256:" + HexFormat.of().formatHex(sha256(body));
    if (push.deliveryId() != null
        && !store.recordDelivery(provider.id() + ":" + push.deliveryId(), clock.instant(), KEEP_DELIVERIES)) {
      return false;
    }
    return store.recordDelivery(provider.id() + ":" + digest, clock.instant(), KEEP_DELIVERIES);
  }

  /** Targets whose branch the push touched; a source is left out when its root already runs. */
  private static List<WebhookTarget> triggered(PushEvent push, List<WebhookTarget> verified) {
    Set<String> rootsTriggered = new LinkedHashSet<>();
    List<WebhookTarget> result = new ArrayList<>();
    for (WebhookTarget target : verified) {
      if (target.source() == null && target.tracks(push)) {
        rootsTriggered.add(target.root().name());
        result.add(target);
      }
    }
    for (WebhookTarget target : verified) {
      if (target.source() != null
          && !rootsTriggered.contains(target.root().name())
          && target.tracks(push)) {
        result.add(target);
      }
    }
    return result;
  }

  private ReconcileRequest requestFor(WebhookProvider provider, PushEvent push, WebhookTarget target) {
    String delivery = push.deliveryId() == null ? push.after() : push.deliveryId();
    return new ReconcileRequest(
        provider.id() + ":" + delivery + ":" + target.kind() + ":" + target.target(),
        target.kind(),
        target.target(),
        target.cluster(),
        provider.id() + " push " + push.ref() + "@" + push.after(),
        clock.instant().toString());
  }

  private static String describe(List<ReconcileRequest> requests) {
    List<String> parts = new ArrayList<>();
    requests.forEach(r -> parts.add(r.kind() + " " + r.target()));
    return String.join(", ", parts);
  }

  private static WebhookResponse reply(int status, String message) {
    if (status >= 400) {
      LOG.info("webhook refused ({}): {}", status, message);
    }
    return new WebhookResponse(status, message);
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
