package io.driftless.build.kustomize.flux;

import io.driftless.build.kustomize.yaml.YamlReader;
import io.driftless.build.kustomize.yaml.YamlWriter;
import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flux's {@code postBuild} substitution, per object after the build: the object is written as YAML,
 * substituted, and read back. Objects labelled or annotated
 * {@code kustomize.toolkit.fluxcd.io/substitute: disabled} are left alone; newlines are stripped
 * from values; with strategy {@code WithVariables} nothing happens when no variable is defined.
 */
public final class PostBuildSubstitution {
  public static final String OPT_OUT = "kustomize.toolkit.fluxcd.io/substitute";

  /** Flux's {@code substituteStrategy}. */
  public enum Strategy {
    WITH_VARIABLES,
    ALWAYS
  }

  private final Map<String, String> vars = new LinkedHashMap<>();
  private final Strategy strategy;
  private final boolean strict;

  /** {@code vars} already merged: substituteFrom items in order, then inline substitute. */
  public PostBuildSubstitution(Map<String, String> vars, Strategy strategy, boolean strict) {
    vars.forEach((k, v) -> {
      if (!Envsubst.isName(k)) {
        throw new ManifestException("", "postBuild: invalid variable name '" + k
            + "', must match ^[_[:alpha:]][_[:alpha:][:digit:]]*$");
      }
      this.vars.put(k, v == null ? "" : v.replace("\n", ""));
    });
    this.strategy = strategy;
    this.strict = strict;
  }

  public List<KubeObject> apply(List<KubeObject> objects) {
    if (vars.isEmpty() && strategy == Strategy.WITH_VARIABLES) {
      return objects;
    }
    Envsubst envsubst = new Envsubst(vars, strict);
    List<KubeObject> out = new ArrayList<>(objects.size());
    for (KubeObject o : objects) {
      if (o.hasMetadataValue(OPT_OUT, "disabled")) {
        out.add(o);
        continue;
      }
      String substituted;
      try {
        substituted = envsubst.eval(YamlWriter.write(o.content()));
      } catch (Envsubst.SubstitutionException e) {
        throw new ManifestException(o.origin(), o.subject() + ": variable substitution failed: "
            + e.getMessage());
      }
      List<Map<String, Object>> docs = YamlReader.readDocuments(o.origin(), substituted);
      if (docs.size() != 1) {
        throw new ManifestException(o.origin(), o.subject()
            + ": variable substitution did not leave exactly one object");
      }
      out.add(new KubeObject(docs.get(0), o.origin()));
    }
    return out;
  }
}
