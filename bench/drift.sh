#!/usr/bin/env bash
# Benchmark (not a test): what drift detection costs one Kustomization of OBJECTS objects (default 1000:
# half ConfigMaps, half Deployments), on a fresh real kube-apiserver v1.20.2 (infra/local) and on the
# sandbox. Scenarios: first apply, no-op reconcile, detect-only with one object edited by hand, and the
# reconcile that corrects it. Each line: median wall time of the apply stage over RUNS runs (each in its
# own namespace, each with a new client as a fresh process has), and the requests that client sent by verb,
# counted from the API server's audit log by user agent (the sandbox's own record), next to Flux's count.
# Usage: bench/drift.sh [OBJECTS] [RUNS] [SERVERS]   (defaults: 1000 3 "real sandbox")
# fleetruns' bench/fleet.sh can call it, or run `java -cp ... DriftBench real|sandbox OBJECTS RUNS` itself.
# Builds the CLI (./mvnw -q -DskipTests -pl cli -am package) if cli/target/driftless-cli.jar is missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
objects=${1:-1000} runs=${2:-3} servers=${3:-real sandbox}
jar=$root/cli/target/driftless-cli.jar
cp="$jar:$root/cli/target/lib/*"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -Dquarkus.analytics.disabled=true -pl cli -am package >&2)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
javac -d "$work/classes" -cp "$cp" "$root/bench/DriftBench.java"

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-), $(free -m | awk '/Mem:/ {print $2}') MB RAM"
echo "== $(java -version 2>&1 | head -2 | tr '\n' ' ')"
echo "== $(date -u '+%F %T UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min)"
echo "== the API server runs on the same machine; requests: the benchmark client's only (by user agent)"
cd "$root"
for server in $servers; do
  java -cp "$work/classes:$cp" DriftBench "$server" "$objects" "$runs" 2> "$work/$server.err" \
    || { tail -5 "$work/$server.err" >&2; echo "FAILED: $server" >&2; }
done
