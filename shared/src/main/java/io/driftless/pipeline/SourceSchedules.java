package io.driftless.pipeline;

import io.driftless.model.Durations;
import io.driftless.model.GitRepository;
import io.driftless.model.helm.HelmChart;
import io.driftless.model.helm.HelmObject;
import io.driftless.model.helm.HelmRepository;
import io.driftless.model.helm.OCIRepository;
import io.driftless.record.HelmRecord;
import io.driftless.record.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a source found in Git is next fetched on its own, as source-controller does whatever uses it.
 * A HelmRepository, OCIRepository or HelmChart: at once when it never recorded a fetch, then {@code
 * spec.interval} after its last one (the last status write: a fetch of its own, or a HelmRelease's that
 * stored a new revision). A GitRepository: {@code spec.interval} after its last check. Never while
 * suspended. source-controller adds jitter to
 * the requeue; a schedule tick has none.
 */
final class SourceSchedules {
  /** Without {@code spec.interval} (optional in the API, as for an OCI HelmRepository): 10m, as a root's. */
  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

  private SourceSchedules() {}

  /** Whether {@code rec} holds a kind of source that is fetched on its own interval. */
  static boolean isSource(HelmRecord rec) {
    return HelmRepository.KIND.equals(rec.kind()) || OCIRepository.KIND.equals(rec.kind())
        || HelmChart.KIND.equals(rec.kind());
  }

  /** When {@code source} (the object in {@code rec}) is next due; empty while it is suspended. */
  static Optional<Instant> nextFetch(HelmRecord rec, HelmObject source) {
    String interval;
    boolean suspended;
    if (source instanceof HelmRepository r) {
      interval = r.spec().interval();
      suspended = r.spec().suspended();
    } else if (source instanceof OCIRepository r) {
      interval = r.spec().interval();
      suspended = r.spec().suspended();
    } else if (source instanceof HelmChart c) {
      interval = c.spec().interval();
      suspended = c.spec().suspended();
    } else {
      return Optional.empty();
    }
    if (suspended || rec.suspended()) {
      return Optional.empty();
    }
    if (rec.status() == null || rec.lastReconciledAt() == null) {
      return Optional.of(Instant.EPOCH);
    }
    return Optional.of(Instant.parse(rec.lastReconciledAt()).plus(Durations.parseOr(interval, DEFAULT_INTERVAL)));
  }

  /**
   * When the GitRepository in {@code rec} is next checked: {@code spec.interval} after its last check
   * ({@code lastFetchedAt}); empty while suspended, or before its first fetch (the first Kustomization
   * using it fetches it).
   */
  static Optional<Instant> nextFetch(SourceRecord rec, GitRepository repo) {
    if (repo.spec().suspended() || rec.suspended() || rec.lastFetchedAt() == null) {
      return Optional.empty();
    }
    return Optional.of(Instant.parse(rec.lastFetchedAt()).plus(Durations.parseOr(repo.spec().interval(), DEFAULT_INTERVAL)));
  }

  /** Whether the GitRepository in {@code rec} is due at {@code now}; an unreadable manifest is not (its parent reports it). */
  static boolean isDue(SourceRecord rec, Instant now) {
    try {
      return nextFetch(rec, WorkItems.parse(rec)).filter(at -> !at.isAfter(now)).isPresent();
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  /** Whether the source in {@code rec} is due at {@code now}; an unreadable manifest is not (its parent reports it). */
  static boolean isDue(HelmRecord rec, Instant now) {
    try {
      return nextFetch(rec, WorkItems.parse(rec)).filter(at -> !at.isAfter(now)).isPresent();
    } catch (RuntimeException unreadable) {
      return false;
    }
  }
}
