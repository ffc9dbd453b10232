package io.driftless.render;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one build looked at in its source, so that a later push can tell from the paths it changed
 * whether the build could come out different: the files it read ({@code r:path}), the directories
 * it listed ({@code l:dir}, whose entries matter) and the paths it asked about and found missing
 * ({@code a:path}, which matter if they appear). A build that reads files outside Git (postBuild
 * {@code substituteFrom}) or holds HelmReleases is not judged by paths at all; the pipeline decides that.
 */
public final class BuildReads {
  private final Set<String> read = new TreeSet<>();
  private final Set<String> listed = new TreeSet<>();
  private final Set<String> absent = new TreeSet<>();

  synchronized void read(String path) {
    read.add(path);
  }

  synchronized void listed(String dir) {
    listed.add(dir);
  }

  synchronized void probed(String path, boolean present) {
    if (!present) {
      absent.add(path);
    }
  }

  /** The compact form kept with the applied state: a read in a listed directory is implied by the listing. */
  public synchronized List<String> entries() {
    List<String> out = new ArrayList<>();
    listed.forEach(d -> out.add("l:" + d));
    read.stream().filter(f -> !listed.contains(parent(f))).forEach(f -> out.add("r:" + f));
    absent.forEach(p -> out.add("a:" + p));
    return out;
  }

  /**
   * True when a change to any of {@code changed} (source-relative paths, as Git names them) may change
   * a build that looked at {@code entries}; a changed {@code .sourceignore} changes every build.
   */
  public static boolean touchedBy(List<String> entries, Collection<String> changed) {
    Set<String> reads = new TreeSet<>();
    Set<String> dirs = new TreeSet<>();
    List<String> missing = new ArrayList<>();
    for (String e : entries) {
      String path = e.substring(2);
      switch (e.charAt(0)) {
        case 'r' -> reads.add(path);
        case 'l' -> dirs.add(path);
        default -> missing.add(path);
      }
    }
    for (String p : changed) {
      if (p.equals(SourceIgnore.FILE) || p.endsWith("/" + SourceIgnore.FILE)) {
        return true;
      }
      if (reads.contains(p) || dirs.contains(parent(p)) || dirs.contains(p)) {
        return true;
      }
      for (String m : missing) {
        if (p.equals(m) || p.startsWith(m + "/")) {
          return true;
        }
      }
    }
    return false;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
