#!/usr/bin/env bash
# Benchmark run (not a test): onedr0p/home-ops reconciled on a real kube-apiserver v1.20.2, offline, with
# bjw-s's app-template packaged from bjw-s-labs/helm-charts and pushed to a loopback registry under every
# tag home-ops pins (the one change to the repository: those OCIRepositories' url, plus insecure: true).
# Prints every Flux object's Ready state, then a table per kind (Ready / failed / not attempted) and the
# failures by class with what explains each (the real 1.20 server, the offline test bed, or a failure it
# follows from; UNEXPLAINED marks one that is Driftless's own). Runs
# io.driftless.pipeline.bench.HomeOpsBench (shared/src/test/java, enabled only with -Dbench=true).
# Needs the snapshots of onedr0p/home-ops and bjw-s-labs/helm-charts under DRIFTLESS_MIRRORS (default
# /work/.mirror, as the fetch tool leaves them), docker-registry, and the real API server the tests use.
# Usage: bench/homeops.sh [APP_TEMPLATE_TAG (default app-template-4.1.1)] [HOME_OPS_REF (default HEAD)]
# BENCH_STRIP=VALUES_SCHEMA[,KUBE_VERSION] packages the chart without its values.schema.json files (their
# $refs are on raw.githubusercontent.com, out of reach offline) and without its kubeVersion constraint
# (>=1.28.0-0, which the 1.20 server fails), to show what fails after them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
echo "== $(date -u '+%F %T UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min)"
cd "$root"
./mvnw -q -B ${MVN_OFFLINE--o} -pl shared -am test -Dtest=HomeOpsBench -Dbench=true \
  -Dbench.strip="${BENCH_STRIP:-}" -Dbench.appTemplate="${1:-app-template-4.1.1}" -Dbench.homeOpsRef="${2:-HEAD}" \
  -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep '^BENCH' | sed 's/^BENCH //'
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
