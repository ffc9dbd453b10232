package io.driftless.pipeline;

import io.driftless.record.ReconcileRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The in-process dispatch: runs requests and every work item they lead to in this JVM, up to
 * {@code concurrency} at once, and gathers their outcomes for the caller (a manual reconcile, the
 * schedule function, the CLI). Each item is the same {@link WorkQueue#step} the queue's workers and
 * the AWS work function run; only where it runs differs. Nothing is written to the table's queue: the
 * wave lives in this call, each item once (by its id, as the queue keys it), and a Kustomization's
 * lease keeps it from running beside a queued run of it.
 */
final class LocalWave {
  private static final Logger LOG = Logger.getLogger(LocalWave.class.getName());
  private final WorkQueue queue;
  private final int concurrency;

  LocalWave(WorkQueue queue, int concurrency) {
    this.queue = queue;
    this.concurrency = concurrency;
  }

  /** Runs {@code requests} and what follows them; the outcomes in the order they were reported. */
  List<ReconcileOutcome> run(List<ReconcileRequest> requests) {
    return run(requests, outcome -> {});
  }

  /** As {@link #run(List)}, each outcome also given to {@code progress} as soon as its item reports it. */
  List<ReconcileOutcome> run(List<ReconcileRequest> requests, Consumer<ReconcileOutcome> progress) {
    List<ReconcileOutcome> outcomes = new ArrayList<>();
    Set<String> started = new HashSet<>();
    Deque<ReconcileRequest> ready = new ArrayDeque<>(requests);
    try (Workers<WorkQueue.Ran> workers = new Workers<>(concurrency, "driftless-wave")) {
      while (true) {
        while (workers.hasRoom() && !ready.isEmpty()) {
          ReconcileRequest request = ready.poll();
          if (started.add(request.id())) {
            workers.submit(() -> queue.step(request), e -> failed(request, e));
          }
        }
        if (!workers.busy()) {
          return outcomes;
        }
        WorkQueue.Ran ran = workers.next();
        outcomes.addAll(ran.outcomes());
        ran.outcomes().forEach(progress);
        ready.addAll(ran.queued());
      }
    }
  }

  /** A step that failed outside any one reconcile (the store, say): logged, and what follows it is not run. */
  private static WorkQueue.Ran failed(ReconcileRequest request, Throwable e) {
    LOG.warning("request " + request.id() + ": " + e);
    return new WorkQueue.Ran(true, List.of(), List.of());
  }
}
