package io.driftless.pipeline;

import io.driftless.config.Tenancy;
import io.driftless.model.Kustomization;
import io.driftless.model.Reason;
import io.driftless.model.helm.ArtifactGenerator;
import io.driftless.model.helm.HelmRelease;
import java.util.List;

/**
 * {@code DRIFTLESS_NO_CROSS_NAMESPACE_REFS}, checked before a reference is followed, where Flux's
 * controllers check it: kustomize-controller a Kustomization's {@code spec.sourceRef}, helm-controller
 * a HelmRelease's {@code spec.chart.spec.sourceRef} (where its HelmChart would live) and {@code
 * spec.chartRef}, source-watcher an ArtifactGenerator's {@code spec.sources[]}. A refusal is
 * AccessDenied naming the object, the field and the reference; {@code dependsOn} stays open, as in Flux.
 */
final class CrossNamespaceRefs {
  private CrossNamespaceRefs() {}

  static void check(ReconcileContext ctx, Kustomization ks) {
    check(ctx.tenancy(), ks);
  }

  static void check(Tenancy tenancy, Kustomization ks) {
    Kustomization.SourceRef ref = ks.spec().sourceRef();
    check(tenancy, ks.subject(), ks.namespace(), "spec.sourceRef.namespace", ref.kind(), ref.namespace(),
        ref.name());
  }

  static void check(ReconcileContext ctx, HelmRelease hr) {
    check(ctx.tenancy(), hr);
  }

  static void check(Tenancy tenancy, HelmRelease hr) {
    String subject = hr.subject();
    HelmRelease.CrossNamespaceRef chartRef = hr.spec().chartRef();
    if (chartRef != null) {
      check(tenancy, subject, hr.namespace(), "spec.chartRef.namespace", chartRef.kind(), chartRef.namespace(),
          chartRef.name());
    }
    if (hr.spec().chart() != null && hr.spec().chart().spec() != null
        && hr.spec().chart().spec().sourceRef() != null) {
      HelmRelease.CrossNamespaceRef ref = hr.spec().chart().spec().sourceRef();
      check(tenancy, subject, hr.namespace(), "spec.chart.spec.sourceRef.namespace", ref.kind(), ref.namespace(),
          ref.name());
    }
  }

  /** {@code owner} ({@code Kind/namespace/name}) is what asked for the generator's artifact. */
  static void check(ReconcileContext ctx, String owner, ArtifactGenerator generator) {
    check(ctx.tenancy(), owner, generator);
  }

  static void check(Tenancy tenancy, String owner, ArtifactGenerator generator) {
    List<ArtifactGenerator.SourceReference> sources = generator.spec().sourceList();
    for (int i = 0; i < sources.size(); i++) {
      ArtifactGenerator.SourceReference src = sources.get(i);
      check(tenancy, owner + ": " + generator.subject(), generator.namespace(), "spec.sources[" + i + "].namespace", src.kind(),
          src.namespace(), src.name());
    }
  }

  private static void check(Tenancy tenancy, String subject, String namespace, String field, String kind,
      String refNamespace, String refName) {
    tenancy.refusal(subject, namespace, field, kind, refNamespace, refName).ifPresent(refused -> {
      throw new StageFailure(Reason.ACCESS_DENIED, refused, null);
    });
  }
}
