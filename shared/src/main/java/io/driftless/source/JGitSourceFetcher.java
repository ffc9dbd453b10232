package io.driftless.source;

import io.driftless.model.Redact;
import io.driftless.model.Revision;
import io.driftless.model.SecretResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.LsRemoteCommand;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Fetches sources with JGit into a cache directory that survives between warm invocations (the
 * function's temp dir). Asks the remote first ({@code ls-remote}); when the cached checkout is
 * already at the remote's commit nothing is fetched; otherwise it does a depth-1 fetch of just that
 * ref, which is incremental when the cache exists.
 *
 * <p>Transports: {@code file://}; {@code http(s)://} where the credential reference resolves to a
 * token or {@code user:token}; {@code ssh://} where it resolves to a YAML/JSON mapping shaped like
 * Flux's SSH Secret ({@code identity}, {@code known_hosts}, optional {@code password}, see {@link
 * SshCredentials}), host keys checked strictly against that {@code known_hosts}. The scp form
 * {@code user@host:path} is refused, as in Flux. A GitRepository found in Git may name remote URLs
 * only ({@link RemoteUrls}); each source has its own cache directory ({@link CacheDirs}).
 */
public final class JGitSourceFetcher implements SourceFetcher {
  private static final String LOCAL_REF = "refs/driftless/fetched";
  private final CacheDirs cacheDirs;
  private final SecretResolver secrets;
  private final Duration timeout;
  private final Map<Path, Object> locks = new ConcurrentHashMap<>();
  /**
   * The commit this fetcher last checked each cache directory out at, or found it clean at: a warm
   * call trusts it instead of walking the whole working tree again (a status walk over a 1,000-app
   * checkout per Kustomization made a fleet's run quadratic). Only this fetcher writes its directories.
   */
  private final Map<Path, String> checkedOut = new ConcurrentHashMap<>();
  private final Map<String, Optional<Set<String>>> diffs = new ConcurrentHashMap<>();

  public JGitSourceFetcher(Path cacheRoot, SecretResolver secrets, Duration timeout) {
    this.cacheDirs = new CacheDirs(cacheRoot);
    this.secrets = secrets;
    this.timeout = timeout;
  }

  @Override
  public SourceSnapshot fetch(GitSource source) {
    RefResolution ref = RefResolution.of(source);
    Path dir = cacheDir(source);
    synchronized (locks.computeIfAbsent(dir, d -> new Object())) {
      try (GitAccess credentials = GitAccess.forSource(source, secrets)) {
        return fetchWith(source, ref, dir, credentials);
      }
    }
  }

  @Override
  public Optional<SourceSnapshot> cached(GitSource source, Revision revision) {
    Path dir = cacheDir(source);
    synchronized (locks.computeIfAbsent(dir, d -> new Object())) {
      return isCheckedOutAt(dir, revision.commit())
          ? Optional.of(new SourceSnapshot(source.key(), revision, dir, false))
          : Optional.empty();
    }
  }

  @Override
  public Optional<Set<String>> changedPaths(GitSource source, String fromCommit, String toCommit) {
    Path dir = cacheDir(source);
    String key = dir + "\n" + fromCommit + "\n" + toCommit;
    Optional<Set<String>> known = diffs.get(key);
    if (known != null) {
      return known;
    }
    Optional<Set<String>> paths = diff(dir, fromCommit, toCommit);
    if (diffs.size() > 256) {
      diffs.clear();
    }
    diffs.put(key, paths);
    return paths;
  }

  private static Optional<Set<String>> diff(Path dir, String fromCommit, String toCommit) {
    if (!Files.isDirectory(dir.resolve(".git"))) {
      return Optional.empty();
    }
    try (Git git = Git.open(dir.toFile());
        RevWalk walk = new RevWalk(git.getRepository());
        TreeWalk tree = new TreeWalk(git.getRepository())) {
      ObjectId from = ObjectId.fromString(fromCommit);
      ObjectId to = ObjectId.fromString(toCommit);
      if (!git.getRepository().getObjectDatabase().has(from) || !git.getRepository().getObjectDatabase().has(to)) {
        return Optional.empty();
      }
      tree.addTree(walk.parseCommit(from).getTree());
      tree.addTree(walk.parseCommit(to).getTree());
      tree.setRecursive(true);
      tree.setFilter(TreeFilter.ANY_DIFF);
      Set<String> paths = new HashSet<>();
      while (tree.next()) {
        paths.add(tree.getPathString());
      }
      return Optional.of(Set.copyOf(paths));
    } catch (IOException | IllegalArgumentException | JGitInternalException e) {
      return Optional.empty(); // a tree the shallow fetch did not bring: assume everything changed
    }
  }

  private SourceSnapshot fetchWith(GitSource source, RefResolution ref, Path dir, GitAccess credentials) {
    try {
      String commit = ref.pinnedCommit() != null ? ref.pinnedCommit() : remoteCommit(source, ref, credentials);
      Revision revision = new Revision(ref.revisionRef(), commit);
      if (isCheckedOutAt(dir, commit)) {
        return new SourceSnapshot(source.key(), revision, dir, false);
      }
      checkedOut.remove(dir);
      try (Git git = openOrInit(dir)) {
        fetchRef(git, source, ref, commit, credentials);
        git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit).call();
        git.clean().setCleanDirectories(true).setForce(true).setIgnore(false).call();
      }
      checkedOut.put(dir, commit);
      return new SourceSnapshot(source.key(), revision, dir, true);
    } catch (GitAPIException | JGitInternalException | IOException e) {
      String why = credentials.explain() != null ? credentials.explain() : String.valueOf(e.getMessage());
      throw new SourceException(
          source.subject() + ": fetching " + Redact.url(source.url()) + ": "
              + Redact.url(why), e);
    }
  }

  private String remoteCommit(GitSource source, RefResolution ref, GitAccess credentials)
      throws GitAPIException {
    LsRemoteCommand lsRemote = Git.lsRemoteRepository().setRemote(source.url()).setTimeout(timeoutSeconds(source));
    credentials.configure(lsRemote);
    Collection<Ref> refs = lsRemote.call();
    for (Ref r : refs) {
      if (r.getName().equals(ref.remoteRef())) {
        ObjectId id = r.getPeeledObjectId() != null ? r.getPeeledObjectId() : r.getObjectId();
        return id.name();
      }
    }
    throw new SourceException(
        source.subject() + ": " + ref.remoteRef() + " not found in " + Redact.url(source.url()));
  }

  private void fetchRef(
      Git git, GitSource source, RefResolution ref, String commit, GitAccess credentials)
      throws GitAPIException {
    String want = ref.remoteRef() != null ? ref.remoteRef() : commit;
    FetchCommand fetch =
        git.fetch()
            .setRemote(source.url())
            .setRefSpecs(new RefSpec("+" + want + ":" + LOCAL_REF))
            .setDepth(1)
            .setTagOpt(org.eclipse.jgit.transport.TagOpt.NO_TAGS)
            .setTimeout(timeoutSeconds(source));
    credentials.configure(fetch);
    fetch.call();
  }

  private boolean isCheckedOutAt(Path dir, String commit) {
    if (commit.equals(checkedOut.get(dir))) {
      return true;
    }
    if (!Files.isDirectory(dir.resolve(".git"))) {
      return false;
    }
    try (Git git = Git.open(dir.toFile())) {
      ObjectId head = git.getRepository().resolve("HEAD");
      boolean clean = head != null && head.name().equals(commit) && git.status().call().isClean();
      if (clean) {
        checkedOut.put(dir, commit);
      }
      return clean;
    } catch (IOException | GitAPIException | RuntimeException e) {
      return false;
    }
  }

  private static Git openOrInit(Path dir) throws IOException, GitAPIException {
    if (Files.isDirectory(dir.resolve(".git"))) {
      return Git.open(dir.toFile());
    }
    Files.createDirectories(dir);
    return Git.init().setDirectory(dir.toFile()).setInitialBranch("driftless").call();
  }

  /** The source's cache directory, once its URL is allowed: a refused URL touches nothing on disk. */
  private Path cacheDir(GitSource source) {
    RemoteUrls.requireAllowed(source);
    return cacheDirs.of(source);
  }

  /** The source's own {@code spec.timeout} when it has one, else the fetcher's. */
  private int timeoutSeconds(GitSource source) {
    Duration t = source.timeout() == null ? timeout : source.timeout();
    return (int) Math.max(1, t.toSeconds());
  }
}
