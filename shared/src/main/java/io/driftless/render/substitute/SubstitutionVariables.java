package io.driftless.render.substitute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The variables of {@code spec.postBuild}, gathered the way kustomize-controller gathers them. */
public final class SubstitutionVariables {
  private SubstitutionVariables() {}

  /**
   * The data of each {@code substituteFrom} ConfigMap or Secret (already decoded), in list order so
   * that later items win, then the inline {@code substitute} values, which win over all. Newlines
   * are stripped from every value. Names are checked by {@link VariableSubstitutor}.
   */
  public static Map<String, String> merge(
      List<Map<String, String>> substituteFrom, Map<String, String> inline) {
    Map<String, String> vars = new LinkedHashMap<>();
    if (substituteFrom != null) {
      substituteFrom.forEach(source -> putAll(vars, source));
    }
    putAll(vars, inline);
    return vars;
  }

  private static void putAll(Map<String, String> vars, Map<String, String> source) {
    if (source != null) {
      source.forEach((k, v) -> vars.put(k, stripNewlines(v)));
    }
  }

  static String stripNewlines(String value) {
    return value == null ? "" : value.replace("\n", "");
  }
}
