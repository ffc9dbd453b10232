package io.driftless.cli;

import io.driftless.model.GitRepository;
import io.driftless.model.ObjectId;
import io.driftless.model.helm.HelmRelease;
import io.driftless.model.helm.HelmRepository;
import io.driftless.model.helm.OCIRepository;
import io.driftless.pipeline.Engine;
import io.driftless.pipeline.ManualReconcile;
import io.driftless.record.HelmRecord;
import io.driftless.record.SourceRecord;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftless suspend|resume ks|hr|source git|helm|oci NAME|--all}, like {@code flux
 * suspend|resume}: the mark is kept in the table (nothing Driftless reconciles lives in the cluster,
 * and Git's {@code spec.suspend} is the user's), so a new commit does not clear it. A resume
 * reconciles at once and waits for Ready when one object is named, or with {@code --wait}.
 */
final class SuspendCommand {
  private SuspendCommand() {}

  /** One kind that can be suspended: how its objects are found, marked and reconciled. */
  enum Kind {
    KUSTOMIZATION("Kustomization", Listing.KUSTOMIZATION),
    HELM_RELEASE(HelmRelease.KIND, Listing.HELM_RELEASE),
    GIT_REPOSITORY(GitRepository.KIND, Listing.GIT_REPOSITORY),
    HELM_REPOSITORY(HelmRepository.KIND, Listing.HELM_REPOSITORY),
    OCI_REPOSITORY(OCIRepository.KIND, Listing.OCI_REPOSITORY);

    final String kind;
    final Listing listing;

    Kind(String kind, Listing listing) {
      this.kind = kind;
      this.listing = listing;
    }

    String subject(String namespace, String name) {
      return ObjectId.subject(kind, namespace, name);
    }

    /** Sets or clears the mark; the clusters it was set on. */
    List<String> mark(Engine engine, String namespace, String name, String cluster, boolean suspended) {
      String key = namespace + "/" + name;
      return switch (this) {
        case KUSTOMIZATION -> engine.suspendKustomization(key, cluster, suspended).stream()
            .map(io.driftless.record.KustomizationRecord::cluster).toList();
        case GIT_REPOSITORY -> engine.suspendGitRepository(key, cluster, suspended).stream()
            .map(s -> clusterOf(engine, s)).toList();
        default -> engine.suspendHelmObject(ObjectId.subject(kind, key), cluster, suspended).stream().map(HelmRecord::cluster).toList();
      };
    }

    /** Reconciles it now with flux's progress lines; true when it ends Ready. */
    boolean reconcile(Engine engine, String namespace, String name, String cluster, PrintWriter out) {
      String key = namespace + "/" + name;
      switch (this) {
        case KUSTOMIZATION -> {
          out.println("◎ waiting for Kustomization reconciliation");
          return ReconcileCommand.print(engine.reconcile(new ManualReconcile(key, cluster, true)), out);
        }
        case HELM_RELEASE -> {
          return ReconcileCommand.reconcile(engine, ObjectId.subject(kind, key), cluster, false, out);
        }
        case GIT_REPOSITORY -> {
          out.println("◎ waiting for GitRepository reconciliation");
          boolean ready = true;
          for (SourceRecord s : engine.fleet().listSources()) {
            if (s.key().endsWith("#" + key) && (cluster == null || cluster.equals(clusterOf(engine, s)))) {
              SourceRecord fetched = engine.fetchGitRepository(s);
              out.println("✔ " + subject(namespace, name) + " on " + clusterOf(engine, s)
                  + ": fetched revision " + fetched.lastRevision());
              ready &= fetched.lastRevision() != null;
            }
          }
          return ready;
        }
        default -> {
          boolean ready = true;
          List<HelmRecord> users = HelmRows.releasesUsing(engine.fleet().listHelmObjects(), kind, namespace, name, cluster);
          if (users.isEmpty()) {
            out.println("✔ no HelmRelease uses " + subject(namespace, name));
          }
          for (HelmRecord r : users) {
            ready &= ReconcileCommand.reconcile(engine, r.key(), r.cluster(), false, out);
          }
          return ready;
        }
      }
    }

    private static String clusterOf(Engine engine, SourceRecord s) {
      return engine.fleet().getRoot(s.root()).map(io.driftless.record.RootRecord::cluster).orElse("");
    }
  }

  /** The objects a suspend or resume names: one NAME, or {@code --all} in the scope. */
  abstract static class Target implements Callable<Integer> {
    private final Kind kind;
    @Spec CommandSpec spec;
    @Parameters(index = "0", arity = "0..1", description = "Name of the object") String name;
    @Option(names = "--all", description = "Every object of the kind in the namespace (or with -A, every namespace)")
    boolean all;
    @Mixin Scope scope;

    Target(Kind kind) {
      this.kind = kind;
    }

    Kind kind() {
      return kind;
    }

    /** The (cluster or null, namespace, name) triples to act on. */
    List<String[]> targets(Engine engine) {
      if ((name == null) == !all) {
        throw new IllegalArgumentException("give a name or --all");
      }
      List<String[]> found = new ArrayList<>();
      if (name != null) {
        String namespace = name.contains("/") ? name.substring(0, name.indexOf('/')) : scope.namespace;
        found.add(new String[] {scope.cluster, namespace, name.substring(name.indexOf('/') + 1)});
        return found;
      }
      kind().listing.rows(engine.fleet(), scope).stream().sorted(StatusTable.ORDER)
          .forEach(r -> found.add(new String[] {r.cluster(), r.namespace(), r.name()}));
      if (found.isEmpty()) {
        throw new IllegalArgumentException(scope.nothingFound(kind().kind).substring(2));
      }
      return found;
    }
  }

  /** {@code suspend KIND}: marks each target suspended. */
  abstract static class SuspendTarget extends Target {
    SuspendTarget(Kind kind) {
      super(kind);
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Engine engine = Engines.open()) {
        for (String[] t : targets(engine)) {
          out.println("► suspending " + kind().subject(t[1], t[2]));
          for (String cluster : kind().mark(engine, t[1], t[2], t[0], true)) {
            out.println("✔ " + kind().subject(t[1], t[2]) + " on " + cluster + " suspended");
          }
        }
      }
      return 0;
    }
  }

  /** {@code resume KIND}: clears each target's mark, then reconciles and waits when one is named or with --wait. */
  abstract static class ResumeTarget extends Target {
    ResumeTarget(Kind kind) {
      super(kind);
    }

    @Option(names = "--wait", description = "Reconcile and wait for Ready (the default when one object is named)")
    boolean waitForReady;

    @Override
    public Integer call() {
      boolean ready = true;
      PrintWriter out = spec.commandLine().getOut();
      try (Engine engine = Engines.open()) {
        List<String[]> targets = targets(engine);
        for (String[] t : targets) {
          out.println("► resuming " + kind().subject(t[1], t[2]));
          for (String cluster : kind().mark(engine, t[1], t[2], t[0], false)) {
            out.println("✔ " + kind().subject(t[1], t[2]) + " on " + cluster + " resumed");
          }
        }
        if (!all || waitForReady) {
          for (String[] t : targets) {
            ready &= kind().reconcile(engine, t[1], t[2], t[0], out);
          }
        } else {
          out.println("◎ the next run reconciles them (--wait reconciles now and waits)");
        }
      }
      return ready ? 0 : 1;
    }
  }

  @Command(name = "suspend", description = "Suspend reconciliation, like `flux suspend`.",
      subcommands = {SuspendKs.class, SuspendHr.class, SuspendSource.class})
  static final class Suspend {}

  @Command(name = "resume", description = "Resume reconciliation and reconcile at once, like `flux resume`.",
      subcommands = {ResumeKs.class, ResumeHr.class, ResumeSource.class})
  static final class Resume {}

  @Command(name = "source", aliases = "sources", description = "Suspend a source.",
      subcommands = {SuspendGit.class, SuspendHelm.class, SuspendOci.class})
  static final class SuspendSource {}

  @Command(name = "source", aliases = "sources", description = "Resume a source and fetch it (Helm: reconcile its HelmReleases).",
      subcommands = {ResumeGit.class, ResumeHelm.class, ResumeOci.class})
  static final class ResumeSource {}

  @Command(name = "kustomization", aliases = {"ks"}, description = "Suspend Kustomizations: runs leave them (and their objects) alone.")
  static final class SuspendKs extends SuspendTarget {
    SuspendKs() {
      super(Kind.KUSTOMIZATION);
    }
  }

  @Command(name = "helmrelease", aliases = {"hr"}, description = "Suspend HelmReleases.")
  static final class SuspendHr extends SuspendTarget {
    SuspendHr() {
      super(Kind.HELM_RELEASE);
    }
  }

  @Command(name = "git", description = "Suspend GitRepositories: not fetched; what uses them keeps the last revision.")
  static final class SuspendGit extends SuspendTarget {
    SuspendGit() {
      super(Kind.GIT_REPOSITORY);
    }
  }

  @Command(name = "helm", description = "Suspend HelmRepositories: not fetched; the HelmReleases using them wait (ArtifactFailed).")
  static final class SuspendHelm extends SuspendTarget {
    SuspendHelm() {
      super(Kind.HELM_REPOSITORY);
    }
  }

  @Command(name = "oci", description = "Suspend OCIRepositories: not fetched; the HelmReleases using them wait (ArtifactFailed).")
  static final class SuspendOci extends SuspendTarget {
    SuspendOci() {
      super(Kind.OCI_REPOSITORY);
    }
  }

  @Command(name = "kustomization", aliases = {"ks"}, description = "Resume Kustomizations and reconcile them.")
  static final class ResumeKs extends ResumeTarget {
    ResumeKs() {
      super(Kind.KUSTOMIZATION);
    }
  }

  @Command(name = "helmrelease", aliases = {"hr"}, description = "Resume HelmReleases and reconcile them.")
  static final class ResumeHr extends ResumeTarget {
    ResumeHr() {
      super(Kind.HELM_RELEASE);
    }
  }

  @Command(name = "git", description = "Resume GitRepositories and fetch them.")
  static final class ResumeGit extends ResumeTarget {
    ResumeGit() {
      super(Kind.GIT_REPOSITORY);
    }
  }

  @Command(name = "helm", description = "Resume HelmRepositories and reconcile the HelmReleases using them.")
  static final class ResumeHelm extends ResumeTarget {
    ResumeHelm() {
      super(Kind.HELM_REPOSITORY);
    }
  }

  @Command(name = "oci", description = "Resume OCIRepositories and reconcile the HelmReleases using them.")
  static final class ResumeOci extends ResumeTarget {
    ResumeOci() {
      super(Kind.OCI_REPOSITORY);
    }
  }
}
