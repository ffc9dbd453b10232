package io.driftless.functions.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.driftless.pipeline.Engine;
import io.driftless.pipeline.ManualReconcile;
import io.driftless.record.KustomizationRecord;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in headless Chromium against the HTTP app, with a real reconcile of the examples fleet
 * (plus a Kustomization whose path is missing) on the sandbox cluster behind it: the table, the
 * graph, a write refused without the token, a reconcile button that applies a new commit, suspend and
 * resume, and the table following a run the page did not start.
 */
@QuarkusTest
@WithTestResource(UiFleet.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {
  private static final String APPS = "demo:Kustomization/flux-system/apps";
  private static final String BROKEN = "demo:Kustomization/flux-system/broken";
  private static ChromeDriver browser;
  private static boolean reconciled;

  @Inject Engine engine;

  @TestHTTPResource("/")
  URL page;

  @BeforeEach
  void fleetReconciledAndPageOpen() {
    if (!reconciled) {
      engine.reconcile(ManualReconcile.all());
      engine.awaitIdle();
      reconciled = true;
    }
    if (browser == null) {
      browser = Chromium.headless();
    }
    browser.get(page.toString());
    until(ExpectedConditions.presenceOfElementLocated(row(BROKEN)));
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  void theTableShowsTheTreeAndTheFailingKustomizationAsFailing() {
    assertThat(attribute(row(BROKEN), "class")).contains("failing");
    assertThat(text(cellOf(BROKEN, "ready"))).isEqualTo("False");
    assertThat(text(cellOf(BROKEN, "message"))).contains("does-not-exist");

    for (String ready : List.of("demo:Kustomization/flux-system/flux-system", "demo:Kustomization/flux-system/infrastructure",
        APPS, "demo:HelmRelease/hello/hello")) {
      assertThat(text(cellOf(ready, "ready"))).as(ready).isEqualTo("True");
    }
    assertThat(text(cellOf(APPS, "revision"))).startsWith("main@sha1:");
  }

  @Test
  @Order(2)
  void theGraphDrawsParentsDependsOnAndObjectsWithTheFailingNodeMarked() {
    assertThat(attribute(node(BROKEN), "class")).contains("failing");
    assertThat(attribute(node(APPS), "class")).doesNotContain("failing");
    assertThat(edges("parent")).contains("demo:Kustomization/flux-system/flux-system -> " + APPS,
        "demo:Kustomization/flux-system/flux-system -> " + BROKEN,
        "demo:Kustomization/flux-system/infrastructure -> demo:HelmRelease/hello/hello");
    assertThat(edges("dependsOn")).contains(APPS + " -> demo:Kustomization/flux-system/infrastructure");
    assertThat(edges("object")).contains(APPS + " -> " + APPS + ">Deployment/podinfo/podinfo");
  }

  @Test
  @Order(3)
  void aWriteWithoutTheTokenIsRefusedAndThePageSaysSo() {
    String before = record("flux-system/apps").lastReconciledAt();
    given().post("/api/items/demo/Kustomization/flux-system/apps/reconcile").then()
        .statusCode(401).body("error", containsString("Authorization: Bearer"));
    given().header("Authorization", "Bearer not-the-token").post("/api/items/demo/Kustomization/flux-system/apps/suspend")
        .then().statusCode(401);

    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    click(row(APPS));
    until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#detail[data-id='" + APPS + "']")));
    click(By.cssSelector("#detail button[data-action='reconcile']"));

    until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "refused (401)"));
    assertThat(browser.findElement(By.id("notice")).getAttribute("class")).contains("error");
    assertThat(record("flux-system/apps").lastReconciledAt()).isEqualTo(before);
  }

  @Test
  @Order(4)
  void theReconcileButtonWithTheTokenAppliesTheNewCommit() throws Exception {
    String commit = commitConfigMapEdit("Hello from Driftless", "Hello from the web UI");
    String before = record("flux-system/apps").lastReconciledAt();

    browser.findElement(By.id("token")).sendKeys(UiFleet.TOKEN);
    browser.findElement(By.id("save-token")).click();
    until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "token set"));
    click(row(APPS));
    until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#detail[data-id='" + APPS + "']")));
    click(By.cssSelector("#detail button[data-action='reconcile']"));

    until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "reconciled: Ready"));
    until(ExpectedConditions.attributeToBe(cellOf(APPS, "revision"), "title", "main@sha1:" + commit));
    until(ExpectedConditions.textToBePresentInElementLocated(By.id("changes"), "ConfigMap/podinfo/podinfo-config configured"));
    assertThat(record("flux-system/apps").lastReconciledAt()).isNotEqualTo(before);
    assertThat(SandboxFleet.sandbox.client().configMaps().inNamespace("podinfo").withName("podinfo-config").get()
        .getData()).containsEntry("PODINFO_UI_MESSAGE", "Hello from the web UI");
    until(ExpectedConditions.textToBePresentInElementLocated(By.id("inventory"), "Deployment/podinfo/podinfo"));
    until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"),
        "ReconciliationSucceeded: ConfigMap/podinfo/podinfo-config configured"));

    screenshot();
  }

  @Test
  @Order(5)
  void suspendAndResumeAHelmReleaseAndAKustomizationFromTheDetail() {
    String hello = "demo:HelmRelease/hello/hello";
    ((JavascriptExecutor) browser).executeScript("sessionStorage.setItem('driftless-ui-token', arguments[0])", UiFleet.TOKEN);
    click(row(hello));
    until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#detail[data-id='" + hello + "']")));

    click(By.cssSelector("#detail button[data-action='suspend']"));
    until(ExpectedConditions.textToBePresentInElementLocated(cellOf(hello, "ready"), "(suspended)"));
    assertThat(engine.store().getHelmObject("demo", "HelmRelease/hello/hello").orElseThrow().suspended()).isTrue();

    click(By.cssSelector("#detail button[data-action='resume']"));
    until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "resumed; HelmRelease/hello/hello on demo reconciled: Ready"));
    until(ExpectedConditions.textToBe(cellOf(hello, "ready"), "True"));
    assertThat(engine.store().getHelmObject("demo", "HelmRelease/hello/hello").orElseThrow().suspended()).isFalse();

    click(row(APPS));
    until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#detail[data-id='" + APPS + "']")));
    click(By.cssSelector("#detail button[data-action='suspend']"));
    until(ExpectedConditions.textToBePresentInElementLocated(cellOf(APPS, "ready"), "(suspended)"));
    assertThat(record("flux-system/apps").suspended()).as("recorded in the table, as `driftless suspend ks`").isTrue();

    click(By.cssSelector("#detail button[data-action='resume']"));
    until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"),
        "resumed; Kustomization/flux-system/apps on demo reconciled: Ready"));
    assertThat(record("flux-system/apps").suspended()).isFalse();
  }

  @Test
  @Order(6)
  void theTableFollowsARunStartedElsewhereWithoutAReload() throws Exception {
    String commit = commitConfigMapEdit("#34577c", "#7c3457");

    engine.reconcile(new ManualReconcile("apps", "demo", true));

    until(ExpectedConditions.attributeToBe(cellOf(APPS, "revision"), "title", "main@sha1:" + commit));
  }

  /** Edits apps/podinfo/configmap.yaml in the fleet's repository and pushes it; returns the commit. */
  private static String commitConfigMapEdit(String from, String to) throws Exception {
    Path configMap = SandboxFleet.workTree().resolve("apps/podinfo/configmap.yaml");
    Files.writeString(configMap, Files.readString(configMap).replace(from, to));
    return SandboxFleet.commit("podinfo-config: " + to);
  }

  private void screenshot() throws Exception {
    Path shot = Path.of("target/web-ui.png");
    Files.createDirectories(shot.getParent());
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
  }

  private KustomizationRecord record(String key) {
    return engine.store().getKustomization("demo", key).orElseThrow();
  }

  /** Every edge of a type as "from -> to", read in one script so a redraw cannot split the reading. */
  @SuppressWarnings("unchecked")
  private static List<String> edges(String type) {
    return until(driver -> (List<String>) ((JavascriptExecutor) driver).executeScript(
        "return [...document.querySelectorAll(`#graph path.edge[data-type='${arguments[0]}']`)]"
            + ".map(e => e.dataset.from + ' -> ' + e.dataset.to)", type));
  }

  private static String text(By by) {
    return until(driver -> driver.findElement(by).getText());
  }

  private static String attribute(By by, String name) {
    return until(driver -> driver.findElement(by).getAttribute(name));
  }

  private static void click(By by) {
    until(driver -> {
      driver.findElement(by).click();
      return true;
    });
  }

  private static By cellOf(String id, String column) {
    return By.cssSelector("#fleet tr[data-id='" + id + "'] td." + column);
  }

  private static By row(String id) {
    return By.cssSelector("#fleet tr[data-id='" + id + "']");
  }

  private static By node(String id) {
    return By.cssSelector("#graph g.node[data-id='" + id + "']");
  }

  private static <T> T until(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
    return new WebDriverWait(browser, Duration.ofSeconds(60))
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }
}
