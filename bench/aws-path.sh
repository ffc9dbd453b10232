#!/usr/bin/env bash
# Benchmark (not a test): the AWS path on one machine (infra/aws-local, docs/aws.md) at fleet size, on
# the real API server: AWS_PATH_KS (200) Kustomizations pushed through the webhook function's URL and
# applied by AWS_PATH_WORKERS (8) concurrent work processes started from function.zip; then the recovery
# scenarios (a work process killed with SIGKILL mid-item; a poison message to the dead-letter queue).
# Prints the test's [aws-path] line (invocations, processes started) and each work invocation's
# [cost] line (DynamoDB reads, writes and the capacity units DynamoDB reported), and the wall time.
# AWS_PATH_TESTS=AwsPathTest runs the fleet push alone.
# Builds function.zip first (./mvnw -o -q -pl functions/lambda -am -DskipTests package; NO_BUILD=1 skips it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ "${NO_BUILD:-}" = 1 ] || ./mvnw -q -B -o -pl functions/lambda -am -DskipTests -Dquarkus.analytics.disabled=true package >&2
log=$(mktemp)
start=$(date +%s)
./mvnw -o -B -pl infra/aws-local -am test -Dtest="${AWS_PATH_TESTS:-AwsPathTest,AwsPathRecoveryTest}" -Dsurefire.failIfNoSpecifiedTests=false \
  -Daws-path.kustomizations="${AWS_PATH_KS:-200}" -Daws-path.work-concurrency="${AWS_PATH_WORKERS:-8}" >"$log" 2>&1 || {
  tail -50 "$log"; echo "failed; the whole log: $log" >&2; exit 1; }
end=$(date +%s)
grep -E '^\[aws-path\]' "$log"
costs=$(grep -o '\[cost\] .*' "$log" || true)
echo "$costs" | awk '/\[cost\]/ { n++; for (i = 1; i <= NF; i++) { if ($(i+1) == "reads") r += $i; if ($(i+1) == "writes") w += $i;
  if ($(i+1) == "read") ru += substr($i, 2); if ($(i+1) == "write") wu += substr($i, 2) } }
  END { if (n) printf "work invocations %d: per invocation %.1f reads (%.1f read units), %.1f writes (%.1f write units)\n", n, r/n, ru/n, w/n, wu/n }'
echo "wall time (both test classes, JVM and server starts included): $((end - start)) s; the whole log: $log"
