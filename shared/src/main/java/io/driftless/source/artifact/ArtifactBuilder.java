package io.driftless.source.artifact;

import io.driftless.model.Yaml;
import io.driftless.model.helm.ArtifactGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds one ExternalArtifact of an ArtifactGenerator the way source-watcher does: the copy
 * operations run in order into a staging directory with {@code cp}-like rules ({@code @src/dir/}
 * copies the directory itself, {@code @src/dir/**} its contents, a glob copies each match, a
 * destination ending in {@code /} is a directory), later files overwriting earlier ones or, with the
 * {@code Merge} strategy, deep-merged into them as Helm merges values files (lists replaced). Every
 * path stays inside its source and the artifact. The result is kept under its content digest, so an
 * unchanged artifact keeps its revision.
 */
public final class ArtifactBuilder {
  private static final String ARTIFACT = "@artifact/";
  private final Path store;

  public ArtifactBuilder(Path store) {
    this.store = store;
  }

  /**
   * Builds {@code artifact} of {@code generator} from {@code sources} (alias to checked-out root)
   * whose revisions are {@code revisions} (alias to revision).
   */
  public GeneratedArtifact build(ArtifactGenerator generator, ArtifactGenerator.OutputArtifact artifact,
      Map<String, Path> sources, Map<String, String> revisions) {
    String subject = generator.subject() + " artifact " + artifact.name();
    try {
      Files.createDirectories(store);
      Path staging = Files.createTempDirectory(store, "staging-");
      for (ArtifactGenerator.CopyOperation op : artifact.copyList()) {
        try {
          new Copy(op, sources, staging).run();
        } catch (ArtifactException | IllegalArgumentException e) {
          deleteTree(staging);
          throw new ArtifactException(subject + ": copy from '" + op.from() + "' to '" + op.to() + "': "
              + e.getMessage());
        }
      }
      String hex = digest(staging);
      Path target = store.resolve(generator.namespace()).resolve(artifact.name()).resolve(hex);
      if (Files.isDirectory(target)) {
        deleteTree(staging);
      } else {
        Files.createDirectories(target.getParent());
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      }
      String revision = artifact.revision() == null
          ? "latest@sha256:" + hex
          : revisions.get(artifact.revision().substring(1));
      return new GeneratedArtifact(generator.namespace() + "/" + artifact.name(), target, revision, "sha256:" + hex);
    } catch (IOException e) {
      throw new ArtifactException(subject + ": " + e.getMessage());
    }
  }

  /** One copy operation into the staging directory. */
  private static final class Copy {
    private final ArtifactGenerator.CopyOperation op;
    private final Path source;
    private final String pattern;
    private final Path staging;
    private final List<Pattern> excludes = new ArrayList<>();
    private final List<String> excludeGlobs;

    Copy(ArtifactGenerator.CopyOperation op, Map<String, Path> sources, Path staging) {
      this.op = op;
      String[] parts = op.from().substring(1).split("/", 2);
      if (parts.length != 2) {
        throw new ArtifactException("source format must be '@alias/pattern'");
      }
      this.source = sources.get(parts[0]);
      if (source == null) {
        throw new ArtifactException("source alias '" + parts[0] + "' not found");
      }
      this.pattern = parts[1];
      this.staging = staging;
      this.excludeGlobs = op.excludeList();
      for (String e : excludeGlobs) {
        excludes.add(Globs.doublestar(e));
      }
      if ("Extract".equals(op.effectiveStrategy())) {
        throw new ArtifactException("strategy Extract is not supported by Driftless yet");
      }
      if (!op.to().startsWith(ARTIFACT)) {
        throw new ArtifactException("destination must start with '" + ARTIFACT + "'");
      }
    }

    void run() throws IOException {
      String dest = op.to().substring(ARTIFACT.length());
      boolean destIsDir = op.to().endsWith("/");
      if (!Globs.hasGlob(pattern)) {
        String src = clean(pattern);
        Path from = inSource(src);
        if (!Files.exists(from)) {
          throw new ArtifactException("source '" + src + "' does not exist");
        }
        if (Files.isDirectory(from)) {
          copyTree(src, join(dest, baseName(src)), src);
          return;
        }
        if (excluded(src, ".")) {
          return;
        }
        boolean intoDir = destIsDir || Files.isDirectory(inStaging(dest));
        copyFile(src, intoDir ? join(dest, baseName(src)) : clean(dest));
        return;
      }
      List<String> matches = glob();
      if (matches.isEmpty()) {
        throw new ArtifactException("no files match pattern '" + pattern + "' in the source");
      }
      String base = selectionRoot(pattern);
      List<String> kept = matches.stream().filter(m -> !m.equals(".") && !excluded(m, base)).toList();
      if (kept.isEmpty()) {
        throw new ArtifactException("all files matching pattern '" + pattern + "' were excluded");
      }
      for (String match : kept) {
        String target = globDestination(match, dest);
        if (Files.isDirectory(inSource(match))) {
          copyTree(match, target, base);
        } else {
          copyFile(match, target);
        }
      }
    }

    /** {@code dir/**} strips {@code dir/} from each match; other globs keep the matched path. */
    private String globDestination(String match, String dest) {
      if (pattern.endsWith("/**")) {
        String prefix = pattern.substring(0, pattern.length() - 3) + "/";
        if (match.startsWith(prefix)) {
          return join(dest, match.substring(prefix.length()));
        }
      }
      return join(dest, match);
    }

    /** Go's {@code fs.Glob}: one directory level per pattern segment, matches in lexical order. */
    private List<String> glob() throws IOException {
      List<String> current = List.of("");
      for (String segment : clean(pattern).split("/")) {
        List<String> next = new ArrayList<>();
        for (String dir : current) {
          Path d = dir.isEmpty() ? source : inSource(dir);
          if (!Globs.hasGlob(segment)) {
            if (Files.exists(d.resolve(segment))) {
              next.add(join(dir, segment));
            }
            continue;
          }
          if (!Files.isDirectory(d)) {
            continue;
          }
          Pattern p = Globs.segment(segment);
          try (Stream<Path> entries = Files.list(d)) {
            entries.map(e -> e.getFileName().toString()).filter(n -> !n.equals(".git")).sorted()
                .filter(n -> p.matcher(n).matches()).forEach(n -> next.add(join(dir, n)));
          }
        }
        current = next;
      }
      return current;
    }

    private void copyTree(String src, String dest, String excludeBase) throws IOException {
      Path from = inSource(src);
      Path root = inStaging(dest);
      Files.createDirectories(root);
      Files.walkFileTree(from, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          if (dir.equals(from)) {
            return FileVisitResult.CONTINUE;
          }
          String rel = relative(dir);
          if (dir.getFileName().toString().equals(".git") || excluded(rel, excludeBase)) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          Files.createDirectories(root.resolve(from.relativize(dir).toString()));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          String rel = relative(file);
          if (!excluded(rel, excludeBase)) {
            write(file, root.resolve(from.relativize(file).toString()));
          }
          return FileVisitResult.CONTINUE;
        }
      });
    }

    private void copyFile(String src, String dest) throws IOException {
      Path target = inStaging(dest);
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      if ("Merge".equals(op.effectiveStrategy()) && Files.isRegularFile(target)) {
        Map<String, Object> merged = merge(load(target, dest), load(inSource(src), src));
        Files.writeString(target, Yaml.write(merged));
        return;
      }
      write(inSource(src), target);
    }

    private void write(Path from, Path to) throws IOException {
      Path real = from.toRealPath();
      if (!real.startsWith(source.toRealPath())) {
        throw new ArtifactException("'" + relative(from) + "' leaves the source through a link");
      }
      Files.copy(real, to, StandardCopyOption.REPLACE_EXISTING);
    }

    private boolean excluded(String path, String base) {
      if (matchesExclude(path)) {
        return true;
      }
      String cleanBase = clean(base);
      if (cleanBase.equals(".")) {
        return false;
      }
      if (!path.startsWith(cleanBase + "/")) {
        return false;
      }
      return matchesExclude(path.substring(cleanBase.length() + 1));
    }

    private boolean matchesExclude(String path) {
      String name = baseName(path);
      for (int i = 0; i < excludes.size(); i++) {
        if (excludes.get(i).matcher(path).matches()
            || !excludeGlobs.get(i).contains("/") && excludes.get(i).matcher(name).matches()) {
          return true;
        }
      }
      return false;
    }

    private Path inSource(String rel) {
      Path p = source.resolve(rel).normalize();
      if (!p.startsWith(source.normalize())) {
        throw new ArtifactException("'" + rel + "' leaves the source");
      }
      return p;
    }

    private Path inStaging(String rel) {
      Path p = staging.resolve(clean(rel)).normalize();
      if (!p.startsWith(staging)) {
        throw new ArtifactException("'" + rel + "' leaves the artifact");
      }
      return p;
    }

    private String relative(Path p) {
      return source.normalize().relativize(p.normalize()).toString().replace('\\', '/');
    }
  }

  /** Helm's values merge: maps merged key by key, anything else (lists too) replaced by the overlay. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    overlay.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m && out.get(k) instanceof Map<?, ?> b) {
        out.put(k, merge((Map<String, Object>) b, (Map<String, Object>) m));
      } else {
        out.put(k, v);
      }
    });
    return out;
  }

  private static Map<String, Object> load(Path file, String name) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map<String, Object> doc : Yaml.readDocuments(name, Files.readString(file))) {
      out = merge(out, doc);
    }
    return out;
  }

  /** sha256 over every file's relative path and content, in path order. */
  private static String digest(Path root) throws IOException {
    TreeMap<String, Path> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(f -> files.put(root.relativize(f).toString().replace('\\', '/'), f));
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, Path> e : files.entrySet()) {
        sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(e.getValue())));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String clean(String p) {
    String c = Path.of(p.isEmpty() ? "." : p).normalize().toString().replace('\\', '/');
    return c.isEmpty() ? "." : c;
  }

  private static String join(String dir, String name) {
    String d = clean(dir);
    return d.equals(".") ? clean(name) : clean(d + "/" + name);
  }

  private static String baseName(String p) {
    String c = clean(p);
    int slash = c.lastIndexOf('/');
    return slash < 0 ? c : c.substring(slash + 1);
  }

  /** The literal prefix of a glob before its first segment with a wildcard. */
  private static String selectionRoot(String glob) {
    List<String> parts = new ArrayList<>();
    for (String part : clean(glob).split("/")) {
      if (Globs.hasGlob(part)) {
        break;
      }
      parts.add(part);
    }
    return parts.isEmpty() ? "." : String.join("/", parts);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
