package io.driftless.cli;

import io.driftless.model.helm.OCIRepository;
import io.driftless.source.HttpFetch;
import io.driftless.source.helm.ChartCache;
import io.driftless.source.helm.ChartSources;
import io.driftless.source.helm.RepositoryAuth;
import io.driftless.source.oci.ArtifactPush;
import io.driftless.source.oci.OciArtifact;
import io.driftless.source.oci.OciReference;
import io.driftless.source.oci.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftless push artifact} and {@code driftless pull artifact}, as {@code flux push|pull
 * artifact}: a directory as an OCI artifact in Flux's format ({@link ArtifactPush}), and an artifact's
 * files back into a directory, read as an OCIRepository reads them. Credentials: {@code --creds
 * user:password}, else the registry's login in {@code ~/.docker/config.json} when it has one.
 */
final class ArtifactCommand {
  private ArtifactCommand() {}

  /** {@code oci://host/repository:tag} or {@code …@sha256:…}, split. */
  record Url(OciReference ref, String tag, String digest) {
    static Url parse(String url) {
      String rest = url;
      String digest = null;
      String tag = null;
      int at = rest.lastIndexOf('@');
      if (at > rest.indexOf("//") + 2 && rest.substring(at + 1).startsWith("sha256:")) {
        digest = rest.substring(at + 1);
        rest = rest.substring(0, at);
      } else {
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
          tag = rest.substring(colon + 1);
          rest = rest.substring(0, colon);
        }
      }
      return new Url(OciReference.parse(rest), tag, digest);
    }
  }

  /** A verb whose noun is the subcommand: alone, it prints its usage. */
  abstract static class Group implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  @Command(name = "push", description = "Push to a registry, as `flux push`.", subcommands = Push.class)
  static final class PushGroup extends Group {}

  @Command(name = "pull", description = "Pull from a registry, as `flux pull`.", subcommands = Pull.class)
  static final class PullGroup extends Group {}

  @Command(name = "artifact", description = "Push a directory as an OCI artifact in Flux's format, as "
      + "`flux push artifact` (a Kustomization with sourceRef.kind OCIRepository applies it).")
  static final class Push implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "oci://REGISTRY/REPOSITORY:TAG") String url;
    @Option(names = "--path", required = true, description = "Directory whose files the artifact holds") Path path;
    @Option(names = "--source", description = "Where the files come from (a Git URL): org.opencontainers.image.source")
    String source;
    @Option(names = "--revision", description = "Their revision (e.g. main@sha1:<commit>): org.opencontainers.image.revision")
    String revision;
    @Option(names = "--creds", description = "user:password for the registry (default: ~/.docker/config.json)") String creds;
    @Option(names = "--insecure-registry", description = "Talk plain HTTP to the registry") boolean insecure;

    @Override
    public Integer call() throws IOException {
      Url u = Url.parse(url);
      if (u.tag() == null) {
        throw new IllegalArgumentException(url + ": give a tag, oci://REGISTRY/REPOSITORY:TAG");
      }
      spec.commandLine().getOut().println("► pushing artifact to " + u.ref().registry() + "/" + u.ref().repository()
          + ":" + u.tag());
      String created = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      String digest = ArtifactPush.push(client(u.ref(), auth(u.ref(), creds), insecure), u.ref().repository(), u.tag(),
          path, source, revision, created);
      spec.commandLine().getOut().println("✔ artifact successfully pushed to " + u.ref().registry() + "/"
          + u.ref().repository() + "@" + digest);
      return 0;
    }
  }

  @Command(name = "artifact", description = "Pull an OCI artifact's files into a directory, as `flux pull artifact`:"
      + " the first layer, unpacked as an OCIRepository unpacks it.")
  static final class Pull implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", description = "oci://REGISTRY/REPOSITORY:TAG or …@sha256:DIGEST") String url;
    @Option(names = {"--output", "-o"}, required = true, description = "Directory to write the files to") Path output;
    @Option(names = "--creds", description = "user:password for the registry (default: ~/.docker/config.json)") String creds;
    @Option(names = "--insecure-registry", description = "Talk plain HTTP to the registry") boolean insecure;

    @Override
    public Integer call() throws IOException {
      Url u = Url.parse(url);
      String plain = u.ref().toString();
      OCIRepository repo = new OCIRepository("artifact", "cli", OCIRepository.API_VERSION, new OCIRepository.Spec(
          plain, new OCIRepository.Ref(u.digest(), null, null, u.digest() == null ? u.tag() : null), null, null, null,
          null, null, null, null, null, null, null, insecure, null), url);
      Path cache = Files.createTempDirectory("driftless-pull");
      try {
        OciArtifact artifact = new ChartSources(new ChartCache(cache)).fromOciArtifact(repo, auth(u.ref(), creds),
            ChartSources.Verifier.NONE);
        spec.commandLine().getOut().println("► pulling artifact from " + url);
        copyTree(artifact.root(), output);
        String origin = artifact.annotations().getOrDefault(ArtifactPush.SOURCE, "");
        if (!origin.isEmpty()) {
          spec.commandLine().getOut().println("✔ source " + origin);
        }
        spec.commandLine().getOut().println("✔ artifact content extracted to " + output);
      } finally {
        deleteTree(cache);
      }
      return 0;
    }
  }

  private static RegistryClient client(OciReference ref, RepositoryAuth auth, boolean insecure) {
    return new RegistryClient(ref.registry(), insecure, auth.username(), auth.password(),
        new HttpFetch(null, Duration.ofMinutes(2)));
  }

  /** {@code user:password}, else the login ~/.docker/config.json holds for the registry, else none. */
  static RepositoryAuth auth(OciReference ref, String creds) throws IOException {
    if (creds != null) {
      int colon = creds.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("--creds: want user:password");
      }
      return new RepositoryAuth(creds.substring(0, colon), creds.substring(colon + 1), null, null, null);
    }
    Path config = Path.of(System.getProperty("user.home"), ".docker", "config.json");
    if (!Files.isRegularFile(config)) {
      return RepositoryAuth.NONE;
    }
    try {
      return RepositoryAuth.fromSecretData(Map.of(".dockerconfigjson", Files.readAllBytes(config)), ref.registry());
    } catch (IllegalArgumentException noLoginForThisRegistry) {
      return RepositoryAuth.NONE;
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
