package io.driftless.source.helm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Picks a chart version as source-controller does (helm.md §3.3): a version string that equals an
 * entry's version exactly wins; otherwise the newest version that satisfies the constraint, equal
 * versions (differing only in build metadata) ordered by their {@code created} time.
 */
public final class ChartVersionSelector {
  private ChartVersionSelector() {}

  /**
   * The chosen entry, or empty when none matches. Throws IllegalArgumentException for a
   * constraint that does not parse.
   */
  public static Optional<IndexEntry> select(List<IndexEntry> entries, String version) {
    String wanted = version == null ? "" : version.trim();
    if (!wanted.isEmpty()) {
      for (IndexEntry e : entries) {
        if (wanted.equals(e.version())) {
          return Optional.of(e);
        }
      }
    }
    VersionConstraint constraint = VersionConstraint.parse(wanted);
    record Candidate(SemVer version, IndexEntry entry) {}
    List<Candidate> matched = new ArrayList<>();
    for (IndexEntry e : entries) {
      SemVer.parse(e.version()).filter(constraint::matches).ifPresent(v -> matched.add(new Candidate(v, e)));
    }
    Comparator<Candidate> newestFirst = Comparator.<Candidate, SemVer>comparing(Candidate::version)
        .thenComparing(c -> c.entry().created() == null ? Instant.MIN : c.entry().created())
        .reversed();
    return matched.stream().sorted(newestFirst).map(Candidate::entry).findFirst();
  }

  /**
   * The newest tag that satisfies {@code constraint}, for OCI repositories, where tags are versions.
   * Helm pushes {@code +} as {@code _}, so a tag is read with {@code _} as {@code +}. Tags that
   * are not versions, or that {@code filter} (when set) does not match, are ignored.
   */
  public static Optional<String> newestTag(List<String> tags, String constraint, Pattern filter) {
    VersionConstraint c = VersionConstraint.parse(constraint);
    record Tagged(String tag, SemVer version) {}
    return tags.stream()
        .filter(t -> filter == null || filter.matcher(t).find())
        .flatMap(t -> SemVer.parse(t.replace('_', '+')).map(v -> new Tagged(t, v)).stream())
        .filter(t -> c.matches(t.version()))
        .max(Comparator.comparing(Tagged::version))
        .map(Tagged::tag);
  }
}
