package io.driftless.source.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.source.DecompressionBudget;
import io.driftless.testing.ChartBombs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ChartArchiveTest {
  /** A minimal ustar writer: PAX headers for long names, as Go's archive/tar writes them. */
  private static final class Tar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Tar file(String name, String content) throws IOException {
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      if (name.length() > 100) {
        String record = " path=" + name + "\n";
        int length = record.length() + 3;
        record = length + record;
        entry("PaxHeaders/x", 'x', record.getBytes(StandardCharsets.UTF_8));
        name = name.substring(0, 99);
      }
      entry(name, '0', data);
      return this;
    }

    Tar dir(String name) throws IOException {
      entry(name, '5', new byte[0]);
      return this;
    }

    private void entry(String name, char type, byte[] data) throws IOException {
      byte[] header = new byte[512];
      put(header, 0, name);
      put(header, 100, "0000644");
      put(header, 124, String.format("%011o", data.length));
      header[156] = (byte) type;
      put(header, 257, "ustar");
      out.write(header);
      out.write(data);
      out.write(new byte[(512 - data.length % 512) % 512]);
    }

    private static void put(byte[] header, int offset, String text) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    ByteArrayInputStream gzip() throws IOException {
      out.write(new byte[1024]);
      ByteArrayOutputStream compressed = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
        gzip.write(out.toByteArray());
      }
      return new ByteArrayInputStream(compressed.toByteArray());
    }
  }

  @Test
  void filesComeWithoutTheChartDirectoryAndDirectoriesAreSkipped() throws IOException {
    List<ChartArchive.Entry> entries = ChartArchive.read(new Tar().dir("shop/").file("shop/Chart.yaml", "name: shop")
        .file("shop/templates/a.yaml", "kind: A").gzip(), "chart shop.tgz");

    assertThat(entries).extracting(ChartArchive.Entry::path).containsExactly("Chart.yaml", "templates/a.yaml");
    assertThat(new String(entries.get(1).data(), StandardCharsets.UTF_8)).isEqualTo("kind: A");
  }

  @Test
  void aLongPaxNameIsRead() throws IOException {
    String longName = "shop/templates/" + "x".repeat(120) + ".yaml";
    List<ChartArchive.Entry> entries = ChartArchive.read(new Tar().file(longName, "kind: B").gzip(), "chart shop.tgz");

    assertThat(entries).extracting(ChartArchive.Entry::path).containsExactly(longName.substring("shop/".length()));
  }

  @Test
  void aFileOutsideTheChartDirectoryIsRefusedWithTheArchiveNamed() throws IOException {
    Tar tar = new Tar().file("shop/../../etc/passwd", "x");

    assertThatThrownBy(() -> ChartArchive.read(tar.gzip(), "chart evil.tgz"))
        .isInstanceOf(IOException.class)
        .hasMessage("chart evil.tgz: chart file shop/../../etc/passwd leaves the chart directory");
  }

  @Test
  void aFileBesideTheChartDirectoryIsIgnoredAsHelmDoes() throws IOException {
    List<ChartArchive.Entry> entries = ChartArchive.read(new Tar().file("README", "x").file("shop/Chart.yaml", "n").gzip(),
        "chart shop.tgz");

    assertThat(entries).extracting(ChartArchive.Entry::path).containsExactly("Chart.yaml");
  }

  @Test
  void anAbsolutePathIsRefused() throws IOException {
    Tar tar = new Tar().file("/shop/Chart.yaml", "x");

    assertThatThrownBy(() -> ChartArchive.read(tar.gzip(), "chart evil.tgz"))
        .isInstanceOf(IOException.class)
        .hasMessage("chart evil.tgz: chart file /shop/Chart.yaml has an absolute path");
  }

  @Test
  void theMetadataComesFromTheTopLevelChartYaml() throws IOException {
    byte[] tgz = new Tar().file("shop/charts/cache/Chart.yaml", "name: cache\nversion: 0.1.0")
        .file("shop/Chart.yaml", "name: shop\nversion: 1.2.3").gzip().readAllBytes();

    assertThat(ChartArchive.metadata(tgz, "chart shop.tgz")).isEqualTo(new ChartArchive.Metadata("shop", "1.2.3"));
  }

  @Test
  void somethingThatIsNotGzipIsSaidToBeNoChartArchive() {
    assertThatThrownBy(() -> ChartArchive.metadata("<html>".getBytes(StandardCharsets.UTF_8), "chart shop.tgz"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("chart shop.tgz is not a chart archive (gzipped tar): ");
  }

  @Test
  void subchartArchivesAreExpandedInPlaceButNotThoseHelmIgnores() throws IOException {
    byte[] inner = new ChartBombs().file("inner/Chart.yaml", "name: inner").tgz();
    byte[] sub = new ChartBombs().file("sub/Chart.yaml", "name: sub").file("sub/charts/inner-1.0.0.tgz", inner).tgz();
    byte[] web = new ChartBombs().file("web/Chart.yaml", "name: web").file("web/charts/sub-1.0.0.tgz", sub)
        .file("web/charts/_ignored.tgz", "not a chart").file("web/files/data.tgz", "not a subchart").tgz();

    assertThat(ChartArchive.read(new ByteArrayInputStream(web), "chart web.tgz")).extracting(ChartArchive.Entry::path)
        .containsExactly("Chart.yaml", "charts/sub-1.0.0/Chart.yaml", "charts/sub-1.0.0/charts/inner-1.0.0/Chart.yaml",
            "charts/_ignored.tgz", "files/data.tgz");
  }

  @Test
  void subchartArchivesNestedDeeperThanTheLimitAreRefused() {
    byte[] chart = new ChartBombs().file("c/Chart.yaml", "name: c").tgz();
    for (int depth = 0; depth <= ChartArchive.MAX_DEPTH; depth++) {
      chart = new ChartBombs().file("c/Chart.yaml", "name: c").file("c/charts/c.tgz", chart).tgz();
    }
    byte[] tgz = chart;

    assertThatThrownBy(() -> ChartArchive.read(new ByteArrayInputStream(tgz), "chart c.tgz"))
        .isInstanceOf(DecompressionBudget.LimitException.class)
        .hasMessage("chart c.tgz: " + "charts/c/".repeat(ChartArchive.MAX_DEPTH) + "charts/c.tgz"
            + " nests archives more than 10 deep");
  }

  @Test
  void aBrokenSubchartArchiveIsNamed() {
    byte[] tgz = new ChartBombs().file("web/Chart.yaml", "name: web").file("web/charts/sub.tgz", "<html>").tgz();

    assertThatThrownBy(() -> ChartArchive.read(new ByteArrayInputStream(tgz), "chart web.tgz"))
        .hasMessage("chart web.tgz: charts/sub.tgz: not a gzipped chart archive");
  }

  @Test
  void filesEachUnderTheLimitExpandPastTheBudgetTogether() {
    ChartBombs bomb = new ChartBombs().file("web/Chart.yaml", "name: web");
    for (int i = 0; i < 30; i++) {
      bomb.zeros("web/files/z" + i, 1);
    }
    byte[] tgz = bomb.tgz();

    assertThatThrownBy(() -> ChartArchive.read(new ByteArrayInputStream(tgz), "chart web.tgz"))
        .hasMessage("chart web.tgz expands past 100 MiB");
  }
}
