package io.driftless.helm.render;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Charts the Helm tests make on disk: "shop" uses Sprig functions, a {@code _helpers.tpl}, a packaged
 * subchart "cache" with its own {@code crds/}, its own {@code crds/}, a {@code values.schema.json},
 * NOTES.txt, weighted hooks with delete policies (one with its hook annotations coming from values, as
 * cert-manager does), and a test hook. Hooks are ConfigMaps so that Helm never waits for them.
 */
public final class TestCharts {
  private TestCharts() {}

  public static Path shop(Path parent) throws IOException {
    Path cache = Files.createDirectories(parent.resolve("src/cache"));
    write(cache, "Chart.yaml", "apiVersion: v2\nname: cache\nversion: 0.1.0\n");
    write(cache, "values.yaml", "port: 6379\n");
    write(cache, "templates/service.yaml", """
        apiVersion: v1
        kind: Service
        metadata:
          name: {{ .Release.Name }}-cache
        spec:
          ports:
            - port: {{ .Values.port }}
        """);
    write(cache, "crds/caches.yaml", crd("caches"));

    Path shop = Files.createDirectories(parent.resolve("shop"));
    write(shop, "Chart.yaml", """
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
    write(shop, ".helmignore", "*.bak\n");
    write(shop, "ignored.bak", "left out by .helmignore\n");
    write(shop, "README.md", "# shop\n");
    write(shop, "values.yaml", """
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
    write(shop, "values.schema.json", """
        {"$schema": "https://json-schema.org/draft-07/schema#", "type": "object",
         "properties": {"replicas": {"type": "integer", "minimum": 0}}, "required": ["replicas"]}
        """);
    write(shop, "templates/_helpers.tpl", """
        {{- define "shop.fullname" -}}
        {{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
        {{- end -}}
        """);
    write(shop, "templates/configmap.yaml", """
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
    write(shop, "templates/deployment.yaml", """
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
    write(shop, "templates/migrate-hook.yaml", """
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
    write(shop, "templates/post-hook.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ include "shop.fullname" . }}-post
          annotations:
            {{- toYaml .Values.postHookAnnotations | nindent 4 }}
        data:
          step: post
        """);
    write(shop, "templates/unknown-hook.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ include "shop.fullname" . }}-unknown
          annotations:
            "helm.sh/hook": pre-everything
        """);
    write(shop, "templates/tests/test-connection.yaml", """
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
    write(shop, "templates/NOTES.txt", "Thank you for installing {{ .Chart.Name }} as {{ .Release.Name }}"
        + " in {{ .Release.Namespace }}.\nGreeting: {{ .Values.greeting }}\n");
    write(shop, "crds/widgets.yaml", crd("widgets"));
    Path charts = Files.createDirectories(shop.resolve("charts"));
    new Helm(cache).packageIt().withDestination(charts).call();
    return shop;
  }

  private static String crd(String plural) {
    return """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: %s.test.driftless.io
        spec:
          group: test.driftless.io
          names: {kind: %s, plural: %s, singular: %s}
          scope: Namespaced
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """.formatted(plural, Character.toUpperCase(plural.charAt(0)) + plural.substring(1, plural.length() - 1),
        plural, plural.substring(0, plural.length() - 1));
  }

  private static void write(Path dir, String path, String content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
