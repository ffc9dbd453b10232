package io.driftless.functions.http.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.driftless.functions.RegisteredFleet;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The web UI's API in an app started without DRIFTLESS_UI_TOKEN: reads answer, every write is refused. */
@QuarkusTest
@WithTestResource(RegisteredFleet.class)
class UiReadOnlyTest {

  @Test
  void withoutATokenTheApiSaysReadOnlyAndRefusesWritesWith403() {
    given().get("/api/fleet").then().statusCode(200).body("writable", equalTo(false));

    given().header("Authorization", "Bearer guess")
        .post("/api/items/prod/Kustomization/flux-system/flux-system/reconcile")
        .then()
        .statusCode(403)
        .body("error", containsString("read-only"))
        .body("error", containsString("DRIFTLESS_UI_TOKEN"));
  }

  @Test
  void thePageIsServedAtTheRoot() {
    given().get("/").then().statusCode(200).body(containsString("<script type=\"module\" src=\"ui/app.js\">"));
    given().get("/ui/graph.js").then().statusCode(200).body(containsString("export function drawGraph"));
  }

  @Test
  void anUnknownItemIsNotFoundByName() {
    given().get("/api/items/prod/Kustomization/flux-system/nope").then()
        .statusCode(404).body("error", equalTo("Kustomization/flux-system/nope not found on cluster prod"));
  }
}
