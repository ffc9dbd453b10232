#!/usr/bin/env bash
# Benchmark (not a test): decrypt 1,000 SOPS-encrypted Secrets (age recipient, 5 values each, encrypted_regex
# ^(data|stringData)$) warm and in-process. Runs io.driftless.render.decrypt.bench.SopsDecryptBenchmark
# (shared/src/test/java) through Surefire: 5 warm-up rounds, then 10 timed rounds over all 1,000 Secrets.
# Goal: under 1 s. Usage: bench/sops.sh (add MVN_OFFLINE= to let Maven download).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-), $(free -m | awk '/Mem:/ {print $2}') MB RAM"
echo "== $(java -version 2>&1 | head -2 | tr '\n' ' ')"
echo "== $(date -u '+%F %T UTC'), load average $(load) (1/5/15 min)"
cd "$root"
./mvnw -q -B ${MVN_OFFLINE--o} -pl shared test -Dtest=SopsDecryptBenchmark -Dbench=true \
  -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep '^BENCH'
echo "== load average after: $(load)"
