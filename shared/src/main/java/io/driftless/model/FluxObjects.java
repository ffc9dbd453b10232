package io.driftless.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Recognises Flux's GitRepository and Kustomization among manifests and parses them. A missing
 * required field or a wrong type is a {@link ManifestException} naming the file, the object and the
 * field.
 */
public final class FluxObjects {
  private static final Pattern DURATION = Pattern.compile("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$");
  private static final Pattern URL = Pattern.compile("^(http|https|ssh|file)://.*$");
  private static final ObjectMapper BINDER =
      Yaml.json().copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private FluxObjects() {}

  public static boolean isGitRepository(KubeObject o) {
    return GitRepository.KIND.equals(o.kind()) && o.group().equals("source.toolkit.fluxcd.io");
  }

  public static boolean isKustomization(KubeObject o) {
    return Kustomization.KIND.equals(o.kind()) && o.group().equals(Kustomization.GROUP);
  }

  /** Any object of a Flux API group (sources, kustomizations, helm, notification, image…). */
  public static boolean isFluxObject(KubeObject o) {
    return o.group().endsWith(".toolkit.fluxcd.io");
  }

  public static GitRepository gitRepository(KubeObject o) {
    checkApiVersion(o, GitRepository.API_VERSION);
    String ns = namespaceOf(o);
    GitRepository.Spec spec = bind(o, GitRepository.Spec.class);
    require(o, "spec.url", spec.url());
    require(o, "spec.interval", spec.interval());
    if (!URL.matcher(spec.url()).matches()) {
      throw invalid(o, "spec.url", "must start with http://, https://, ssh:// or file://, got '" + spec.url() + "'");
    }
    checkDuration(o, "spec.interval", spec.interval());
    checkDuration(o, "spec.timeout", spec.timeout());
    return new GitRepository(o.name(), ns, spec, o.origin());
  }

  public static Kustomization kustomization(KubeObject o) {
    checkApiVersion(o, Kustomization.API_VERSION);
    String ns = namespaceOf(o);
    Kustomization.Spec spec = bind(o, Kustomization.Spec.class);
    require(o, "spec.interval", spec.interval());
    require(o, "spec.sourceRef", spec.sourceRef());
    require(o, "spec.sourceRef.kind", spec.sourceRef().kind());
    require(o, "spec.sourceRef.name", spec.sourceRef().name());
    require(o, "spec.prune", spec.prune());
    checkDuration(o, "spec.interval", spec.interval());
    checkDuration(o, "spec.retryInterval", spec.retryInterval());
    checkDuration(o, "spec.timeout", spec.timeout());
    for (int i = 0; i < spec.dependencies().size(); i++) {
      require(o, "spec.dependsOn[" + i + "].name", spec.dependencies().get(i).name());
    }
    return new Kustomization(o.name(), ns, spec, o.origin());
  }

  private static String namespaceOf(KubeObject o) {
    if (o.name().isEmpty()) {
      throw new ManifestException(o.origin(), o.kind() + ": metadata.name is required");
    }
    return o.namespace().isEmpty() ? "flux-system" : o.namespace();
  }

  private static void checkApiVersion(KubeObject o, String want) {
    if (!want.equals(o.apiVersion())) {
      throw invalid(o, "apiVersion", "unsupported version '" + o.apiVersion() + "', want " + want);
    }
  }

  private static <T> T bind(KubeObject o, Class<T> type) {
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
    if (java.util.List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "an object";
  }

  private static void require(KubeObject o, String field, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw invalid(o, field, "is required");
    }
  }

  private static void checkDuration(KubeObject o, String field, String value) {
    if (value != null && !DURATION.matcher(value).matches()) {
      throw invalid(o, field, "'" + value + "' is not a duration like 10m or 1h30m");
    }
  }

  private static ManifestException invalid(KubeObject o, String field, String problem) {
    return new ManifestException(o.origin(), o.subject() + ": " + field + " " + problem);
  }
}
