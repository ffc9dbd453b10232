package io.driftless.functions.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its chromedriver (packages {@code chromium} and
 * {@code chromium-driver}; .ci/run installs them). Without them the browser tests fail on CI and are
 * skipped elsewhere with one loud line.
 */
final class Chromium {
  private Chromium() {}

  static ChromeDriver headless() {
    Optional<Path> browser = first(System.getenv("CHROME_BIN"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
    Optional<Path> driver = first(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    if (browser.isEmpty() || driver.isEmpty()) {
      String missing = "*** NO CHROMIUM: the web UI's browser tests need Debian's chromium and chromium-driver"
          + " (apt-get install chromium chromium-driver) ***";
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(missing);
      }
      System.err.println(missing);
      Assumptions.abort(missing);
    }
    ChromeOptions options = new ChromeOptions()
        .setBinary(browser.get().toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1440,2200", "--no-first-run", "--disable-extensions");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(driver.get().toFile())
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }

  private static Optional<Path> first(String... candidates) {
    return Stream.of(candidates).filter(c -> c != null && !c.isBlank()).map(Path::of)
        .filter(Files::isExecutable).findFirst();
  }
}
