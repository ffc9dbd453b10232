package io.driftless.cli;

import io.driftless.notify.RegisteredCommitStatus;
import io.driftless.pipeline.Engine;
import io.driftless.record.RootRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bootstrap",
    description = "Register a root, as `flux bootstrap` would: the repository and the cluster path it syncs.")
final class BootstrapCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Option(names = "--url", required = true, description = "Repository URL (https://, ssh:// or file://)") String url;
  @Option(names = "--branch", defaultValue = "main", description = "Branch (default: ${DEFAULT-VALUE})") String branch;
  @Option(names = "--path", required = true, description = "Path of the cluster's directory, e.g. clusters/production") String path;
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
    try (Engine engine = Engines.open()) {
      String rootName = name == null ? cluster : name;
      RootRecord root = new RootRecord(rootName, url, branch, path, cluster, secretRef, tokenRef);
      engine.bootstrap(root);
      spec.commandLine().getOut().println("✔ root " + rootName + " registered: " + url + " " + branch + " ./" + path + " → cluster " + cluster);
      if (commitStatus != null) {
        engine.registerCommitStatus(root, commitStatus, statusTokenRef);
        spec.commandLine().getOut().println("✔ " + commitStatus + " commit statuses for every Kustomization and HelmRelease on " + cluster);
      }
    }
    return 0;
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
