package io.driftless.testing;

import io.driftless.model.KubeObject;
import io.driftless.model.Yaml;
import io.driftless.model.helm.HelmObjects;
import io.driftless.model.helm.HelmRelease;

/** HelmReleases parsed from YAML for unit tests: chart web from HelmRepository charts. */
public final class TestHelmReleases {
  private TestHelmReleases() {}

  /** HelmRelease {@code apps/<name>}; {@code extraSpec} holds more spec lines, each indented by two spaces. */
  public static HelmRelease parse(String name, String extraSpec) {
    String yaml = """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: %s, namespace: apps}
        spec:
          interval: 10m
          chart: {spec: {chart: web, sourceRef: {kind: HelmRepository, name: charts}}}
        """.formatted(name) + extraSpec;
    return HelmObjects.helmRelease(new KubeObject(Yaml.readDocuments("release.yaml", yaml).get(0), "release.yaml"));
  }
}
