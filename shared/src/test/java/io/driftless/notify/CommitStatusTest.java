package io.driftless.notify;

import static io.driftless.event.Event.Severity.ERROR;
import static io.driftless.event.Event.Severity.INFO;
import static io.driftless.event.Event.Severity.TRACE;
import static io.driftless.notify.TestEvents.CLUSTER;
import static io.driftless.notify.TestEvents.SHA;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.event.Event;
import io.driftless.record.StateStore;
import io.driftless.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pushed commit shows what reached the cluster: pending when a reconcile starts on it, success or
 * failure when it ends, under Flux's context {@code kustomization/<name>/<id>}, on fake GitHub,
 * Gitea, GitLab and Bitbucket APIs started here.
 */
class CommitStatusTest {
  private static final String TOKEN = "ghp_t0kenThatMustNotLeak";
  private static final String BROKEN = "1".repeat(40);
  private static StateStore store;
  private static int tests;
  private AlertRouter router;
  private final TestEvents.MovableClock clock = new TestEvents.MovableClock();

  @BeforeAll
  static void start() {
    store = TestStores.inMemory();
  }

  @AfterAll
  static void stop() {
    store.close();
  }

  @BeforeEach
  void setUp() {
    clock.advance(Duration.ofHours(++tests)); // the duplicate window of one test must not drop the next one's events
    for (var rec : store.listNotifications(CLUSTER)) {
      store.deleteNotification(CLUSTER, rec.key());
    }
    router = new AlertRouter(store, (c, ns, n) -> Map.of("token", token(n).getBytes(StandardCharsets.UTF_8)), clock,
        AlertRouter.Options.defaults().withAddresses(AddressPolicy.of(true)).withBackoff(Duration.ofMillis(10)));
  }

  private static String token(String secretName) {
    return secretName.equals("bitbucket-token") ? "flux-bot:app-password" : TOKEN;
  }

  private void provider(String type, String address) {
    store.putNotification(CLUSTER, "Provider/flux-system/" + type, "fleet", "flux-system/flux-system", """
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Provider
        metadata: {name: %s, namespace: flux-system}
        spec: {type: %s, address: "%s", secretRef: {name: %s-token}}
        """.formatted(type, type, address, type));
    store.putNotification(CLUSTER, "Alert/flux-system/" + type, "fleet", "flux-system/flux-system", """
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Alert
        metadata: {name: %s, namespace: flux-system}
        spec:
          providerRef: {name: %s}
          eventSources: [{kind: Kustomization, name: "*"}, {kind: HelmRelease, name: "*"}]
        """.formatted(type, type));
  }

  /** A good push (pending, success, success again), then a broken one (pending, failure). */
  private void pushGoodThenBroken() {
    router.emit(TestEvents.kustomization("flux-system", "apps", TRACE, "Progressing", "Reconciliation in progress"));
    router.emit(TestEvents.kustomization("flux-system", "apps", INFO, "ReconciliationSucceeded", "Applied revision"));
    router.emit(TestEvents.kustomization("flux-system", "apps", INFO, "ReconciliationSucceeded", "Applied again"));
    String broken = "main@sha1:" + BROKEN;
    router.emit(TestEvents.kustomization("flux-system", "apps", TRACE, "Progressing", "Reconciliation in progress", broken));
    router.emit(TestEvents.kustomization("flux-system", "apps", ERROR, "BuildFailed", "kustomize build failed", broken));
  }

  private static String context(String kind, String name, String type) {
    return kind + "/" + name + "/" + AlertRouter.sha256(CLUSTER + "/flux-system/" + type).substring(0, 8);
  }

  @Test
  void githubGetsPendingThenSuccessAndFailureForTheBrokenBuild() throws Exception {
    try (FakeForge github = new FakeForge("Authorization", "Bearer " + TOKEN)) {
      provider("github", github.url("/org/app.git"));

      pushGoodThenBroken();

      String ctx = context("kustomization", "apps", "github");
      assertThat(github.posted()).containsExactly(
          new FakeForge.Status(SHA, "pending", ctx, "progressing"),
          new FakeForge.Status(SHA, "success", ctx, "reconciliation succeeded"),
          new FakeForge.Status(BROKEN, "pending", ctx, "progressing"),
          new FakeForge.Status(BROKEN, "failure", ctx, "build failed"));
      assertThat(github.requests()).allSatisfy(r -> assertThat(r.path()).startsWith("/api/v3/repos/org/app/"));
    }
  }

  @Test
  void giteaGetsPendingThenSuccessAndFailureForTheBrokenBuild() throws Exception {
    try (FakeForge gitea = new FakeForge("Authorization", "token " + TOKEN)) {
      provider("gitea", gitea.url("/org/app"));

      pushGoodThenBroken();

      String ctx = context("kustomization", "apps", "gitea");
      assertThat(gitea.posted()).containsExactly(
          new FakeForge.Status(SHA, "pending", ctx, "progressing"),
          new FakeForge.Status(SHA, "success", ctx, "reconciliation succeeded"),
          new FakeForge.Status(BROKEN, "pending", ctx, "progressing"),
          new FakeForge.Status(BROKEN, "failure", ctx, "build failed"));
      assertThat(gitea.requests()).allSatisfy(r -> assertThat(r.path()).startsWith("/api/v1/repos/org/app/"));
    }
  }

  @Test
  void aHelmReleaseStatusIsPostedOnItsOriginRevisionUnderItsOwnContext() throws Exception {
    try (FakeForge github = new FakeForge("Authorization", "Bearer " + TOKEN)) {
      provider("github", github.url("/org/app"));

      router.emit(TestEvents.helmRelease("podinfo", "podinfo", INFO, "UpgradeSucceeded", "Helm upgrade succeeded"));

      assertThat(github.posted()).isEmpty(); // the Alert's sources default to its own namespace
      router.emit(TestEvents.helmRelease("flux-system", "podinfo", INFO, "UpgradeSucceeded", "Helm upgrade succeeded"));
      assertThat(github.posted()).containsExactly(
          new FakeForge.Status(SHA, "success", context("helmrelease", "podinfo", "github"), "upgrade succeeded"));
    }
  }

  @Test
  void gitlabAndBitbucketGetTheirOwnStates() throws Exception {
    try (FakeForge gitlab = new FakeForge("PRIVATE-TOKEN", TOKEN);
        FakeForge bitbucket = new FakeForge("Authorization", "Basic "
            + Base64.getEncoder().encodeToString("flux-bot:app-password".getBytes(StandardCharsets.UTF_8)))) {
      provider("gitlab", gitlab.url("/group/sub/app.git"));
      provider("bitbucket", bitbucket.url("/team/app"));

      pushGoodThenBroken();

      String ctx = context("kustomization", "apps", "gitlab");
      assertThat(gitlab.posted()).extracting(FakeForge.Status::state).containsExactly("pending", "success", "pending", "failed");
      assertThat(gitlab.posted()).allSatisfy(s -> assertThat(s.context()).isEqualTo(ctx));
      assertThat(gitlab.requests()).allSatisfy(r -> assertThat(r.path()).startsWith("/api/v4/projects/group%2Fsub%2Fapp/"));
      assertThat(bitbucket.posted()).extracting(FakeForge.Status::state)
          .containsExactly("INPROGRESS", "SUCCESSFUL", "INPROGRESS", "FAILED");
      assertThat(bitbucket.posted()).extracting(FakeForge.Status::sha).containsExactly(SHA, SHA, BROKEN, BROKEN);
    }
  }

  @Test
  void anUnreachableApiDoesNotFailTheCallerAndItsTokenIsNotLogged() {
    provider("github", "http://127.0.0.1:9/org/app");

    try (LogCapture logs = new LogCapture()) {
      router.emit(TestEvents.kustomization("flux-system", "apps", ERROR, "BuildFailed", "kustomize build failed"));

      assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith(
          "WARNING Alert/flux-system/github on cluster dev: Provider/flux-system/github (github): event for "
              + "Kustomization/flux-system/apps not delivered: GET failed: "));
      assertThat(logs.lines()).allSatisfy(l -> assertThat(l).doesNotContain(TOKEN));
    }
  }

  @Test
  void anEventWithoutACommitIsReportedNotPosted() throws Exception {
    try (FakeForge github = new FakeForge("Authorization", "Bearer " + TOKEN); LogCapture logs = new LogCapture()) {
      provider("github", github.url("/org/app"));

      router.emit(new Event(clock.instant(), new Event.InvolvedObject("", "Kustomization", "flux-system", "apps"), CLUSTER,
          INFO, "ReconciliationSucceeded", "Applied", Map.of(), "kustomize-controller"));

      assertThat(github.requests()).isEmpty();
      assertThat(logs.lines()).anySatisfy(l -> assertThat(l).endsWith("the event's revision metadata names no commit"));
    }
  }

  @Test
  void anInfoEventThatEndsNothingPostsNoPrematureSuccess() throws Exception {
    try (FakeForge github = new FakeForge("Authorization", "Bearer " + TOKEN)) {
      provider("github", github.url("/org/app"));

      router.emit(TestEvents.kustomization("flux-system", "apps", INFO, "DependencyNotReady", "dependency 'infra' is not ready"));

      assertThat(github.requests()).isEmpty();
    }
  }
}
