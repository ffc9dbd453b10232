package io.driftless.trigger;

import io.driftless.config.Tenancy;
import io.driftless.model.KubeObject;
import io.driftless.model.Receiver;
import io.driftless.model.Receivers;
import io.driftless.model.Yaml;
import io.driftless.record.ReceiverRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.Intake;
import io.driftless.model.Redact;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code /hook/<digest>} as Flux's notification-controller does: the path's digest finds the
 * Receiver (404 when none), a suspended one answers 503, then the request is verified the type's way
 * over the raw bytes (400), and only then is the body looked at (400); its {@code resources} are
 * resolved (500 when a named one is not recorded), a replayed delivery id refused (409), for types
 * that sign the body a body already received refused too (409, whatever its delivery id), and each
 * resource triggered with a durable {@link ReconcileRequest} (200). No token appears in a response
 * or a log line.
 */
public final class ReceiverHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiverHandler.class);
  private static final HexFormat HEX = HexFormat.of();

  private final Intake store;
  private final ReceiverTokens tokens;
  private final Consumer<ReconcileRequest> dispatch;
  private final Clock clock;
  private final ReceiverTargets targets;

  public ReceiverHandler(Intake store, ReceiverTokens tokens, Consumer<ReconcileRequest> dispatch, Clock clock) {
    this(store, tokens, dispatch, clock, Tenancy.OPEN);
  }

  /** A handler whose Receivers trigger only what {@code tenancy} lets them reach. */
  public ReceiverHandler(Intake store, ReceiverTokens tokens, Consumer<ReconcileRequest> dispatch, Clock clock,
      Tenancy tenancy) {
    this.store = store;
    this.tokens = tokens;
    this.dispatch = dispatch;
    this.clock = clock;
    this.targets = new ReceiverTargets(store, tenancy);
  }

  /** Flux's digest: hex(sha256(token + name + namespace)). */
  public static String digest(byte[] token, String name, String namespace) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(token);
      sha.update((name + namespace).getBytes(StandardCharsets.UTF_8));
      return HEX.formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Whether {@code name} can be a webhook digest (64 lowercase hex), so it is not looked up otherwise. */
  public static boolean looksLikeDigest(String name) {
    return name != null && name.length() == 64 && name.chars().allMatch(c -> Character.digit(c, 16) >= 0)
        && name.equals(name.toLowerCase(Locale.ROOT));
  }

  public WebhookResponse handle(String digest, WebhookRequest request) {
    Optional<ReceiverRecord> found = looksLikeDigest(digest) ? store.getReceiver(digest) : Optional.empty();
    if (found.isEmpty()) {
      return reply(404, "no receiver has the webhook path " + Redact.hookPath(looksLikeDigest(digest) ? digest : ""));
    }
    ReceiverRecord record = found.get();
    Receiver receiver = parse(record);
    if (receiver.suspended()) {
      return reply(503, receiver.subject() + " is suspended");
    }
    byte[] body = request.body();
    if (body.length > WebhookHandler.MAX_BODY_BYTES) {
      return reply(413, "webhook body is larger than " + WebhookHandler.MAX_BODY_BYTES + " bytes");
    }
    byte[] token;
    try {
      token = tokens.token(record, receiver);
    } catch (RuntimeException e) {
      return reply(503, receiver.subject() + " is not ready: " + e.getMessage());
    }
    if (!MessageDigest.isEqual(digest(token, receiver.name(), receiver.namespace()).getBytes(StandardCharsets.UTF_8),
        digest.getBytes(StandardCharsets.UTF_8))) {
      return reply(404, "no receiver has the webhook path " + Redact.hookPath(digest) + " (its token changed)");
    }
    ReceiverType type = ReceiverType.of(receiver.spec().type());
    Optional<String> refused = type.refusal(request, token)
        .or(() -> eventRefusal(type, receiver, request))
        .or(() -> ReceiverPayloads.refusal(type, body));
    if (refused.isPresent()) {
      return reply(400, receiver.subject() + ": " + refused.get());
    }
    List<ReceiverTargets.Target> triggered;
    try {
      triggered = targets.of(record, receiver);
    } catch (RuntimeException e) {
      return reply(500, e.getMessage()); // the delivery id stays unused, so the sender's retry is served
    }
    String delivery = type.deliveryId(request);
    if (delivery != null && !store.recordDelivery(
        "receiver:" + digest + ":" + delivery, clock.instant(), WebhookHandler.KEEP_DELIVERIES)) {
      return reply(409, receiver.subject() + ": delivery " + delivery + " was already received");
    }
    if (type.signsBody() && !store.recordDelivery(
        "receiver:" + digest + ":sha256:" + HEX.formatHex(sha256(body)), clock.instant(), WebhookHandler.KEEP_DELIVERIES)) {
      return reply(409, receiver.subject() + ": this signed body was already received (a replay; a sender that"
          + " triggers again sends a different body)");
    }
    return trigger(receiver, type, triggered, delivery == null ? UUID.randomUUID().toString() : delivery);
  }

  private WebhookResponse trigger(Receiver receiver, ReceiverType type, List<ReceiverTargets.Target> triggered,
      String delivery) {
    List<ReconcileRequest> requests = new ArrayList<>();
    for (ReceiverTargets.Target t : triggered) {
      ReconcileRequest req = new ReconcileRequest(
          "receiver:" + receiver.namespace() + "/" + receiver.name() + ":" + delivery + ":" + t.kind() + ":" + t.target(),
          t.kind(), t.target(), t.cluster(), receiver.subject() + " (" + type.id() + ")", clock.instant().toString());
      store.enqueue(req);
      requests.add(req);
    }
    requests.forEach(dispatch);
    List<String> parts = requests.stream().map(r -> r.kind() + " " + r.target()).toList();
    LOG.info("{} triggered: {}", receiver.subject(), parts);
    return new WebhookResponse(200, receiver.subject() + " triggered: " + String.join(", ", parts));
  }

  private static Optional<String> eventRefusal(ReceiverType type, Receiver receiver, WebhookRequest request) {
    if (!type.filtersEvents() || receiver.events().isEmpty()) {
      return Optional.empty();
    }
    String event = type.event(request);
    boolean allowed = receiver.events().stream().anyMatch(e -> e.equalsIgnoreCase(event));
    return allowed ? Optional.empty() : Optional.of("event '" + event + "' is not in spec.events");
  }

  private static Receiver parse(ReceiverRecord record) {
    return Receivers.parse(new KubeObject(Yaml.readDocuments(record.key(), record.manifest()).get(0), record.key()));
  }

  private static WebhookResponse reply(int status, String message) {
    LOG.info("receiver refused ({}): {}", status, message);
    return new WebhookResponse(status, message);
  }
}
