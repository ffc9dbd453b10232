package io.driftless.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks every Flux object parser shares: the apiVersion, the namespace, binding {@code spec}
 * to a record, required fields, durations and enums. Every failure is a {@link ManifestException}
 * naming the file, the object ({@code Kind/namespace/name}) and the field.
 */
public final class SpecReader {
  private static final Pattern DURATION = Pattern.compile("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$");
  private static final ObjectMapper BINDER =
      Yaml.json().copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private SpecReader() {}

  /** The object's namespace, {@code flux-system} when it has none; its name is required. */
  public static String namespaceOf(KubeObject o) {
    if (o.name().isEmpty()) {
      throw new ManifestException(o.origin(), o.kind() + ": metadata.name is required");
    }
    return o.namespace().isEmpty() ? "flux-system" : o.namespace();
  }

  public static void checkApiVersion(KubeObject o, String... accepted) {
    for (String want : accepted) {
      if (want.equals(o.apiVersion())) {
        return;
      }
    }
    throw invalid(o, "apiVersion",
        "unsupported version '" + o.apiVersion() + "', want " + String.join(" or ", accepted));
  }

  /** Binds {@code spec} to {@code type}; unknown fields are ignored, a wrong type names its path. */
  public static <T> T bind(KubeObject o, Class<T> type) {
    Object spec = o.content().get("spec");
    if (!(spec instanceof Map<?, ?>)) {
      throw invalid(o, "spec", "is required");
    }
    try {
      return BINDER.convertValue(spec, type);
    } catch (IllegalArgumentException e) {
      String field = "spec";
      if (e.getCause() instanceof MismatchedInputException mie) {
        field = "spec" + pathOf(mie);
        String got = mie instanceof InvalidFormatException ife ? " '" + ife.getValue() + "'" : "";
        throw invalid(o, field, "has the wrong type" + got + ", want " + simpleType(mie.getTargetType()));
      }
      throw invalid(o, field, e.getMessage());
    }
  }

  public static void require(KubeObject o, String field, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw invalid(o, field, "is required");
    }
  }

  public static void checkDuration(KubeObject o, String field, String value) {
    if (value != null && !DURATION.matcher(value).matches()) {
      throw invalid(o, field, "'" + value + "' is not a duration like 10m or 1h30m");
    }
  }

  /** A value that must be one of {@code allowed} when set. */
  public static void checkEnum(KubeObject o, String field, String value, String... allowed) {
    if (value == null) {
      return;
    }
    for (String a : allowed) {
      if (a.equals(value)) {
        return;
      }
    }
    throw invalid(o, field, "'" + value + "' is not one of " + String.join(", ", allowed));
  }

  public static void checkMaxLength(KubeObject o, String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw invalid(o, field, "is longer than " + max + " characters");
    }
  }

  public static ManifestException invalid(KubeObject o, String field, String problem) {
    return new ManifestException(o.origin(), o.subject() + ": " + field + " " + problem);
  }

  private static String pathOf(MismatchedInputException e) {
    StringBuilder sb = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append('.').append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String simpleType(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "an object";
  }
}
