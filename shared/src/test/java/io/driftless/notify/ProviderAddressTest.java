package io.driftless.notify;

import static io.driftless.event.Event.Severity.ERROR;
import static io.driftless.notify.TestEvents.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.record.dynamo.DynamoStateStore;
import io.driftless.testing.TestStores;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant's Provider aimed at the function's own neighbourhood: cloud metadata, link-local, loopback
 * and private addresses, directly, by a name that resolves there, by a name that rebinds between the
 * check and the connection, or by a redirect. Each is refused with one log line naming the Alert, the
 * Provider and the field, and nothing is sent; a private receiver is reached only when the operator
 * allows private networks.
 */
class ProviderAddressTest {
  private static final String TOKEN = "canary-provider-token-51c2";
  private DynamoStateStore store;
  private RecordingReceiver receiver;
  private final Map<String, Map<String, byte[]>> secrets = new HashMap<>();
  private final AtomicInteger lookups = new AtomicInteger();
  private final AtomicInteger events = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    store = TestStores.inMemory();
    receiver = new RecordingReceiver();
  }

  @AfterEach
  void tearDown() {
    receiver.close();
    store.close();
  }

  /** A router whose names resolve as {@code names} says (IP literals as themselves), counting lookups. */
  private AlertRouter router(boolean allowPrivate, Map<String, List<String>> names) {
    AddressPolicy.Resolver resolver = host -> {
      List<String> answers = names.get(host);
      if (answers == null) {
        return InetAddress.getAllByName(host); // an IP literal: parsed, never looked up
      }
      String answer = answers.get(Math.min(lookups.getAndIncrement(), answers.size() - 1));
      return new InetAddress[] {InetAddress.getByName(answer)};
    };
    ProviderSecrets reader = (cluster, ns, name) -> secrets.getOrDefault(cluster + "/" + ns + "/" + name, Map.of());
    return new AlertRouter(store, reader, new TestEvents.MovableClock(), AlertRouter.Options.defaults()
        .withBackoff(Duration.ZERO).withAddresses(AddressPolicy.of(allowPrivate).resolvingWith(resolver)));
  }

  private void provider(String address) {
    secrets.put(CLUSTER + "/flux-system/hook", Map.of("token", TOKEN.getBytes(StandardCharsets.UTF_8)));
    store.putNotification(CLUSTER, "Provider/flux-system/hook", "fleet", "flux-system/flux-system", """
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Provider
        metadata: {name: hook, namespace: flux-system}
        spec: {type: generic-hmac, address: "%s", secretRef: {name: hook}}
        """.formatted(address));
    store.putNotification(CLUSTER, "Alert/flux-system/all", "fleet", "flux-system/flux-system", """
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Alert
        metadata: {name: all, namespace: flux-system}
        spec: {providerRef: {name: hook}, eventSources: [{kind: Kustomization, name: "*"}]}
        """);
  }

  /** The one line the delivery left, after emitting one event through {@code router}. */
  private String deliver(AlertRouter router) {
    try (LogCapture logs = new LogCapture()) {
      // a new message each time, or the duplicate window (kept in the table) would drop it
      router.emit(TestEvents.kustomization("flux-system", "apps", ERROR, "BuildFailed", "broken " + events.incrementAndGet()));
      assertThat(logs.lines()).allSatisfy(l -> assertThat(l).doesNotContain(TOKEN).doesNotContain("\n"));
      return logs.lines().stream().filter(l -> l.contains("not delivered")).findFirst().orElse("");
    }
  }

  private static String refused(String field, String why) {
    return "WARNING Alert/flux-system/all on cluster dev: Provider/flux-system/hook (generic-hmac): event for "
        + "Kustomization/flux-system/apps not delivered: " + field + ": " + why;
  }

  @Test
  void theInstanceMetadataAddressIsRefusedBeforeAnyConnection() {
    provider("http://169.254.169.254/latest/meta-data/");

    assertThat(deliver(router(true, Map.of()))).isEqualTo(refused("spec.address",
        "169.254.169.254 resolves to 169.254.169.254, a link-local address (where cloud metadata lives): refused"));
  }

  @Test
  void metadataAndLinkLocalStayRefusedWhenPrivateNetworksAreAllowed() {
    for (String address : List.of("http://[fd00:ec2::254]/latest/meta-data/", "http://[fe80::1]/",
        "http://100.100.100.200/", "http://[::ffff:169.254.169.254]/", "http://[64:ff9b::a9fe:a9fe]/",
        "http://0.0.0.0:" + URI.create(receiver.url("")).getPort() + "/")) {
      provider(address);
      assertThat(deliver(router(true, Map.of()))).as(address).contains("not delivered: spec.address: ").contains(": refused");
    }
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void aNameThatResolvesToMetadataIsRefused() {
    provider("http://metadata.attacker.example/latest/meta-data/");

    assertThat(deliver(router(true, Map.of("metadata.attacker.example", List.of("169.254.169.254")))))
        .isEqualTo(refused("spec.address", "metadata.attacker.example resolves to 169.254.169.254, a link-local"
            + " address (where cloud metadata lives): refused"));
  }

  @Test
  void loopbackIsRefusedByDefaultAndReachedWhenPrivateNetworksAreAllowed() {
    provider(receiver.url("/hook"));

    assertThat(deliver(router(false, Map.of()))).isEqualTo(refused("spec.address", "127.0.0.1 resolves to 127.0.0.1,"
        + " a private or loopback address: refused unless DRIFTLESS_NOTIFY_ALLOW_PRIVATE_NETWORKS is true"));
    assertThat(receiver.requests()).isEmpty();

    assertThat(deliver(router(true, Map.of()))).isEmpty();
    assertThat(receiver.requests()).hasSize(1);
  }

  @Test
  void aNameThatRebindsAfterTheCheckIsRefusedAtTheConnection() {
    int port = URI.create(receiver.url("")).getPort();
    provider("http://rebind.attacker.example:" + port + "/hook");

    String line = deliver(router(true, Map.of("rebind.attacker.example", List.of("127.0.0.1", "169.254.169.254"))));

    assertThat(line).endsWith("not delivered: POST refused: rebind.attacker.example resolves to 169.254.169.254,"
        + " a link-local address (where cloud metadata lives): refused");
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void aRedirectToMetadataIsNotFollowed() {
    provider(receiver.url("/hook"));
    receiver.answer(r -> new RecordingReceiver.Answer(307, "", Map.of("Location", "http://169.254.169.254/latest/meta-data/")));

    assertThat(deliver(router(true, Map.of()))).endsWith("not delivered: POST failed: HTTP 307");
    assertThat(receiver.requests()).hasSize(1);
  }

  @Test
  void anIpLiteralIsCheckedByTheConnectionItself() throws DeliveryException {
    AddressPolicy policy = AddressPolicy.of(true);
    Delivery http = new Delivery(Transports.client(Duration.ofSeconds(2), null, Map.of(), policy), Duration.ZERO);

    try {
      http.post("http://169.254.169.254/latest/meta-data/", Map.of(), new byte[0]);
      throw new AssertionError("sent");
    } catch (DeliveryException e) {
      assertThat(e).hasMessage("POST refused: 169.254.169.254 resolves to 169.254.169.254, a link-local address"
          + " (where cloud metadata lives): refused");
    }
  }

  @Test
  void everyAnswerOfANameIsChecked() {
    AddressPolicy policy = AddressPolicy.of(true).resolvingWith(host -> new InetAddress[] {
        InetAddress.getByName("10.0.0.7"), InetAddress.getByName("169.254.169.254")});

    try {
      policy.resolve("two.attacker.example");
      throw new AssertionError("resolved");
    } catch (UnknownHostException e) {
      assertThat(e).hasMessage("two.attacker.example resolves to 169.254.169.254, a link-local address"
          + " (where cloud metadata lives): refused");
    }
  }
}
