package io.driftless.cli;

import io.driftless.config.DriftlessConfig;
import io.driftless.config.Tenancy;
import io.driftless.pipeline.FluxRefusals.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftless validate DIR [--path P]}: a repository checkout's Flux tree walked offline as the engine
 * walks it ({@link FluxTreeCheck}), every Flux object through the engine's parsers and refusal checks; one
 * line per refusal, then the counts. Exit 1 when anything is refused or a build fails.
 */
@Command(name = "validate",
    description = "Walk a checkout's Flux tree offline as Driftless reconciles it (kustomize builds, child "
        + "Kustomizations of the same source, postBuild substitute) and print every field Driftless would refuse: "
        + "`file: Kind/ns/name: field: message`, then the counts. Nothing is decrypted or applied. Exit 1 on any refusal.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Parameters(index = "0", arity = "0..1", defaultValue = ".", description = "The repository checkout (default: .)")
  Path dir;
  @Option(names = "--path", description = "The bootstrap path to start at, as `flux bootstrap --path` (repeatable; "
      + "default: every directory holding Flux Kustomizations that no other one builds)")
  List<String> paths = new ArrayList<>();
  @Option(names = "--source", description = "A checkout of another GitRepository the tree names, as NAMESPACE/NAME=DIR "
      + "(repeatable): the Kustomizations of that source are walked too (default: only the root's are)")
  Map<String, Path> sources = new LinkedHashMap<>();

  @Override
  public Integer call() throws IOException {
    Path repo = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(repo)) {
      throw new IllegalArgumentException(dir + ": not a directory");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Tenancy tenancy = DriftlessConfig.fromEnvironment(Engines.environment()).tenancy();
    List<String> starts = paths.isEmpty() ? entryPoints(repo, tenancy) : paths;
    if (starts.isEmpty()) {
      throw new IllegalArgumentException(repo + ": no Flux Kustomization found; give --path");
    }
    FluxTreeCheck.Result result = new FluxTreeCheck.Result();
    FluxTreeCheck check = new FluxTreeCheck(repo, absolute(sources), tenancy,
        note -> err.println("note: " + note));
    for (String start : starts) {
      check.walk(start, result);
    }
    result.buildFailures.forEach(out::println);
    result.refusals.forEach(out::println);
    summary(out, starts, result);
    return result.refusals.isEmpty() && result.buildFailures.isEmpty() ? 0 : 1;
  }

  private static Map<String, Path> absolute(Map<String, Path> sources) {
    Map<String, Path> out = new LinkedHashMap<>();
    sources.forEach((key, dir) -> {
      if (!key.contains("/") || !Files.isDirectory(dir)) {
        throw new IllegalArgumentException("--source " + key + "=" + dir + ": want NAMESPACE/NAME=DIR, an existing directory");
      }
      out.put(key, dir.toAbsolutePath().normalize());
    });
    return out;
  }

  private static void summary(PrintWriter out, List<String> starts, FluxTreeCheck.Result result) {
    out.println(result.checked() + " objects, " + result.refusals.size() + " refusals"
        + (result.buildFailures.isEmpty() ? "" : ", " + result.buildFailures.size() + " failed builds"));
    out.println("  paths: " + String.join(" ", starts) + "; " + result.kustomizationsBuilt + " Kustomizations built, "
        + result.notFollowed + " not followed (another source)");
    out.println("  skipped: " + result.objects.getOrDefault(Verdict.SKIPPED_FLUX_COMPONENT, 0) + " Flux components, "
        + result.objects.getOrDefault(Verdict.SKIPPED_OPERATOR, 0) + " Flux Operator objects; not checked: "
        + result.encrypted + " SOPS-encrypted; applied as they are: "
        + result.objects.getOrDefault(Verdict.APPLIED, 0) + " other objects"
        + (result.unreadKinds.isEmpty() ? "" : ", Flux kinds Driftless does not read " + result.unreadKinds));
    result.byField().forEach((field, count) -> out.println("  " + field + ": " + count));
  }

  /**
   * Without {@code --path}: the directories holding a Flux Kustomization or FluxInstance, less those
   * another one's tree builds (each tried on its own first), shallowest first.
   */
  private static List<String> entryPoints(Path repo, Tenancy tenancy) throws IOException {
    List<String> candidates;
    try (Stream<Path> files = Files.walk(repo)) {
      candidates = files
          .filter(f -> !repo.relativize(f).toString().startsWith(".git"))
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .filter(ValidateCommand::holdsFluxEntry)
          .map(f -> repo.relativize(f.getParent()).toString().replace('\\', '/'))
          .distinct()
          .sorted((a, b) -> a.split("/").length != b.split("/").length
              ? Integer.compare(a.split("/").length, b.split("/").length) : a.compareTo(b))
          .toList();
    }
    Map<String, Set<String>> reads = new LinkedHashMap<>();
    for (String candidate : candidates) {
      FluxTreeCheck.Result trial = new FluxTreeCheck.Result();
      new FluxTreeCheck(repo, Map.of(), tenancy, note -> { }).walk(candidate, trial);
      reads.put(candidate, trial.readDirs);
    }
    List<String> roots = candidates.stream()
        .filter(c -> reads.entrySet().stream().noneMatch(e -> !e.getKey().equals(c) && e.getValue().contains(c)))
        .toList();
    return roots.isEmpty() ? candidates : roots;
  }

  private static boolean holdsFluxEntry(Path file) {
    try {
      String text = Files.readString(file);
      return text.contains("kustomize.toolkit.fluxcd.io/") && text.contains("Kustomization")
          || text.contains("fluxcd.controlplane.io/") && text.contains("FluxInstance");
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }
}
