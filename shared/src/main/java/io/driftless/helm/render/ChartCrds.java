package io.driftless.helm.render;

import io.driftless.source.helm.ChartArchive;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files under {@code crds/} of a chart and of each subchart under {@code charts/} (directories, as
 * {@code helm package} writes them, and {@code .tgz} as {@link ChartArchive} unpacks them), as Helm's {@code Chart.CRDObjects}: {@code .yaml},
 * {@code .yml} and {@code .json} files in {@code crds/}, parent chart first, each named
 * {@code <chart>/charts/<subchart>/crds/<file>}.
 */
final class ChartCrds {
  private static final Pattern CHART_NAME = Pattern.compile("(?m)^name:\\s*['\"]?([^'\"\\s#]+)");

  private ChartCrds() {}

  static List<ChartCrd> of(String chartPath, List<ChartArchive.Entry> files) {
    List<ChartCrd> crds = new ArrayList<>();
    Map<String, List<ChartArchive.Entry>> subcharts = new LinkedHashMap<>();
    for (ChartArchive.Entry file : files) {
      String name = file.path();
      if (name.startsWith("crds/") && hasManifestExtension(name)) {
        crds.add(new ChartCrd(chartPath + "/" + name, new String(file.data(), StandardCharsets.UTF_8)));
      } else if (name.startsWith("charts/")) {
        String rest = name.substring("charts/".length());
        int slash = rest.indexOf('/');
        if (slash > 0 && !rest.startsWith("_") && !rest.startsWith(".")) {
          subcharts.computeIfAbsent(rest.substring(0, slash), key -> new ArrayList<>())
              .add(new ChartArchive.Entry(rest.substring(slash + 1), file.data()));
        }
      }
    }
    subcharts.forEach((dir, sub) -> crds.addAll(of(chartPath + "/charts/" + chartName(sub, dir), sub)));
    return crds;
  }

  private static String chartName(List<ChartArchive.Entry> files, String fallback) {
    for (ChartArchive.Entry file : files) {
      if (file.path().equals("Chart.yaml")) {
        Matcher name = CHART_NAME.matcher(new String(file.data(), StandardCharsets.UTF_8));
        if (name.find()) {
          return name.group(1);
        }
      }
    }
    return fallback;
  }

  private static boolean hasManifestExtension(String name) {
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }
}
