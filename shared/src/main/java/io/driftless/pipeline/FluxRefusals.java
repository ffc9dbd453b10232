package io.driftless.pipeline;

import io.driftless.config.Tenancy;
import io.driftless.model.FluxInstance;
import io.driftless.model.FluxObjects;
import io.driftless.model.KubeObject;
import io.driftless.model.Kustomization;
import io.driftless.model.Receivers;
import io.driftless.model.helm.ArtifactGenerator;
import io.driftless.model.helm.HelmChart;
import io.driftless.model.helm.HelmObject;
import io.driftless.model.helm.HelmObjects;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.OCIRepository;
import io.driftless.notify.NotificationObjects;
import io.driftless.source.helm.ChartSources;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The refusals a reconcile would meet on each Flux object of a build, found without a cluster or a store:
 * the parsers and the refusal checks the engine runs ({@link FluxObjectSplit}'s validation, {@link
 * UnsupportedFields}, {@link CelFields}, {@link CrossNamespaceRefs}, {@link HelmUnsupportedFields}, the
 * sources' and the ArtifactGenerator's unsupported fields, the notification and Receiver parsers, a
 * FluxInstance's sync, a chart template's source kind), each run on its own, so that one refusal does not
 * hide the next. Used by {@code driftless validate}. Checks that need what only a cluster or a fetch gives (a
 * kubeconfig Secret's content, a chart, a Git ref's resolution such as {@code ref.semver}, a HelmChart a
 * {@code chartRef} names) are not run here.
 */
public final class FluxRefusals {
  /** What the engine does with an object found in a build. */
  public enum Verdict {
    /** A Flux kind Driftless reads, checked here. */
    CHECKED,
    /** Flux's own controllers, as {@code flux bootstrap} writes them: skipped by the engine. */
    SKIPPED_FLUX_COMPONENT,
    /** The Flux Operator's objects and charts: skipped by the engine. */
    SKIPPED_OPERATOR,
    /** A kind of a Flux group that Driftless does not read (image automation, Bucket): applied as any object. */
    UNREAD_FLUX_KIND,
    /** Any other object: applied. */
    APPLIED
  }

  /** One refused field: {@code field} as the engine names it ("-" when its message names none). */
  public record Refusal(String field, String message) {}

  private static final Pattern FIELD = Pattern.compile("(?:^|[\\s(:])(apiVersion|kind|(?:spec|metadata)(?:\\.[A-Za-z0-9_]+(?:\\[[0-9]*\\])?)*)[:\\s]");

  private FluxRefusals() {}

  /** What the engine does with {@code o}, found in the build {@code built}. */
  public static Verdict verdict(KubeObject o, List<KubeObject> built) {
    if (FluxInstance.isFluxInstance(o)) {
      return Verdict.CHECKED;
    }
    if (FluxObjectSplit.isOperatorObject(o, built)) {
      return Verdict.SKIPPED_OPERATOR;
    }
    if (FluxObjects.isGitRepository(o) || FluxObjects.isKustomization(o) || HelmObjects.isHelmObject(o)
        || NotificationObjects.isNotification(o) || Receivers.isReceiver(o)) {
      return Verdict.CHECKED;
    }
    if (FluxObjectSplit.isFluxComponent(o)) {
      return Verdict.SKIPPED_FLUX_COMPONENT;
    }
    return o.group().endsWith(".toolkit.fluxcd.io") ? Verdict.UNREAD_FLUX_KIND : Verdict.APPLIED;
  }

  /** Every refusal the engine would meet on {@code o} (a {@link Verdict#CHECKED} object), in the engine's order. */
  public static List<Refusal> of(KubeObject o, Tenancy tenancy) {
    List<Refusal> out = new ArrayList<>();
    if (FluxInstance.isFluxInstance(o)) {
      FluxInstance[] parsed = new FluxInstance[1];
      if (run(out, () -> parsed[0] = FluxInstance.parse(o)) && parsed[0].sync() != null) {
        run(out, () -> FluxInstance.rootSync(o)); // its sync is what `driftless bootstrap --from` follows
      }
    } else if (FluxObjects.isGitRepository(o)) {
      if (run(out, () -> FluxObjectSplit.gitRepository(o))) {
        run(out, () -> Sources.refuseUnsupported(FluxObjects.gitRepository(o)));
      }
    } else if (FluxObjects.isKustomization(o)) {
      kustomization(o, tenancy, out);
    } else if (HelmObjects.isHelmObject(o)) {
      HelmObject[] parsed = new HelmObject[1];
      if (run(out, () -> parsed[0] = HelmObjects.parse(o).orElseThrow())) {
        helm(parsed[0], tenancy, out);
      }
    } else if (NotificationObjects.isNotification(o)) {
      run(out, () -> NotificationObjects.parse(o));
    } else if (Receivers.isReceiver(o)) {
      run(out, () -> Receivers.parse(o));
    }
    return out;
  }

  private static void kustomization(KubeObject o, Tenancy tenancy, List<Refusal> out) {
    Kustomization[] parsed = new Kustomization[1];
    if (!run(out, () -> parsed[0] = FluxObjects.kustomization(o))) {
      return;
    }
    Kustomization ks = parsed[0];
    run(out, () -> UnsupportedFields.refuse(ks));
    run(out, () -> CelFields.check(ks));
    run(out, () -> CrossNamespaceRefs.check(tenancy, ks));
    run(out, () -> Sources.refuseSourceKind(ks));
    run(out, () -> BuildInputsLoader.refuseProvider(ks));
    Kustomization.KubeConfigRef kubeConfig = ks.spec().kubeConfig();
    if (kubeConfig != null) {
      run(out, () -> Targets.requireSecretRef(kubeConfig.secretRef(), kubeConfig.configMapRef() != null,
          "Kustomization/" + ks.key()));
    }
  }

  private static void helm(HelmObject parsed, Tenancy tenancy, List<Refusal> out) {
    if (parsed instanceof HelmRelease hr) {
      for (String field : HelmUnsupportedFields.fields(hr)) {
        out.add(new Refusal(field, "is not supported by Driftless yet"));
      }
      run(out, () -> CrossNamespaceRefs.check(tenancy, hr));
      if (hr.spec().chart() != null) {
        run(out, () -> HelmChartResolver.refuseSourceKind(hr, "spec.chart.spec.sourceRef",
            hr.spec().chart().spec().sourceRef().kind()));
      }
      HelmRelease.KubeConfigRef kubeConfig = hr.spec().kubeConfig();
      if (kubeConfig != null) {
        run(out, () -> Targets.requireSecretRef(kubeConfig.secretRef(), kubeConfig.configMapRef() != null,
            hr.subject()));
      }
    } else if (parsed instanceof OCIRepository repo) {
      run(out, () -> ChartSources.refuseUnsupported(repo));
    } else if (parsed instanceof HelmChart chart) {
      run(out, () -> HelmChartFields.refuse(chart));
    } else if (parsed instanceof ArtifactGenerator generator) {
      run(out, () -> ExternalArtifacts.refuseUnsupported(generator));
      run(out, () -> CrossNamespaceRefs.check(tenancy, generator.subject(), generator));
    }
  }

  /** Runs one check; a refusal it throws is added to {@code out}. True when it passed. */
  private static boolean run(List<Refusal> out, Runnable check) {
    try {
      check.run();
      return true;
    } catch (RuntimeException e) {
      out.add(refusal(e.getMessage()));
      return false;
    }
  }

  /** The engine's message as a refusal: its field is the first {@code spec.…}/{@code metadata.…} path it names. */
  static Refusal refusal(String message) {
    String text = message == null ? "" : message;
    Matcher m = FIELD.matcher(text + " ");
    if (!m.find()) {
      return new Refusal("-", text);
    }
    String rest = text.substring(Math.min(text.length(), m.end(1))).replaceFirst("^:?\\s*", "");
    return new Refusal(m.group(1), rest);
  }
}
