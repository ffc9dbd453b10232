package io.driftless.config;

import io.driftless.model.ObjectId;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The multi-tenancy lockdown, as Flux's controller flags set it. Off (the default), one Driftless
 * serves one tenant: any object may name a source in another namespace, and an object with no
 * {@code spec.serviceAccountName} acts with Driftless's own credentials.
 *
 * @param noCrossNamespaceRefs Flux's {@code --no-cross-namespace-refs}: a Kustomization's {@code
 *     spec.sourceRef}, a HelmRelease's {@code spec.chart.spec.sourceRef} and {@code spec.chartRef},
 *     an ArtifactGenerator's {@code spec.sources[]}, a Receiver's {@code spec.resources[]} and the
 *     events an Alert takes must all be in the object's own namespace
 * @param defaultServiceAccount Flux's {@code --default-service-account}: the account a Kustomization
 *     or HelmRelease with no {@code spec.serviceAccountName} is impersonated as, in its own namespace
 */
public record Tenancy(boolean noCrossNamespaceRefs, Optional<String> defaultServiceAccount) {
  /** Kubernetes' rule for a ServiceAccount's name: a DNS-1123 subdomain. */
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** No lockdown: one tenant per Driftless. */
  public static final Tenancy OPEN = new Tenancy(false, Optional.empty());

  public Tenancy {
    defaultServiceAccount.ifPresent(name -> {
      if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
        throw new ConfigException(DriftlessConfig.Key.DEFAULT_SERVICE_ACCOUNT.env() + ": '" + name
            + "' is not a ServiceAccount name (a lowercase DNS subdomain)");
      }
    });
  }

  public Tenancy withNoCrossNamespaceRefs(boolean on) {
    return new Tenancy(on, defaultServiceAccount);
  }

  public Tenancy withDefaultServiceAccount(String name) {
    return new Tenancy(noCrossNamespaceRefs, Optional.ofNullable(name));
  }

  /**
   * The account an object that names {@code own} as its {@code spec.serviceAccountName} acts as: that
   * one, else the default; empty: Driftless's own credentials.
   */
  public Optional<String> serviceAccount(String own) {
    return own != null && !own.isBlank() ? Optional.of(own) : defaultServiceAccount;
  }

  /**
   * Empty when {@code subject} ({@code Kind/namespace/name}, in {@code namespace}) may refer to
   * {@code refKind/refNamespace/refName} through {@code field}; otherwise the one line that refuses it,
   * in Flux's words. A blank {@code refNamespace} means the object's own.
   */
  public Optional<String> refusal(String subject, String namespace, String field, String refKind,
      String refNamespace, String refName) {
    if (!noCrossNamespaceRefs || refNamespace == null || refNamespace.isBlank() || refNamespace.equals(namespace)) {
      return Optional.empty();
    }
    return Optional.of(subject + ": " + field + ": can't access '" + ObjectId.subject(refKind, refNamespace, refName)
        + "', cross-namespace references have been blocked");
  }
}
