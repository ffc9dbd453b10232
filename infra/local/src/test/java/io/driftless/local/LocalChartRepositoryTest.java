package io.driftless.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's chart repository: what Helm fetches from it, and the URL it points a copy of examples/ at. */
class LocalChartRepositoryTest {
  private static final Path EXAMPLES = Path.of("../../examples");
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path tmp;

  private byte[] get(String url) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    return r.body();
  }

  @Test
  void theExampleChartIsIndexedWithItsDigestAndPackagedUnderItsName() throws Exception {
    try (LocalChartRepository charts = LocalChartRepository.serve(EXAMPLES.resolve("charts"))) {
      String index = new String(get(charts.url() + "index.yaml"));
      byte[] archive = get(charts.url() + "hello-0.1.0.tgz");

      String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
      assertThat(index).contains("hello:").contains("version: \"0.1.0\"").contains("hello-0.1.0.tgz").contains(digest);
      List<String> entries = new ArrayList<>();
      try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(archive)))) {
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
          entries.add(e.getName());
        }
      }
      assertThat(entries).contains("hello/Chart.yaml", "hello/values.yaml", "hello/templates/configmap.yaml");
    }
  }

  @Test
  void whenTheExamplesPortIsTakenASecondRepositoryMovesAndRewritesTheCopy() throws Exception {
    Path copy = Files.createDirectories(tmp.resolve("copy/infrastructure"));
    Files.copy(EXAMPLES.resolve("infrastructure/hello/helmrepository.yaml"), copy.resolve("helmrepository.yaml"));
    try (LocalChartRepository first = LocalChartRepository.servePreferringExamplesPort(EXAMPLES.resolve("charts"));
        LocalChartRepository second = LocalChartRepository.servePreferringExamplesPort(EXAMPLES.resolve("charts"))) {
      LocalChartRepository moved = first.url().equals(LocalChartRepository.EXAMPLES_URL) ? second : first;

      List<Path> changed = moved.pointExamplesAt(tmp.resolve("copy"));

      assertThat(moved.url()).isNotEqualTo(LocalChartRepository.EXAMPLES_URL);
      assertThat(changed).containsExactly(copy.resolve("helmrepository.yaml"));
      assertThat(Files.readString(copy.resolve("helmrepository.yaml"))).contains("url: " + moved.url())
          .doesNotContain(LocalChartRepository.EXAMPLES_URL);
      assertThat(get(moved.url() + "index.yaml")).isNotEmpty();
    }
  }
}
