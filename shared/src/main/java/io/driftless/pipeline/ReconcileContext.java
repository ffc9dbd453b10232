package io.driftless.pipeline;

import io.driftless.config.DriftlessConfig;
import io.driftless.config.Tenancy;
import io.driftless.event.EventSink;
import io.driftless.render.FluxBuilder;
import io.driftless.record.StateStore;
import io.driftless.source.SourceFetcher;
import java.time.Clock;
import java.time.Duration;

/**
 * The stages and settings one reconcile needs; built once per engine. {@code listings}: what each
 * wave's first applies share; {@code tenancy}: the lockdown every reference and impersonation obeys.
 */
record ReconcileContext(
    StateStore store,
    SourceFetcher fetcher,
    FluxBuilder builder,
    BuildInputsLoader inputs,
    KubeClients clients,
    Clock clock,
    String holder,
    Duration lockTtl,
    Duration lockWait,
    DriftlessConfig.Throughput throughput,
    StageTimes times,
    TreeSnapshots trees,
    EventSink events,
    WaveListingsByWave listings,
    Tenancy tenancy) {}
