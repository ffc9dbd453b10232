package io.driftless.helm.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.model.ParseLimits;
import java.util.List;
import java.util.Map;

/**
 * The named templates the rewritten chart calls instead of Helm's {@code lookup} and
 * {@code .Capabilities.APIVersions} ({@link TemplateRewrite}), written into the render copy as one
 * {@code _}-file, which Helm parses and never prints. Named templates are global in Helm, so subcharts
 * reach them too.
 *
 * <p>{@code driftless.lookup} answers each call already resolved with the object's JSON, and any other
 * call either with Helm's empty answer (no cluster: {@code helm template}'s own) or by failing the
 * render with {@link #ASKS} and the call's arguments, so that the renderer resolves it on the cluster
 * and renders again.
 */
final class ClusterTemplates {
  static final String FILE = "templates/_driftless-cluster.tpl";
  static final String ASKS = "driftless asks lookup ";
  private static final ObjectMapper JSON = ParseLimits.jsonMapper();

  private ClusterTemplates() {}

  /**
   * {@code apiVersions} null: the chart's APIVersions are Helm's built-in set and left alone;
   * {@code answers} by call ({@code [apiVersion, kind, namespace, name]}) as JSON; {@code ask}: an
   * unresolved call fails the render instead of answering empty.
   */
  static String of(List<String> apiVersions, Map<List<String>, String> answers, boolean ask) {
    StringBuilder t = new StringBuilder();
    t.append("{{- define \"").append(TemplateRewrite.LOOKUP).append("\" -}}\n")
        .append("{{- if ne (len .) 4 -}}\n")
        .append("{{- fail (printf \"wrong number of args for lookup: want 4 got %d\" (len .)) -}}\n")
        .append("{{- end -}}\n")
        .append("{{- $a := index . 0 -}}{{- $k := index . 1 -}}{{- $n := index . 2 -}}{{- $m := index . 3 -}}\n")
        .append("{{- if false -}}\n");
    answers.forEach((call, json) -> t.append("{{- else if and (eq $a ").append(go(call.get(0)))
        .append(") (eq $k ").append(go(call.get(1))).append(") (eq $n ").append(go(call.get(2)))
        .append(") (eq $m ").append(go(call.get(3))).append(") -}}{{ ").append(go(json)).append(" }}\n"));
    t.append("{{- else -}}")
        .append(ask ? "{{ fail (printf \"" + ASKS + "%s\" (toJson .)) }}" : "{}")
        .append("\n{{- end -}}\n{{- end -}}\n");
    if (apiVersions != null) {
      StringBuilder list = new StringBuilder("(list");
      apiVersions.forEach(v -> list.append(' ').append(go(v)));
      list.append(')');
      t.append("{{- define \"").append(TemplateRewrite.HAS_API_VERSION).append("\" -}}\n")
          .append("{{- if has . ").append(list).append(" -}}true{{- end -}}\n{{- end -}}\n")
          .append("{{- define \"").append(TemplateRewrite.API_VERSIONS).append("\" -}}\n")
          .append("{{- ").append(list).append(" | toJson -}}\n{{- end -}}\n");
    }
    return t.toString();
  }

  /** A Go string literal: a JSON string is one (its escapes are Go's too). */
  static String go(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string always writes as JSON", e);
    }
  }
}
