package io.driftless.render.substitute;

import io.driftless.render.kustomize.yaml.YamlWriter;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import io.driftless.model.Yaml;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Flux's postBuild variable substitution ({@code spec.postBuild.substitute} and {@code
 * substituteFrom}). Each object is written as YAML, the text is expanded by Flux's envsubst rules
 * and read back, so {@code ${var}} works in keys and values, and {@code replicas: ${n}} becomes a
 * number. Objects labelled or annotated {@code kustomize.toolkit.fluxcd.io/substitute: disabled}
 * are left alone. Secrets need no special case: {@code data} values are base64, which can never
 * hold {@code ${}, so only {@code stringData} (and metadata) can be substituted.
 */
public final class VariableSubstitutor {
  /** The opt-out label or annotation; its value {@code disabled} is matched ignoring case. */
  public static final String OPT_OUT_KEY = "kustomize.toolkit.fluxcd.io/substitute";

  private static final String NAME_RULE = "^[_[:alpha:]][_[:alpha:][:digit:]]*$";
  private static final Pattern NAME = Pattern.compile("[_A-Za-z][_A-Za-z0-9]*");

  private final Map<String, String> variables;
  private final SubstituteOptions options;
  private final Envsubst engine;

  /**
   * @param variables name to value; newlines are stripped from values
   * @throws SubstitutionException naming the first variable whose name Flux would reject
   */
  public VariableSubstitutor(Map<String, String> variables, SubstituteOptions options) {
    Map<String, String> vars = new LinkedHashMap<>();
    if (variables != null) {
      variables.forEach(
          (name, value) -> {
            if (name == null || !NAME.matcher(name).matches()) {
              throw new SubstitutionException(
                  "",
                  "",
                  name,
                  "'" + name + "' var name is invalid, must match '" + NAME_RULE + "'");
            }
            vars.put(name, SubstitutionVariables.stripNewlines(value));
          });
    }
    this.variables = Collections.unmodifiableMap(vars);
    this.options = options == null ? SubstituteOptions.defaults() : options;
    this.engine = new Envsubst(this.variables, this.options.strict());
  }

  /** The variables in use, newlines stripped. */
  public Map<String, String> variables() {
    return variables;
  }

  /**
   * A new object with every {@code ${...}} expanded; the same object when it opted out, or when the
   * strategy is {@code WithVariables} and there are no variables at all.
   *
   * @throws SubstitutionException naming the file, the object, the field and the variable
   */
  public KubeObject substitute(KubeObject o) {
    if (o.hasMetadataValue(OPT_OUT_KEY, "disabled") || (variables.isEmpty() && !options.always())) {
      return o;
    }
    String expanded;
    try {
      expanded = engine.expand(YamlWriter.write(o.content()));
    } catch (UnsetVariableException e) {
      throw new SubstitutionException(
          o.origin(), o.subject(), e.variable(), field(o) + e.getMessage());
    } catch (EnvsubstSyntaxException e) {
      throw new SubstitutionException(
          o.origin(), o.subject(), null, field(o) + "cannot parse ${...}: " + e.getMessage());
    }
    return new KubeObject(reparse(o, expanded), o.origin());
  }

  /**
   * Expands raw text (like {@code flux envsubst}); runs whatever the strategy.
   *
   * @throws SubstitutionException naming {@code origin}, the line and the variable
   */
  public String substitute(String origin, String text) {
    try {
      return engine.expand(text);
    } catch (UnsetVariableException e) {
      throw new SubstitutionException(origin, "", e.variable(), e.getMessage());
    } catch (EnvsubstSyntaxException e) {
      throw new SubstitutionException(
          origin,
          "",
          null,
          "line " + lineOf(text, e.offset()) + ": cannot parse ${...}: " + e.getMessage());
    }
  }

  private String field(KubeObject o) {
    String path = new FieldLocator(engine).locate(o.content());
    return path.isEmpty() ? "" : "field " + path + ": ";
  }

  /** Reads the expanded text back; errors give only a position, never the (maybe secret) text. */
  private static Map<String, Object> reparse(KubeObject o, String expanded) {
    List<Map<String, Object>> docs;
    try {
      docs = Yaml.readDocuments(o.origin(), expanded);
    } catch (ManifestException e) {
      String where = "";
      if (e.getCause() instanceof JsonProcessingException j && j.getLocation() != null) {
        JsonLocation l = j.getLocation();
        where =
            " (line " + l.getLineNr() + ", column " + l.getColumnNr() + " of the object's YAML)";
      }
      throw new SubstitutionException(
          o.origin(), o.subject(), null, "after substitution the object is not valid YAML" + where);
    }
    if (docs.size() != 1) {
      throw new SubstitutionException(
          o.origin(),
          o.subject(),
          null,
          "after substitution the object is " + docs.size() + " YAML documents, not one");
    }
    return docs.get(0);
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
