package io.driftless.pipeline;

import io.driftless.model.KubeObject;
import io.driftless.model.ObjectId;
import io.driftless.model.Reason;
import io.driftless.model.SpecReader;
import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Flux objects a build declares are recorded as work items instead of applied, so the API
 * server's RBAC never judges them. In Flux an impersonated Kustomization may only apply the Flux
 * objects its account may write; here a Kustomization that acts as a service account (its own or
 * {@code DRIFTLESS_DEFAULT_SERVICE_ACCOUNT}) may declare only those its account may {@code create}
 * and {@code patch} in their namespace, asked of the API server as that account
 * (SelfSubjectAccessReview) before anything is applied or recorded. One that acts as Driftless is not asked.
 */
final class DeclaredObjectsAccess {
  private static final ResourceDefinitionContext REVIEWS = new ResourceDefinitionContext.Builder()
      .withGroup("authorization.k8s.io").withVersion("v1").withKind("SelfSubjectAccessReview")
      .withPlural("selfsubjectaccessreviews").withNamespaced(false).build();
  private static final List<String> VERBS = List.of("create", "patch");

  private DeclaredObjectsAccess() {}

  /** Refuses the build (nothing applied) when {@code target}'s account may not write one of {@code found}. */
  static void check(Targets.Target target, String subject, Discovered found) {
    if (target.actingAs().isEmpty()) {
      return;
    }
    Map<String, Boolean> asked = new HashMap<>();
    Stream.of(found.sources(), found.kustomizations(), found.helmObjects(), found.notifications(), found.receivers())
        .flatMap(List::stream)
        .forEach(o -> refuseUnlessAllowed(target, subject, o, asked));
  }

  private static void refuseUnlessAllowed(Targets.Target target, String subject, KubeObject o,
      Map<String, Boolean> asked) {
    String namespace = SpecReader.namespaceOf(o);
    String resource = Pluralize.toPlural(o.kind().toLowerCase(Locale.ROOT));
    for (String verb : VERBS) {
      String question = verb + " " + resource + "." + o.group() + " in " + namespace;
      String user = target.actingAs().get();
      if (!asked.computeIfAbsent(question, q -> allowed(target.apply(), subject, user, verb, o.group(), resource,
          namespace))) {
        throw new StageFailure(Reason.RECONCILIATION_FAILED, subject + ": " + ObjectId.subject(o.kind(), namespace, o.name())
            + " is refused: " + user + " may not " + verb + " " + resource + "." + o.group()
            + " in namespace " + namespace + " (Flux objects are recorded, not applied, so Driftless asks RBAC first)",
            null);
      }
    }
  }

  /** The API server's answer for the client's own user; a server that cannot answer fails the build. */
  private static boolean allowed(KubernetesClient asAccount, String subject, String user, String verb, String group,
      String resource, String namespace) {
    GenericKubernetesResource review = new GenericKubernetesResource();
    review.setApiVersion("authorization.k8s.io/v1");
    review.setKind("SelfSubjectAccessReview");
    review.setAdditionalProperty("spec", Map.of("resourceAttributes",
        Map.of("verb", verb, "group", group, "resource", resource, "namespace", namespace)));
    try {
      GenericKubernetesResource answer = asAccount.genericKubernetesResources(REVIEWS).resource(review).create();
      return Optional.ofNullable(answer.getAdditionalProperties().get("status"))
          .filter(Map.class::isInstance).map(s -> Boolean.TRUE.equals(((Map<?, ?>) s).get("allowed")))
          .orElse(false);
    } catch (KubernetesClientException e) {
      throw new StageFailure(Reason.RECONCILIATION_FAILED, subject + ": cannot ask the API server whether " + user
          + " may " + verb + " " + resource + "." + group + " in namespace " + namespace + ": HTTP " + e.getCode(), null);
    }
  }
}
