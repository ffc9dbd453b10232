package io.driftless.render;

import io.driftless.render.kustomize.KustomizeFileSystem;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * Which files of a source Flux leaves out of its artifact: the {@code .sourceignore} files of every
 * directory (each applying below its own directory), then the GitRepository's {@code spec.ignore},
 * in gitignore syntax; the last matching pattern decides. Without any such pattern Flux's default
 * exclusions apply. The VCS files are always left out.
 */
final class SourceIgnore {
  static final String FILE = ".sourceignore";
  private static final List<String> VCS = List.of(".git/", ".gitignore", ".gitmodules", ".gitattributes");
  private static final List<String> DEFAULTS = List.of("*.jpg", "*.jpeg", "*.gif", "*.png", "*.wmv",
      "*.flv", "*.tar.gz", "*.zip", ".github/", ".circleci/", ".travis.yml", ".gitlab-ci.yml",
      "appveyor.yml", ".drone.yml", "cloudbuild.yaml", "codeship-*.yml", "**/.goreleaser.yml",
      "**/.sops.yaml", "**/.flux.yaml");

  private record Rule(String domain, FastIgnoreRule rule) {}

  private final List<Rule> rules = new ArrayList<>();

  /** The rules of the source in {@code fs} plus {@code specIgnore} (null or empty when none). */
  static SourceIgnore load(KustomizeFileSystem fs, String specIgnore) {
    SourceIgnore s = new SourceIgnore();
    VCS.forEach(p -> s.add("", p));
    int before = s.rules.size();
    s.addFiles(fs, "");
    if (specIgnore != null) {
      specIgnore.lines().forEach(line -> s.add("", line));
    }
    if (s.rules.size() == before) {
      DEFAULTS.forEach(p -> s.add("", p));
    }
    return s;
  }

  private void addFiles(KustomizeFileSystem fs, String dir) {
    String file = dir.isEmpty() ? FILE : dir + "/" + FILE;
    if (fs.isFile(file)) {
      fs.read(file).lines().forEach(line -> add(dir, line));
    }
    for (String name : fs.list(dir)) {
      String child = dir.isEmpty() ? name : dir + "/" + name;
      if (fs.isDirectory(child) && !ignored(child, true)) {
        addFiles(fs, child);
      }
    }
  }

  private void add(String domain, String line) {
    String p = line.strip();
    if (p.isEmpty() || p.startsWith("#")) {
      return;
    }
    rules.add(new Rule(domain, new FastIgnoreRule(p)));
  }

  /** True when {@code path} (root-relative) or a directory above it is left out. */
  boolean excludes(String path, boolean directory) {
    String[] parts = path.split("/");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        prefix.append('/');
      }
      prefix.append(parts[i]);
      boolean last = i == parts.length - 1;
      if (ignored(prefix.toString(), !last || directory)) {
        return true;
      }
    }
    return false;
  }

  private boolean ignored(String path, boolean directory) {
    for (int i = rules.size() - 1; i >= 0; i--) {
      Rule r = rules.get(i);
      if (!r.domain().isEmpty() && !path.startsWith(r.domain() + "/")) {
        continue;
      }
      String rel = r.domain().isEmpty() ? path : path.substring(r.domain().length() + 1);
      if (r.rule().isMatch(rel, directory)) {
        return r.rule().getResult();
      }
    }
    return false;
  }
}
