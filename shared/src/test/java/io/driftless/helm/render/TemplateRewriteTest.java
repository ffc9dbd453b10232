package io.driftless.helm.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The forms of {@code lookup} and {@code .APIVersions} real charts write, and what each becomes. */
class TemplateRewriteTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", quoteCharacter = '~', textBlock = """
      {{ $s := lookup "v1" "Secret" .Release.Namespace "pw" }} => {{ $s := list "v1" "Secret" .Release.Namespace "pw" | include "driftless.lookup" | fromJson }}
      {{- if not (lookup "v1" "Secret" $ns (printf "%s-pw" $name)) -}} => {{- if not (list "v1" "Secret" $ns (printf "%s-pw" $name) | include "driftless.lookup" | fromJson) -}}
      {{ (lookup "v1" "ConfigMap" "ns" "cm").data.key | default "x" }} => {{ (list "v1" "ConfigMap" "ns" "cm" | include "driftless.lookup" | fromJson).data.key | default "x" }}
      {{ "cm" | lookup "v1" "ConfigMap" "ns" | toYaml }} => {{ "cm" | list "v1" "ConfigMap" "ns" | include "driftless.lookup" | fromJson | toYaml }}
      {{ .Values.lookup }} {{ "lookup x" }} lookup => {{ .Values.lookup }} {{ "lookup x" }} lookup
      {{/* lookup "v1" "Secret" "a" "b" */}} => {{/* lookup "v1" "Secret" "a" "b" */}}
      {{- if .Capabilities.APIVersions.Has "policy/v1/PodDisruptionBudget" }} => {{- if (include "driftless.has-api-version" "policy/v1/PodDisruptionBudget" | eq "true") }}
      {{ if $rootContext.Capabilities.APIVersions.Has (printf "gateway.networking.k8s.io/v1/%s" $routeKind) -}} => {{ if (include "driftless.has-api-version" (printf "gateway.networking.k8s.io/v1/%s" $routeKind) | eq "true") -}}
      {{ if and $.Capabilities.APIVersions.Has "a/v1" (.Capabilities.APIVersions.Has "b/v1") }} => {{ if and (include "driftless.has-api-version" "a/v1" | eq "true") ((include "driftless.has-api-version" "b/v1" | eq "true")) }}
      {{ with .Capabilities }}{{ .APIVersions.Has $v }}{{ end }} => {{ with .Capabilities }}{{ (include "driftless.has-api-version" $v | eq "true") }}{{ end }}
      {{ if has "x/v1" .Capabilities.APIVersions }} => {{ if has "x/v1" (include "driftless.api-versions" "" | fromJsonArray) }}
      {{ "x/v1" | .Capabilities.APIVersions.Has }} => {{ "x/v1" | include "driftless.has-api-version" }}
      {{- $apiVersions := $.Capabilities.APIVersions }}{{ if $apiVersions.Has "networking.k8s.io/v1" -}} => {{- $apiVersions := (include "driftless.api-versions" "" | fromJsonArray) }}{{ if (include "driftless.has-api-version" "networking.k8s.io/v1" | eq "true") -}}
      {{ range (.Capabilities.APIVersions | toStrings) }}{{ $other.Has "x" }}{{ end }} => {{ range ((include "driftless.api-versions" "" | fromJsonArray) | toStrings) }}{{ $other.Has "x" }}{{ end }}
      """)
  void rewritesWhatHelmJavaCannotAnswer(String template, String rewritten) {
    assertThat(TemplateRewrite.of(template, true).text()).isEqualTo(rewritten);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " => ", quoteCharacter = '~', textBlock = """
      {{ if .Capabilities.APIVersions.Has "policy/v1" }}
      {{ .Capabilities.KubeVersion.Version }}
      """)
  void leavesApiVersionsToHelmWithoutASet(String template) {
    assertThat(TemplateRewrite.of(template, false).text()).isEqualTo(template);
  }
}
