package io.driftless.model;

import static io.driftless.model.SpecReader.invalid;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Flux's beta API versions that repositories still commit ({@code helm.toolkit.fluxcd.io/v2beta2},
 * {@code source.toolkit.fluxcd.io/v1beta2}...): read as the current version wherever the fields
 * Driftless reads have the same schema, a field only the older version has refused by name. Flux
 * itself no longer serves them (the {@code v1beta1}/{@code v2beta1} groups went in Flux 2.7, the
 * {@code v2beta2}/{@code v1beta2} ones in 2.8), so each object written in one is logged once per
 * process as a warning naming the version and {@code flux migrate}.
 */
public final class OlderApiVersions {
  private static final Logger LOG = Logger.getLogger(OlderApiVersions.class.getName());
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private OlderApiVersions() {}

  /** Accepts {@code current} or one of {@code older} (read as {@code current}); refuses any other version. */
  public static void check(KubeObject o, String current, String... older) {
    if (current.equals(o.apiVersion())) {
      return;
    }
    for (String v : older) {
      if (v.equals(o.apiVersion())) {
        if (WARNED.add(o.subject() + "@" + v)) {
          LOG.warning(o.origin() + ": " + o.subject() + ": apiVersion " + v + " is deprecated and no longer "
              + "served by Flux; read as " + current + " (run 'flux migrate -f .' to rewrite it)");
        }
        return;
      }
    }
    throw invalid(o, "apiVersion", "unsupported version '" + o.apiVersion() + "', want " + current
        + (older.length == 0 ? "" : " (or " + String.join(", ", older) + ", read as " + current + ")"));
  }

  /**
   * Refuses {@code field} (a dotted path under the object) when it is set: it exists only in the
   * older version {@code o} is written in, and Driftless does not read it.
   */
  public static void refuseOlderField(KubeObject o, String field, String instead) {
    if (KubeObject.valueAt(o.content(), field.split("\\.")) != null) {
      throw invalid(o, field, "exists only in " + o.apiVersion() + " and is not read by Driftless; " + instead);
    }
  }
}
