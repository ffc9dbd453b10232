package io.driftless.cli;

import io.driftless.model.FluxInstance;
import io.driftless.model.KubeObject;
import io.driftless.model.ManifestException;
import io.driftless.model.Yaml;
import io.driftless.notify.RegisteredCommitStatus;
import io.driftless.pipeline.Engine;
import io.driftless.record.RootRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bootstrap",
    description = "Register a root, as `flux bootstrap` would: the repository and the cluster path it syncs.")
final class BootstrapCommand implements Callable<Integer> {
  private static final String DEFAULT_BRANCH = "main";
  @Spec CommandSpec spec;
  @Option(names = "--url", description = "Repository URL (https://, ssh:// or file://)") String url;
  @Option(names = "--branch", description = "Branch (default: " + DEFAULT_BRANCH + ")") String branch;
  @Option(names = "--path", description = "Path of the cluster's directory, e.g. clusters/production") String path;
  @Option(names = "--from", description = "A Flux Operator FluxInstance file: its spec.sync gives --url, --branch and --path")
  Path from;
  @Option(names = "--cluster", required = true, description = "Registered cluster to apply to") String cluster;
  @Option(names = "--name", description = "Root name (default: the cluster name)") String name;
  @Option(names = "--webhook-secret-file", description = "File holding the webhook's HMAC secret (kept by reference)") Path webhookSecretFile;
  @Option(names = "--token-file", description = "File holding an HTTPS token, or username:token (kept by reference)") Path tokenFile;
  @Option(names = "--commit-status", description = "Post commit statuses on the repository: github, gitea, gitlab or bitbucket")
  String commitStatus;
  @Option(names = "--commit-status-token-file",
      description = "File holding the commit status API token (bitbucket: username:app-password), kept by reference")
  Path commitStatusTokenFile;

  @Override
  public Integer call() {
    String secretRef = reference(webhookSecretFile, "--webhook-secret-file");
    String tokenRef = reference(tokenFile, "--token-file");
    String statusTokenRef = reference(commitStatusTokenFile, "--commit-status-token-file");
    if ((commitStatus == null) != (statusTokenRef == null)) {
      throw new IllegalArgumentException("--commit-status and --commit-status-token-file go together");
    }
    if (commitStatus != null) {
      RegisteredCommitStatus.check(commitStatus);
    }
    String fromInstance = from == null ? null : takeSync(tokenRef);
    if (url == null || path == null) {
      throw new IllegalArgumentException("--url and --path are required (or --from a FluxInstance file)");
    }
    String rootBranch = branch == null ? DEFAULT_BRANCH : branch;
    try (Engine engine = Engines.open()) {
      String rootName = name == null ? cluster : name;
      RootRecord root = new RootRecord(rootName, url, rootBranch, path, cluster, secretRef, tokenRef);
      engine.bootstrap(root);
      spec.commandLine().getOut().println("✔ root " + rootName + " registered: " + url + " " + rootBranch + " ./" + path
          + " → cluster " + cluster + (fromInstance == null ? "" : " (spec.sync of " + fromInstance + ")"));
      if (commitStatus != null) {
        engine.registerCommitStatus(root, commitStatus, statusTokenRef);
        spec.commandLine().getOut().println("✔ " + commitStatus + " commit statuses for every Kustomization and HelmRelease on " + cluster);
      }
    }
    return 0;
  }

  /**
   * Takes {@code --url}, {@code --branch} and {@code --path} from the FluxInstance in {@code --from}, as the
   * Flux Operator would sync it; its {@code pullSecret} is a Secret Driftless does not read for a root, so
   * it takes the credentials it holds from {@code --token-file}. Returns the FluxInstance's subject.
   */
  private String takeSync(String tokenRef) {
    if (url != null || branch != null || path != null) {
      throw new IllegalArgumentException("--from " + from + " gives --url, --branch and --path; give either, not both");
    }
    KubeObject instance = fluxInstance(from);
    FluxInstance.RootSync sync = FluxInstance.rootSync(instance);
    if (sync.pullSecret() != null && tokenRef == null) {
      throw new ManifestException(instance.origin(), instance.subject() + ": spec.sync.pullSecret names the Secret '"
          + sync.pullSecret() + "', which Driftless does not read for a root: give the credentials it holds with --token-file");
    }
    url = sync.url();
    branch = sync.branch();
    path = sync.path();
    return instance.subject();
  }

  private static KubeObject fluxInstance(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--from " + file + ": file not found");
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("--from " + file + ": " + e.getMessage(), e);
    }
    List<KubeObject> instances = Yaml.readDocuments(file.toString(), text).stream()
        .map(d -> new KubeObject(d, file.toString())).filter(FluxInstance::isFluxInstance).toList();
    if (instances.size() != 1) {
      throw new IllegalArgumentException("--from " + file + ": holds " + instances.size()
          + " FluxInstance objects (fluxcd.controlplane.io/v1), want one");
    }
    return instances.get(0);
  }

  private static String reference(Path file, String option) {
    if (file == null) {
      return null;
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(option + " " + file + ": file not found");
    }
    return file.toAbsolutePath().toString();
  }
}
