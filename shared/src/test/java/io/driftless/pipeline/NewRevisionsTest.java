package io.driftless.pipeline;

import static io.driftless.testing.FluxLayout.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftless.model.Kustomization;
import io.driftless.record.KustomizationRecord;
import io.driftless.record.ReconcileRequest;
import io.driftless.record.StateStore;
import io.driftless.testing.TestStores;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which queued requests end a Kustomization's health wait: a push of its own source, queued after its run began. */
class NewRevisionsTest {
  private static final Instant STARTED = Instant.parse("2026-12-07T10:00:00Z");
  private final StateStore store = TestStores.inMemory();
  private final KustomizationRecord rec = new KustomizationRecord("demo", "flux-system/apps", "demo", null,
      kustomization("apps", "apps", ""), null, null, 1, null);
  private final Kustomization ks = WorkItems.parse(rec);

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private static ReconcileRequest push(String id, String kind, String target, Instant at) {
    return new ReconcileRequest(id, kind, target, "", "github push refs/heads/main@" + id, at.toString());
  }

  @Test
  void aPushOfItsSourceAfterTheRunBeganEndsTheWait() {
    store.enqueue(push("a1", ReconcileRequest.KIND_SOURCE, "demo#flux-system/flux-system", STARTED.plusSeconds(30)));

    assertThat(NewRevisions.after(store, rec, ks, STARTED)).map(ReconcileRequest::id).hasValue("a1");
  }

  @Test
  void aPushOfItsRootEndsTheWaitToo() {
    store.enqueue(push("r1", ReconcileRequest.KIND_ROOT, "demo", STARTED.plusSeconds(1)));
    assertThat(NewRevisions.after(store, rec, ks, STARTED)).map(ReconcileRequest::id).hasValue("r1");
  }

  @Test
  void anEarlierPushAnotherSourceAnotherRootOrAScheduleTickDoNot() {
    store.enqueue(push("old", ReconcileRequest.KIND_SOURCE, "demo#flux-system/flux-system", STARTED.minusSeconds(1)));
    store.enqueue(push("other", ReconcileRequest.KIND_SOURCE, "demo#flux-system/charts", STARTED.plusSeconds(1)));
    store.enqueue(push("root", ReconcileRequest.KIND_ROOT, "elsewhere", STARTED.plusSeconds(1)));
    store.enqueue(new ReconcileRequest("tick", ReconcileRequest.KIND_ROOT, "demo", "demo", "schedule",
        STARTED.plusSeconds(1).toString()));
    store.enqueue(ReconcileRequest.item("w2", "demo", "flux-system/apps", "schedule", STARTED.plusSeconds(1).toString(),
        false, true));

    assertThat(NewRevisions.after(store, rec, ks, STARTED)).isEmpty();
  }
}
