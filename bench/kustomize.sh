#!/usr/bin/env bash
# Benchmark (not a test): our kustomize against `kubectl kustomize`, side by side in one run, on
# (a) a generated overlay of OBJECTS objects (default 5000, see generate-overlay.sh) and
# (b) every directory under examples/ that holds a kustomization.yaml.
# Usage: bench/kustomize.sh [OBJECTS]. Knobs (environment): KUBECTL_RUNS_A (default 1: kubectl takes
# minutes at 5,000 objects), KUBECTL_RUNS_B (5), FRESH_RUNS (5), WARMUP (5; warm-up also lasts
# at least 5 s), WARM_RUNS (20).
# Builds the CLI (./mvnw -q -DskipTests package) if cli/target/driftless-cli.jar is missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
objects=${1:-5000}
kubectl_runs_a=${KUBECTL_RUNS_A:-1} kubectl_runs_b=${KUBECTL_RUNS_B:-5}
fresh_runs=${FRESH_RUNS:-5} warmup=${WARMUP:-5} warm_runs=${WARM_RUNS:-20}
jar=$root/cli/target/driftless-cli.jar
cp="$jar:$root/cli/target/lib/*"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests -Dquarkus.analytics.disabled=true package >&2)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
javac -d "$work/classes" -cp "$cp" "$root/bench/KustomizeBench.java"

load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# times RUNS CMD...: median wall time in ms of RUNS runs of CMD, stdout to $work/out
times() {
  local runs=$1; shift
  for _ in $(seq "$runs"); do
    local s; s=$(date +%s%N)
    "$@" > "$work/out" 2> "$work/err" || { cat "$work/err" >&2; echo "FAILED: $*" >&2; }
    echo $(( ($(date +%s%N) - s) / 1000000 ))
  done | median
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1fx", a / b}'; }
# the JVM options ./driftless gives `build` (see the launcher)
ours() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" build "$1"; }
warm() { java -cp "$work/classes:$cp" KustomizeBench warm "$1" "$warmup" "$warm_runs"; }

# bench NAME DIR KUBECTL_RUNS: one line per build
bench() {
  local name=$1 dir=$2 kruns=$3 k o w same
  k=$(times "$kruns" kubectl kustomize "$dir"); cp "$work/out" "$work/kubectl.yaml"
  o=$(times "$fresh_runs" ours "$dir"); cp "$work/out" "$work/ours.yaml"
  w=$(warm "$dir" | cut -d' ' -f1)
  cmp -s "$work/kubectl.yaml" "$work/ours.yaml" && same=identical || same=DIFFERENT
  printf '%-36s %5s objs | kubectl %8s ms n=%d | fresh %6s ms n=%d %7s | warm %8s ms n=%d %8s | bytes %s | load %s\n' \
    "$name" "$(grep -c '^kind:' "$work/kubectl.yaml" || true)" "$k" "$kruns" "$o" "$fresh_runs" "$(ratio "$k" "$o")" \
    "$w" "$warm_runs" "$(ratio "$k" "$w")" "$same" "$(load)"
  [ "$same" = identical ] || diff "$work/kubectl.yaml" "$work/ours.yaml" | head -20
}

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-), $(free -m | awk '/Mem:/ {print $2}') MB RAM"
echo "== $(java -version 2>&1 | head -2 | tr '\n' ' ')"
echo "== kubectl $(kubectl version --client 2>&1 | tr '\n' ' ')"
echo "== $(date -u '+%F %T UTC'), load average $(load) (1/5/15 min)"
echo "== kubectl: median of N runs; fresh: median of $fresh_runs runs of 'java -jar cli/target/driftless-cli.jar build DIR'"
echo "   (what ./driftless build runs); warm: median of $warm_runs in-process builds after >= $warmup warm-up builds and >= 5 s of them;"
echo "   ratio = kubectl / ours; bytes: cmp of the two outputs; load: 1/5/15-min load average after the line"

"$root/bench/generate-overlay.sh" "$work/gen" "$objects"
echo "-- (a) generated overlay"
bench "(a) overlay" "$work/gen/overlay" "$kubectl_runs_a"
echo "-- (a) heap"
java -Xmx256m -cp "$work/classes:$cp" KustomizeBench heap "$work/gen/overlay" | sed 's/^/   harness, -Xmx256m, one build in a fresh JVM after System.gc(): /'
/usr/bin/time -f '%M' -o "$work/rss" java -Xmx256m -jar "$jar" build "$work/gen/overlay" > "$work/ours256.yaml"
cmp -s "$work/ours256.yaml" "$work/ours.yaml" && ok="same output" || ok="DIFFERENT output"
echo "   fresh CLI with -Xmx256m: ok ($ok), max RSS $(( $(cat "$work/rss") / 1024 )) MB (/usr/bin/time %M, whole process)"
for mb in 16 24 32 48 64 96 128 192 256; do
  if java -Xmx${mb}m -jar "$jar" build "$work/gen/overlay" > /dev/null 2>&1; then
    echo "   smallest -Xmx of 16/24/32/48/64/96/128/192/256 MB with which the fresh CLI succeeds: ${mb} MB"; break
  fi
done
echo "-- (b) examples/"
for k in $(cd "$root" && find examples -name kustomization.yaml | sort); do
  bench "$(dirname "$k")" "$root/$(dirname "$k")" "$kubectl_runs_b"
done
