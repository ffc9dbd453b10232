package io.driftless.testing;

import com.marcnuri.helm.Helm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Real Helm charts made by the tests, the one place that writes them: the chart "web"
 * ({@link #writeChart}: Chart.yaml, values.yaml, values.schema.json, templates using Sprig functions and
 * {@code _helpers.tpl}, a hook with a weight and delete policy, {@code crds/} and a subchart under
 * {@code charts/}), packaged as {@code helm package} does ({@code <name>/...} entries in a gzipped tar),
 * and the chart "shop" ({@link #shop}) that the renderer's tests compare with Helm's own output.
 */
public final class TestCharts {
  private TestCharts() {}

  /** Writes the chart {@code name} at {@code version} under {@code parent}/{@code name}. */
  public static Path writeChart(Path parent, String name, String version) {
    Path dir = parent.resolve(name);
    write(dir.resolve("Chart.yaml"), """
        apiVersion: v2
        name: %s
        description: A chart made by a Driftless test
        type: application
        version: %s
        appVersion: "1.0.0"
        dependencies:
          - name: cache
            version: 0.1.0
        """.formatted(name, version));
    write(dir.resolve("values.yaml"), """
        replicaCount: 1
        image: {repository: ghcr.io/example/web, tag: "1.0.0"}
        cache: {enabled: true}
        """);
    write(dir.resolve("values.schema.json"), """
        {"$schema": "https://json-schema.org/draft-07/schema#", "type": "object",
         "properties": {"replicaCount": {"type": "integer", "minimum": 0}}}
        """);
    write(dir.resolve("templates/_helpers.tpl"), """
        {{- define "web.fullname" -}}
        {{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
        {{- end -}}
        """);
    write(dir.resolve("templates/deployment.yaml"), """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ include "web.fullname" . }}
          labels: {app: {{ .Chart.Name | quote }}, version: {{ .Chart.Version | replace "+" "_" | quote }}}
        spec:
          replicas: {{ .Values.replicaCount }}
          selector: {matchLabels: {app: {{ .Chart.Name | quote }}}}
          template:
            metadata: {labels: {app: {{ .Chart.Name | quote }}}}
            spec:
              containers:
                - name: web
                  image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
        """);
    write(dir.resolve("templates/hook-job.yaml"), """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: {{ include "web.fullname" . }}-migrate
          annotations:
            "helm.sh/hook": pre-install,pre-upgrade
            "helm.sh/hook-weight": "-5"
            "helm.sh/hook-delete-policy": before-hook-creation,hook-succeeded
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: migrate, image: busybox, command: [sh, -c, "echo migrate"]}]
        """);
    write(dir.resolve("crds/widgets.yaml"), crd("example.com", "widgets"));
    write(dir.resolve("charts/cache/Chart.yaml"), """
        apiVersion: v2
        name: cache
        version: 0.1.0
        """);
    write(dir.resolve("charts/cache/values.yaml"), "port: 6379\n");
    write(dir.resolve("charts/cache/templates/service.yaml"), """
        apiVersion: v1
        kind: Service
        metadata: {name: {{ .Release.Name }}-cache}
        spec: {ports: [{port: {{ .Values.port }}}]}
        """);
    return dir;
  }

  /**
   * Adds a hook Job to a chart: {@code events} as {@code helm.sh/hook} takes them, its weight, its delete
   * policies ({@code ""} for none); with {@code fails} it carries the label the sandbox and the kubelet
   * stand-in read to mark the Job Failed instead of Complete.
   */
  public static void writeHookJob(Path chartDir, String name, String events, int weight, String policies,
      boolean fails) {
    String policy = policies.isEmpty() ? "" : "\n    \"helm.sh/hook-delete-policy\": " + policies;
    String label = fails ? "\n  labels: {driftless.test/job-outcome: Failed}" : "";
    write(chartDir.resolve("templates/hook-" + name + ".yaml"), """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: {{ .Release.Name }}-%s%s
          annotations:
            "helm.sh/hook": %s
            "helm.sh/hook-weight": "%d"%s
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: hook, image: busybox, command: [sh, -c, "echo %s"]}]
        """.formatted(name, label, events, weight, policy, name));
  }

  /**
   * The chart "shop" under {@code parent}/shop: Sprig functions, a {@code _helpers.tpl}, a packaged
   * subchart "cache" with its own {@code crds/}, its own {@code crds/}, a {@code values.schema.json},
   * NOTES.txt, weighted hooks with delete policies (one with its hook annotations coming from values, as
   * cert-manager does), and a test hook. Hooks are ConfigMaps so that Helm never waits for them.
   */
  public static Path shop(Path parent) throws IOException {
    Path cache = Files.createDirectories(parent.resolve("src/cache"));
    write(cache.resolve("Chart.yaml"), "apiVersion: v2\nname: cache\nversion: 0.1.0\n");
    write(cache.resolve("values.yaml"), "port: 6379\n");
    write(cache.resolve("templates/service.yaml"), """
        apiVersion: v1
        kind: Service
        metadata:
          name: {{ .Release.Name }}-cache
        spec:
          ports:
            - port: {{ .Values.port }}
        """);
    write(cache.resolve("crds/caches.yaml"), crd("test.driftless.io", "caches"));

    Path shop = Files.createDirectories(parent.resolve("shop"));
    write(shop.resolve("Chart.yaml"), """
        apiVersion: v2
        name: shop
        description: A chart the tests make
        version: 1.2.3
        appVersion: "2.0"
        keywords: [test, shop]
        maintainers:
          - name: Driftless
            email: dev@example.com
        dependencies:
          - name: cache
            version: 0.1.0
            repository: ""
        """);
    write(shop.resolve(".helmignore"), "*.bak\n");
    write(shop.resolve("ignored.bak"), "left out by .helmignore\n");
    write(shop.resolve("README.md"), "# shop\n");
    write(shop.resolve("values.yaml"), """
        replicas: 1
        greeting: hello
        settings:
          color: blue
          size: 3
        cache:
          port: 6380
        postHookAnnotations:
          helm.sh/hook: post-install,post-upgrade
          helm.sh/hook-weight: "3"
        """);
    write(shop.resolve("values.schema.json"), """
        {"$schema": "https://json-schema.org/draft-07/schema#", "type": "object",
         "properties": {"replicas": {"type": "integer", "minimum": 0}}, "required": ["replicas"]}
        """);
    write(shop.resolve("templates/_helpers.tpl"), """
        {{- define "shop.fullname" -}}
        {{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
        {{- end -}}
        """);
    write(shop.resolve("templates/configmap.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ include "shop.fullname" . }}
          labels:
            app.kubernetes.io/managed-by: {{ .Release.Service }}
        data:
          greeting: {{ .Values.greeting | upper | quote }}
          encoded: {{ .Values.greeting | b64enc }}
          kube: {{ .Capabilities.KubeVersion.Version | quote }}
          fallback: {{ .Values.missing | default "none" }}
          settings: |
            {{- toYaml .Values.settings | nindent 4 }}
          {{- range $i, $k := list "a" "b" }}
          item-{{ $i }}: {{ $k }}
          {{- end }}
        """);
    write(shop.resolve("templates/deployment.yaml"), """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ include "shop.fullname" . }}
        spec:
          replicas: {{ .Values.replicas }}
          selector:
            matchLabels: {app: shop}
          template:
            metadata:
              labels: {app: shop}
              annotations:
                checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
            spec:
              containers:
                - name: shop
                  image: "nginx:{{ .Chart.AppVersion }}"
        """);
    write(shop.resolve("templates/migrate-hook.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ include "shop.fullname" . }}-migrate
          annotations:
            "helm.sh/hook": pre-install,pre-upgrade
            "helm.sh/hook-weight": "-5"
            "helm.sh/hook-delete-policy": before-hook-creation
        data:
          step: migrate
        """);
    write(shop.resolve("templates/post-hook.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ include "shop.fullname" . }}-post
          annotations:
            {{- toYaml .Values.postHookAnnotations | nindent 4 }}
        data:
          step: post
        """);
    write(shop.resolve("templates/unknown-hook.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ include "shop.fullname" . }}-unknown
          annotations:
            "helm.sh/hook": pre-everything
        """);
    write(shop.resolve("templates/tests/test-connection.yaml"), """
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{ include "shop.fullname" . }}-test
          annotations:
            "helm.sh/hook": test
        spec:
          containers:
            - name: wget
              image: busybox
          restartPolicy: Never
        """);
    write(shop.resolve("templates/NOTES.txt"), "Thank you for installing {{ .Chart.Name }} as {{ .Release.Name }}"
        + " in {{ .Release.Namespace }}.\nGreeting: {{ .Values.greeting }}\n");
    write(shop.resolve("crds/widgets.yaml"), crd("test.driftless.io", "widgets"));
    Path charts = Files.createDirectories(shop.resolve("charts"));
    new Helm(cache).packageIt().withDestination(charts).call();
    return shop;
  }

  /** The chart directory packaged as {@code helm package} would: a .tgz of {@code <name>/...}. */
  public static byte[] packageChart(Path chartDir) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      List<Path> files;
      try (Stream<Path> walk = Files.walk(chartDir)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      String top = chartDir.getFileName().toString();
      for (Path f : files) {
        byte[] content = Files.readAllBytes(f);
        TarArchiveEntry e = new TarArchiveEntry(top + "/" + chartDir.relativize(f).toString().replace('\\', '/'));
        e.setSize(content.length);
        e.setMode(0644);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A packaged test chart {@code name-version.tgz}, built in {@code work}. */
  public static byte[] packaged(Path work, String name, String version) {
    return packageChart(writeChart(work.resolve(name + "-" + version), name, version));
  }

  /** A namespaced CRD serving v1 of {@code plural}.{@code group} (kind: the singular, capitalised). */
  public static String crd(String group, String plural) {
    return """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: %s.%s
        spec:
          group: %s
          names: {kind: %s, plural: %s, singular: %s}
          scope: Namespaced
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """.formatted(plural, group, group, Character.toUpperCase(plural.charAt(0)) + plural.substring(1, plural.length() - 1),
        plural, plural.substring(0, plural.length() - 1));
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
