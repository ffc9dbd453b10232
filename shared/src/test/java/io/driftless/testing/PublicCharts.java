package io.driftless.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Public charts packaged from their own sources, as their projects' release builds do, with nothing
 * but the build steps those need (each method says which). The sources are snapshots of the projects'
 * Git repositories under {@code DRIFTLESS_MIRRORS} (default {@code /work/.mirror}, one bare repository
 * per project at {@code owner+name/repo}), or, where none is there (CI), the paths the tests read kept
 * as test data: {@code public-sources/owner+name@ref.tar.gz}, {@code git archive} of those paths at that
 * ref (public-sources/README.md names each commit); a test whose source is in neither is aborted, naming it.
 */
public final class PublicCharts {
  public static final Path MIRRORS = Path.of(System.getenv().getOrDefault("DRIFTLESS_MIRRORS", "/work/.mirror"));

  private PublicCharts() {}

  /** Where the test data keeps {@code git archive} snapshots: {@code owner+name@ref.tar.gz}. */
  private static final Path KEPT = Path.of("src/test/resources/public-sources");

  /**
   * The bare Git repository of {@code owner/name}, else the test data's directory of its snapshots;
   * aborts the calling test when neither is there.
   */
  public static Path mirror(String ownerName) {
    String dirName = ownerName.replace('/', '+');
    Path repo = MIRRORS.resolve(dirName).resolve("repo");
    if (Files.isDirectory(repo)) {
      return repo;
    }
    boolean kept;
    try (Stream<Path> files = Files.isDirectory(KEPT) ? Files.list(KEPT) : Stream.empty()) {
      kept = files.anyMatch(f -> f.getFileName().toString().startsWith(dirName + "@"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Assumptions.assumeTrue(kept, () -> {
      String why = "no snapshot of github.com/" + ownerName + " at " + repo + " (set DRIFTLESS_MIRRORS) nor in " + KEPT;
      System.err.println("SKIPPED: " + why);
      return why;
    });
    return KEPT.resolve(dirName);
  }

  /** {@code path} of {@code repo} (a {@link #mirror}) at {@code ref} written under {@code dir}; {@code dir/path}. */
  public static Path export(Path repo, String ref, String path, Path dir) {
    try {
      Files.createDirectories(dir);
      Path kept = repo.resolveSibling(repo.getFileName() + "@" + ref + ".tar.gz");
      ProcessBuilder command = Files.isRegularFile(kept)
          ? new ProcessBuilder(path.equals(".") ? List.of("tar", "-xzf", kept.toString(), "-C", dir.toString())
              : List.of("tar", "-xzf", kept.toString(), "-C", dir.toString(), path))
          : new ProcessBuilder("sh", "-c", "git --git-dir=\"$0\" archive \"$1\" \"$2\" | tar -x -C \"$3\"",
              repo.toString(), ref, path, dir.toString());
      Process p = command.redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException("exporting " + path + " at " + ref + " of " + repo + ": " + out);
      }
      return dir.resolve(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** stefanprodan/podinfo's chart at tag {@code version} (e.g. 6.2.3): the directory as it is. */
  public static byte[] podinfo(Path work, String version) {
    return TestCharts.packageChart(export(mirror("stefanprodan/podinfo"), version, "charts/podinfo", work.resolve("podinfo")));
  }

  /**
   * cert-manager's chart at tag {@code version} (e.g. v1.10.2), built as its make/manifests.mk does:
   * Chart.yaml from Chart.template.yaml with version and appVersion set, templates/crds.yaml the CRDs of
   * deploy/crds joined by {@code ---} inside {@code if .Values.installCRDs}. Not done: README and the
   * signing-key annotation (neither is read by Helm when it renders).
   */
  public static byte[] certManager(Path work, String version) {
    Path repo = mirror("cert-manager/cert-manager");
    Path chart = export(repo, version, "deploy/charts/cert-manager", work.resolve("cert-manager"));
    Path crds = export(repo, version, "deploy/crds", work.resolve("cert-manager"));
    try {
      String template = Files.readString(chart.resolve("Chart.template.yaml"));
      Files.writeString(chart.resolve("Chart.yaml"), template
          .replace("version: v0.1.0", "version: " + version)
          .replace("appVersion: v0.1.0", "appVersion: " + version)
          .replace("{{IS_PRERELEASE}}", "false"));
      Files.delete(chart.resolve("Chart.template.yaml"));
      List<Path> files;
      try (Stream<Path> s = Files.list(crds)) {
        files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      }
      StringBuilder joined = new StringBuilder("{{- if .Values.installCRDs }}\n");
      for (int i = 0; i < files.size(); i++) {
        joined.append(i == 0 ? "" : "---\n").append(Files.readString(files.get(i)));
      }
      Files.writeString(chart.resolve("templates/crds.yaml"), joined.append("{{- end }}\n").toString());
      return packageAs(chart, "cert-manager");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * envoyproxy/gateway's gateway-helm at tag {@code version} (e.g. v1.9.0), built as its
   * tools/make/helm.mk does: values.yaml from values.tmpl.yaml with the image
   * {@code docker.io/envoyproxy/gateway:<version>} and pull policy IfNotPresent substituted, version and
   * appVersion set; its crds subchart is already vendored under charts/.
   */
  public static byte[] envoyGateway(Path work, String version) {
    Path chart = export(mirror("envoyproxy/gateway"), version, "charts/gateway-helm", work.resolve("envoy-gateway"));
    try {
      Files.writeString(chart.resolve("values.yaml"), substitute(Files.readString(chart.resolve("values.tmpl.yaml")),
          Map.of("GatewayImage", "docker.io/envoyproxy/gateway:" + version, "GatewayImagePullPolicy", "IfNotPresent")));
      Files.delete(chart.resolve("values.tmpl.yaml"));
      Files.writeString(chart.resolve("Chart.yaml"), Files.readString(chart.resolve("Chart.yaml"))
          .replace("version: v0.0.0-latest", "version: " + version)
          .replace("appVersion: \"latest\"", "appVersion: \"" + version + "\""));
      return packageAs(chart, "gateway-helm");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * bjw-s-labs/helm-charts' {@code path} at tag {@code tag} (e.g. charts/other/app-template at
   * app-template-4.1.1), with each library ({@code path@tag}, e.g. charts/library/common@common-4.1.1)
   * vendored under charts/ as {@code helm dependency build} puts the dependency its Chart.yaml names;
   * {@code versionAs}, when not null, replaces the chart's {@code version} (to stand in for a release the
   * snapshot does not hold: Flux refuses a chart whose version is not the tag it was pulled by);
   * {@code strip} leaves out what a bench run asks to see past (see {@link Strip}).
   */
  public static byte[] bjwsChart(Path work, String tag, String path, String versionAs, Set<Strip> strip,
      String... libraries) {
    Path repo = mirror("bjw-s-labs/helm-charts");
    Path chart = export(repo, tag, path, work.resolve("bjw-s"));
    for (String library : libraries) {
      String[] at = library.split("@", 2);
      Path lib = export(repo, at[1], at[0], work.resolve("bjw-s-lib"));
      try {
        Files.createDirectories(chart.resolve("charts"));
        Files.move(lib, chart.resolve("charts").resolve(lib.getFileName()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try {
      if (strip.contains(Strip.VALUES_SCHEMA)) {
        try (Stream<Path> all = Files.walk(chart)) {
          for (Path schema : all.filter(f -> f.getFileName().toString().equals("values.schema.json")).toList()) {
            Files.delete(schema);
          }
        }
      }
      Path meta = chart.resolve("Chart.yaml");
      if (versionAs != null) {
        Files.writeString(meta, Files.readString(meta).replaceFirst("(?m)^version: .*$", "version: " + versionAs));
      }
      if (strip.contains(Strip.KUBE_VERSION)) {
        Files.writeString(meta, Files.readString(meta).replaceFirst("(?m)^kubeVersion: .*\n", ""));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return packageAs(chart, chart.getFileName().toString());
  }

  /** What a bench run may take out of a chart to see what fails after it. */
  public enum Strip {
    /** Every values.schema.json (bjw-s's $ref schemas on raw.githubusercontent.com, which Helm loads). */
    VALUES_SCHEMA,
    /** The chart's own kubeVersion constraint (app-template's {@code >=1.28.0-0}). */
    KUBE_VERSION
  }

  /** {@code chart} packaged with its top directory named {@code name}, as {@code helm package} names it. */
  private static byte[] packageAs(Path chart, String name) {
    if (chart.getFileName().toString().equals(name)) {
      return TestCharts.packageChart(chart);
    }
    Path renamed = chart.resolveSibling(name);
    try {
      Files.move(chart, renamed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return TestCharts.packageChart(renamed);
  }

  private static String substitute(String text, Map<String, String> vars) {
    String out = text;
    for (Map.Entry<String, String> v : vars.entrySet()) {
      out = out.replace("${" + v.getKey() + "}", v.getValue());
    }
    return out;
  }
}
