package io.driftless.notify;

import static io.driftless.model.SpecReader.bind;
import static io.driftless.model.SpecReader.checkApiVersion;
import static io.driftless.model.SpecReader.checkDuration;
import static io.driftless.model.SpecReader.checkEnum;
import static io.driftless.model.SpecReader.checkMaxLength;
import static io.driftless.model.SpecReader.invalid;
import static io.driftless.model.SpecReader.namespaceOf;
import static io.driftless.model.SpecReader.require;

import io.driftless.model.KubeObject;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Recognises Flux's Provider and Alert among a build's objects and parses them. A bad field, or a
 * field Driftless parses but does not act on, is a {@code ManifestException} naming the file, the
 * object and the field, so the build fails instead of alerting differently from Flux.
 */
public final class NotificationObjects {
  public static final String GROUP = "notification.toolkit.fluxcd.io";
  private static final String[] VERSIONS = {GROUP + "/v1beta3", GROUP + "/v1beta2"};
  /** Flux's provider types Driftless does not deliver (yet): refused by name, not treated as unknown. */
  private static final List<String> FLUX_ONLY_TYPES = List.of("rocket", "googlepubsub", "webex", "sentry",
      "azureeventhub", "lark", "matrix", "opsgenie", "grafana", "githubdispatch", "pagerduty", "datadog", "nats",
      "zulip", "otel", "zoom", "incident.io", "bitbucketserver", "azuredevops", "githubpullrequestcomment",
      "giteapullrequestcomment", "gitlabmergerequestcomment");
  /**
   * An eventSources kind: any Kubernetes kind name. Kinds Driftless emits no events for (the Flux
   * Operator's FluxInstance and ResourceSet, which its CRD patch adds) match nothing, as in a cluster
   * where nothing reconciles them; a lower-case or qualified name is a typo that would never match.
   */
  private static final Pattern KIND_NAME = Pattern.compile("^[A-Z][A-Za-z0-9]*$");

  private NotificationObjects() {}

  /** A Provider or an Alert (not a Receiver, which is served apart). */
  public static boolean isNotification(KubeObject o) {
    return GROUP.equals(o.group()) && (Provider.KIND.equals(o.kind()) || Alert.KIND.equals(o.kind()));
  }

  /** The Provider or Alert {@code o} holds (see {@link #isNotification}), validated as found in Git. */
  public static Notification parse(KubeObject o) {
    return parse(o, false);
  }

  /**
   * As {@link #parse(KubeObject)}; {@code registered} objects ({@code driftless bootstrap}) may also
   * carry a token reference and take events from every namespace, which Git's may not ask for.
   */
  static Notification parse(KubeObject o, boolean registered) {
    return Provider.KIND.equals(o.kind()) ? provider(o, registered) : alert(o, registered);
  }

  public static Provider provider(KubeObject o) {
    return provider(o, false);
  }

  public static Alert alert(KubeObject o) {
    return alert(o, false);
  }

  private static Provider provider(KubeObject o, boolean registered) {
    checkApiVersion(o, VERSIONS);
    String ns = namespaceOf(o);
    Provider.Spec spec = bind(o, Provider.Spec.class);
    require(o, "spec.type", spec.type());
    String type = spec.type();
    if (FLUX_ONLY_TYPES.contains(type)) {
      throw invalid(o, "spec.type", "'" + type + "' is not delivered by Driftless (it delivers "
          + String.join(", ", Provider.ALERTING_TYPES) + ", " + String.join(", ", Provider.COMMIT_STATUS_TYPES) + ")");
    }
    if (!Provider.ALERTING_TYPES.contains(type) && !Provider.COMMIT_STATUS_TYPES.contains(type)) {
      throw invalid(o, "spec.type", "'" + type + "' is not a Flux provider type");
    }
    checkMaxLength(o, "spec.address", spec.address(), 2048);
    checkMaxLength(o, "spec.channel", spec.channel(), 2048);
    checkMaxLength(o, "spec.username", spec.username(), 2048);
    checkDuration(o, "spec.timeout", spec.timeout());
    refuse(o, "spec.commitStatusExpr", spec.commitStatusExpr(), "CEL commit status keys are not supported");
    refuse(o, "spec.serviceAccountName", spec.serviceAccountName(), "workload identity is not supported");
    boolean hasSecret = spec.secretRef() != null;
    if (hasSecret) {
      require(o, "spec.secretRef.name", spec.secretRef().name());
    }
    if (spec.certSecretRef() != null) {
      require(o, "spec.certSecretRef.name", spec.certSecretRef().name());
    }
    if (spec.proxySecretRef() != null) {
      require(o, "spec.proxySecretRef.name", spec.proxySecretRef().name());
    }
    if ("telegram".equals(type)) {
      require(o, "spec.channel", spec.channel());
    } else if (!hasSecret && (spec.address() == null || spec.address().isBlank())) {
      throw invalid(o, "spec.address", "is required (or an address key in spec.secretRef's Secret)");
    }
    String tokenRef = o.annotations().get(RegisteredCommitStatus.TOKEN_REF);
    if (tokenRef != null && !registered) {
      throw invalid(o, "metadata.annotations." + RegisteredCommitStatus.TOKEN_REF,
          "is only for Providers registered with driftless bootstrap");
    }
    return new Provider(ns, o.name(), spec, o.origin(), tokenRef);
  }

  private static Alert alert(KubeObject o, boolean registered) {
    checkApiVersion(o, VERSIONS);
    String ns = namespaceOf(o);
    Alert.Spec spec = bind(o, Alert.Spec.class);
    require(o, "spec.providerRef", spec.providerRef());
    require(o, "spec.providerRef.name", spec.providerRef().name());
    checkEnum(o, "spec.eventSeverity", spec.eventSeverity(), "info", "error");
    if (spec.eventSources() == null || spec.eventSources().isEmpty()) {
      throw invalid(o, "spec.eventSources", "is required");
    }
    for (int i = 0; i < spec.eventSources().size(); i++) {
      Alert.EventSource s = spec.eventSources().get(i);
      String field = "spec.eventSources[" + i + "]";
      require(o, field + ".kind", s.kind());
      require(o, field + ".name", s.name());
      if (!KIND_NAME.matcher(s.kind()).matches()) {
        throw invalid(o, field + ".kind", "'" + s.kind() + "' is not a kind (a kind is CamelCase, e.g. HelmRelease)");
      }
      if ("*".equals(s.namespace()) && !registered) {
        throw invalid(o, field + ".namespace", "'*' is not a namespace (Flux matches one namespace per source)");
      }
    }
    checkPatterns(o, "spec.inclusionList", spec.inclusionList());
    checkPatterns(o, "spec.exclusionList", spec.exclusionList());
    return new Alert(ns, o.name(), spec, o.origin());
  }

  private static void checkPatterns(KubeObject o, String field, List<String> patterns) {
    if (patterns == null) {
      return;
    }
    for (int i = 0; i < patterns.size(); i++) {
      try {
        Pattern.compile(patterns.get(i));
      } catch (PatternSyntaxException e) {
        throw invalid(o, field + "[" + i + "]", "is not a regular expression: " + e.getDescription());
      }
    }
  }

  private static void refuse(KubeObject o, String field, String value, String why) {
    if (value != null && !value.isBlank()) {
      throw invalid(o, field, "is set, but " + why + " by Driftless; refused rather than ignored");
    }
  }
}
