#!/usr/bin/env bash
# Benchmark (not a test): a generated chart of 200 objects (ConfigMaps, Services, Deployments) as a
# HelmRelease through Driftless's pipeline (webhook push and reconcile, warm, in-process) against a
# real kube-apiserver v1.20.2, and the same chart through Helm's own engine against the same server:
# first install, no-op reconcile, one-value upgrade; wall time and API requests (from the server's
# audit log, by user agent) side by side, with the ratio helm/driftless.
# The reference is the `helm` CLI's engine: helm-java's install/upgrade (Helm 3.21 in-process), since
# no `helm` binary is installed here. Runs io.driftless.pipeline.bench.HelmReleaseBenchmark
# (shared/src/test/java, enabled only with -Dbench=true) through Surefire, offline.
# Usage: bench/helm.sh (BENCH_OBJECTS=N to change the size; MVN_OFFLINE= to let Maven download).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-), $(free -m | awk '/Mem:/ {print $2}') MB RAM"
echo "== $(java -version 2>&1 | head -2 | tr '\n' ' ')"
if command -v helm >/dev/null 2>&1; then
  echo "== note: $(helm version --short) is installed; the reference below is still helm-java's engine (the same Helm code)"
fi
echo "== $(date -u '+%F %T UTC'), load average $(load) (1/5/15 min)"
cd "$root"
./mvnw -q -B ${MVN_OFFLINE--o} -pl shared -am test -Dtest=HelmReleaseBenchmark -Dbench=true \
  -Dbench.objects="${BENCH_OBJECTS:-200}" -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep '^BENCH' | sed 's/^BENCH //'
echo "== load average after: $(load)"
