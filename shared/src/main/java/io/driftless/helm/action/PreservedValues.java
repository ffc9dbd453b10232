package io.driftless.helm.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.helm.release.StoredRelease;
import io.driftless.helm.render.FluxValues;
import io.driftless.model.helm.HelmRelease;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code upgrade.preserveValues}, helm-controller's {@code ReuseValues = preserveValues} (and
 * {@code ResetValues} otherwise), as Helm's {@code Upgrade.reuseValues} does it: the release's new config
 * is the HelmRelease's values coalesced over the current release's config (a key the new values set
 * wins, maps merge key by key, a {@code null} removes the key), and the chart renders with the current
 * release's coalesced values (its chart's values under its config) as its defaults.
 *
 * <p>One difference, written down: Helm replaces the new chart's {@code values.yaml} by those old
 * values, while Driftless's renderer always coalesces the new chart's {@code values.yaml} last, so a key
 * that only the new chart's defaults hold is seen by the templates here and not by Helm.
 */
record PreservedValues(Map<String, Object> config, Map<String, Object> render) {

  static boolean enabled(HelmRelease hr, boolean install) {
    return !install && hr.spec().upgrade() != null && Boolean.TRUE.equals(hr.spec().upgrade().preserveValues());
  }

  /** The config to store and the values to render with, from the new values and the current release. */
  static PreservedValues of(Map<String, Object> values, StoredRelease current) {
    Map<String, Object> config = coalesce(deepCopy(values), current.config());
    Map<String, Object> oldValues = coalesce(deepCopy(current.config()), chartValues(current.chart()));
    return new PreservedValues(config, coalesce(deepCopy(config), oldValues));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> chartValues(ObjectNode chart) {
    if (chart == null || !chart.path("values").isObject()) {
      return Map.of();
    }
    return Serialization.jsonMapper().convertValue(chart.get("values"), Map.class);
  }

  /** Helm's {@code CoalesceTables(dst, src)}: {@code dst} changed in place and returned. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> coalesce(Map<String, Object> dst, Map<String, Object> src) {
    if (src == null) {
      return dst;
    }
    for (Map.Entry<String, Object> e : src.entrySet()) {
      String key = e.getKey();
      boolean present = dst.containsKey(key);
      Object dv = dst.get(key);
      if (present && dv == null) {
        dst.remove(key);
      } else if (!present) {
        dst.put(key, FluxValues.deepCopy(e.getValue()));
      } else if (e.getValue() instanceof Map<?, ?> sv && dv instanceof Map<?, ?> dm) {
        coalesce((Map<String, Object>) dm, (Map<String, Object>) sv);
      }
    }
    return dst;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> map) {
    return map == null ? new LinkedHashMap<>() : (Map<String, Object>) FluxValues.deepCopy(map);
  }
}
