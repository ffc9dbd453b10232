package io.driftless.testing;

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
 * Real Helm charts made by the tests: a chart directory with Chart.yaml, values.yaml,
 * values.schema.json, templates using Sprig functions and {@code _helpers.tpl}, a hook with a
 * weight and delete policy, {@code crds/} and a subchart under {@code charts/}; packaged as
 * {@code helm package} does ({@code <name>/...} entries in a gzipped tar).
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
    write(dir.resolve("crds/widgets.yaml"), """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          names: {kind: Widget, plural: widgets, singular: widget}
          scope: Namespaced
          versions:
            - name: v1
              served: true
              storage: true
              schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        """);
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

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
