package io.driftless.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.model.helm.HelmChart;
import io.driftless.model.helm.HelmObjects;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmRepository;
import io.driftless.model.helm.OCIRepository;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The beta API versions real repositories still commit are read as the current version: the same
 * object in each version parses to the same spec, a field only the beta version has is refused by
 * name, and a version Flux never had is refused naming what is accepted.
 */
class OlderApiVersionsTest {
  private static final String FILE = "apps/old.yaml";

  private static KubeObject object(String apiVersion, String kind, String spec) {
    return new KubeObject(Yaml.readDocuments(FILE, "apiVersion: " + apiVersion + "\nkind: " + kind
        + "\nmetadata: {name: app, namespace: apps}\nspec: " + spec + "\n").get(0), FILE);
  }

  static Stream<Arguments> olderVersions() {
    String release = "{interval: 1h, chart: {spec: {chart: web, valuesFile: base.yaml, "
        + "sourceRef: {kind: HelmRepository, name: charts}}}, install: {crds: CreateReplace, remediation: {retries: 3}}, "
        + "postRenderers: [{kustomize: {patchesStrategicMerge: [{kind: Deployment, apiVersion: apps/v1, "
        + "metadata: {name: web}}]}}]}";
    String git = "{interval: 1m, url: 'https://example.com/app.git', ref: {branch: main}}";
    String ks = "{interval: 10m, prune: true, path: ./apps, sourceRef: {kind: GitRepository, name: app}}";
    String repo = "{interval: 1h, url: 'https://charts.example.com'}";
    String chart = "{interval: 1h, chart: web, sourceRef: {kind: HelmRepository, name: charts}}";
    String oci = "{interval: 1h, url: 'oci://ghcr.io/example/web'}";
    Function<KubeObject, Object> hr = o -> HelmObjects.helmRelease(o).spec();
    Function<KubeObject, Object> gr = o -> FluxObjects.gitRepository(o).spec();
    Function<KubeObject, Object> kz = o -> FluxObjects.kustomization(o).spec();
    Function<KubeObject, Object> hp = o -> HelmObjects.helmRepository(o).spec();
    Function<KubeObject, Object> hc = o -> HelmObjects.helmChart(o).spec();
    Function<KubeObject, Object> oc = o -> HelmObjects.ociRepository(o).spec();
    return Stream.of(
        Arguments.of(HelmRelease.API_VERSION, "helm.toolkit.fluxcd.io/v2beta2", "HelmRelease", release, hr),
        Arguments.of(HelmRelease.API_VERSION, "helm.toolkit.fluxcd.io/v2beta1", "HelmRelease", release, hr),
        Arguments.of(GitRepository.API_VERSION, "source.toolkit.fluxcd.io/v1beta2", "GitRepository", git, gr),
        Arguments.of(GitRepository.API_VERSION, "source.toolkit.fluxcd.io/v1beta1", "GitRepository", git, gr),
        Arguments.of(Kustomization.API_VERSION, "kustomize.toolkit.fluxcd.io/v1beta2", "Kustomization", ks, kz),
        Arguments.of(Kustomization.API_VERSION, "kustomize.toolkit.fluxcd.io/v1beta1", "Kustomization", ks, kz),
        Arguments.of(HelmRepository.API_VERSION, "source.toolkit.fluxcd.io/v1beta2", "HelmRepository", repo, hp),
        Arguments.of(HelmRepository.API_VERSION, "source.toolkit.fluxcd.io/v1beta1", "HelmRepository", repo, hp),
        Arguments.of(HelmChart.API_VERSION, "source.toolkit.fluxcd.io/v1beta2", "HelmChart", chart, hc),
        Arguments.of(HelmChart.API_VERSION, "source.toolkit.fluxcd.io/v1beta1", "HelmChart", chart, hc),
        Arguments.of(OCIRepository.API_VERSION, OCIRepository.API_VERSION_BETA, "OCIRepository", oci, oc),
        Arguments.of(Receiver.API_VERSION, "notification.toolkit.fluxcd.io/v1beta2", "Receiver",
            "{type: generic, secretRef: {name: token}, resources: [{kind: GitRepository, name: app}]}",
            (Function<KubeObject, Object>) o -> Receivers.parse(o).spec()));
  }

  @ParameterizedTest(name = "{2} {1}")
  @MethodSource("olderVersions")
  void anOlderVersionReadsAsTheCurrentOne(String current, String older, String kind, String spec,
      Function<KubeObject, Object> parse) {
    assertThat(parse.apply(object(older, kind, spec))).isEqualTo(parse.apply(object(current, kind, spec)));
  }

  @Test
  void eachObjectInAnOlderVersionIsLoggedOnceNamingFluxMigrate() {
    List<LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    Handler h = new Handler() {
      @Override public void publish(LogRecord r) {
        logged.add(r);
      }

      @Override public void flush() {}

      @Override public void close() {}
    };
    Logger log = Logger.getLogger(OlderApiVersions.class.getName());
    log.addHandler(h);
    try {
      KubeObject o = new KubeObject(Yaml.readDocuments(FILE, """
          apiVersion: helm.toolkit.fluxcd.io/v2beta2
          kind: HelmRelease
          metadata: {name: logged-once, namespace: apps}
          spec: {interval: 1h, chart: {spec: {chart: web, sourceRef: {kind: HelmRepository, name: charts}}}}
          """).get(0), FILE);
      HelmObjects.helmRelease(o);
      HelmObjects.helmRelease(o);
    } finally {
      log.removeHandler(h);
    }
    assertThat(logged).singleElement().extracting(LogRecord::getMessage).isEqualTo(FILE
        + ": HelmRelease/apps/logged-once: apiVersion helm.toolkit.fluxcd.io/v2beta2 is deprecated and no longer "
        + "served by Flux; read as helm.toolkit.fluxcd.io/v2 (run 'flux migrate -f .' to rewrite it)");
  }

  @Test
  void aKustomizationsLegacyPatchFieldsAreRefusedByName() {
    assertThatThrownBy(() -> FluxObjects.kustomization(object("kustomize.toolkit.fluxcd.io/v1beta2", "Kustomization",
        "{interval: 10m, prune: true, sourceRef: {kind: GitRepository, name: app}, "
            + "patchesStrategicMerge: [{kind: Deployment, apiVersion: apps/v1, metadata: {name: web}}]}")))
        .hasMessage(FILE + ": Kustomization/apps/app: spec.patchesStrategicMerge exists only in "
            + "kustomize.toolkit.fluxcd.io/v1beta2 and is not read by Driftless; write it as spec.patches");
    assertThatThrownBy(() -> FluxObjects.kustomization(object("kustomize.toolkit.fluxcd.io/v1beta1", "Kustomization",
        "{interval: 10m, prune: true, sourceRef: {kind: GitRepository, name: app}, "
            + "patchesJson6902: [{target: {kind: Deployment, name: web}, patch: []}]}")))
        .hasMessageContaining("Kustomization/apps/app: spec.patchesJson6902 exists only in kustomize.toolkit.fluxcd.io/v1beta1");
  }

  @Test
  void aDeletionPolicyFluxDoesNotHaveIsRefusedByName() {
    assertThatThrownBy(() -> FluxObjects.kustomization(object(Kustomization.API_VERSION, "Kustomization",
        "{interval: 10m, prune: true, deletionPolicy: Foreground, sourceRef: {kind: GitRepository, name: app}}")))
        .hasMessage(FILE + ": Kustomization/apps/app: spec.deletionPolicy 'Foreground' is not one of "
            + "MirrorPrune, Delete, WaitForTermination, Orphan");
  }

  @Test
  void aVersionFluxNeverHadNamesWhatIsAccepted() {
    assertThatThrownBy(() -> FluxObjects.gitRepository(object("source.toolkit.fluxcd.io/v2", "GitRepository",
        "{interval: 1m, url: 'https://example.com/app.git'}")))
        .hasMessage(FILE + ": GitRepository/apps/app: apiVersion unsupported version 'source.toolkit.fluxcd.io/v2', "
            + "want source.toolkit.fluxcd.io/v1 (or source.toolkit.fluxcd.io/v1beta2, source.toolkit.fluxcd.io/v1beta1, "
            + "read as source.toolkit.fluxcd.io/v1)");
  }
}
