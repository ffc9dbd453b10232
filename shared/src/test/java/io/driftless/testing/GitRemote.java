package io.driftless.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real bare Git repository (the "remote") plus a working clone used to write commits into it, for
 * tests that need a repository to fetch from over file://.
 */
public final class GitRemote implements AutoCloseable {
  private final Path bare;
  private final Git work;
  private final String branch;

  private GitRemote(Path bare, Git work, String branch) {
    this.bare = bare;
    this.work = work;
    this.branch = branch;
  }

  public static GitRemote create(Path dir, String branch) {
    try {
      Path bare = dir.resolve("remote.git");
      Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch(branch).call().close();
      Git work =
          Git.init().setDirectory(dir.resolve("work").toFile()).setInitialBranch(branch).call();
      work.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toString())).call();
      return new GitRemote(bare, work, branch);
    } catch (GitAPIException | java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public String url() {
    return bare.toUri().toString();
  }

  public Path workTree() {
    return work.getRepository().getWorkTree().toPath();
  }

  public GitRemote write(String path, String content) {
    try {
      Path file = workTree().resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public GitRemote delete(String path) {
    try {
      Files.delete(workTree().resolve(path));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a directory tree into the work tree at {@code target}. */
  public GitRemote copyTree(Path from, String target) {
    try (var paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path dest = workTree().resolve(target).resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.createDirectories(dest.getParent());
          Files.copy(p, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Commits everything in the work tree and pushes it; returns the commit's 40-hex id. */
  public String commit(String message) {
    try {
      work.add().addFilepattern(".").call();
      work.add().addFilepattern(".").setUpdate(true).call();
      PersonIdent who = new PersonIdent("Driftless Test", "test@driftless.invalid");
      RevCommit c = work.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
      work.push().setRemote("origin").add(branch).call();
      return c.getName();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    work.close();
  }
}
