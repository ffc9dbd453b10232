package io.driftless.pipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The benchmark's chart "bench": {@code count} objects, ConfigMaps, Services and Deployments in turn. */
final class BenchChart {
  private BenchChart() {}

  static Path write(Path dir, int count) throws IOException {
    Files.createDirectories(dir.resolve("templates"));
    Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: bench\nversion: 1.0.0\n");
    Files.writeString(dir.resolve("values.yaml"), "count: " + count + "\ngreeting: hello\n");
    Files.writeString(dir.resolve("templates/objects.yaml"), """
        {{- range $i := until (int .Values.count) }}
        {{- $m := mod $i 3 }}
        ---
        {{- if eq $m 0 }}
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: config-{{ $i }}
        data:
          greeting: {{ $.Values.greeting | quote }}
        {{- else if eq $m 1 }}
        apiVersion: v1
        kind: Service
        metadata:
          name: service-{{ $i }}
        spec:
          selector: {app: app-{{ $i }}}
          ports: [{port: 80, protocol: TCP}]
        {{- else }}
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: deployment-{{ $i }}
        spec:
          replicas: 1
          selector: {matchLabels: {app: app-{{ $i }}}}
          template:
            metadata: {labels: {app: app-{{ $i }}}}
            spec:
              containers: [{name: web, image: "nginx:1.25", ports: [{containerPort: 80, protocol: TCP}]}]
        {{- end }}
        {{- end }}
        """);
    return dir;
  }
}
