package io.driftless.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.URIish;

/** The demo's Git repository: a bare "remote" and a working clone to commit from. */
final class DemoRepo implements AutoCloseable {
  private final Path bare;
  private final Git work;

  private DemoRepo(Path bare, Git work) {
    this.bare = bare;
    this.work = work;
  }

  static DemoRepo create(Path dir) throws GitAPIException, java.net.URISyntaxException {
    Path bare = dir.resolve("driftless-demo.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    return attach(dir.resolve("work"), bare);
  }

  /** A working clone at {@code work} whose origin is the bare repository {@code bare}. */
  static DemoRepo attach(Path work, Path bare) throws GitAPIException, java.net.URISyntaxException {
    Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
    git.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
    return new DemoRepo(bare, git);
  }

  String url() {
    return bare.toUri().toString();
  }

  Path workTree() {
    return work.getRepository().getWorkTree().toPath();
  }

  void copyFrom(Path examples) throws IOException {
    try (Stream<Path> files = Files.walk(examples)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path dest = workTree().resolve(examples.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Commits everything and pushes to the bare remote; returns the commit id. */
  String commitAndPush(String message) throws GitAPIException {
    work.add().addFilepattern(".").call();
    work.add().addFilepattern(".").setUpdate(true).call();
    PersonIdent who = new PersonIdent("Driftless Demo", "demo@driftless.invalid");
    String id = work.commit().setMessage(message).setAuthor(who).setCommitter(who).call().getName();
    work.push().setRemote("origin").add("main").call();
    return id;
  }

  @Override
  public void close() {
    work.close();
  }
}
