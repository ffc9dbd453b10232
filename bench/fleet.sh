#!/usr/bin/env bash
# Benchmark (not a test): the fleet-scale scenarios of issue 10, against a real kube-apiserver v1.20.2
# (infra/local/real-apiserver-start.sh, a fresh one per run) and the sandbox API server.
#   big    1 Kustomization x BIG_OBJECTS objects (1000): first apply, then a no-op drift check
#   fleet  FLEET_KS Kustomizations (1000) x 4 objects: first apply, a push changing one ConfigMap in one
#          app, a schedule tick with nothing due
#   cli    FLEET_KS Kustomizations (1000) x 4 objects, the store in a data directory: first apply, a push
#          changing one ConfigMap (the webhook path), then another ConfigMap changed with no webhook and
#          `driftless reconcile ks flux-system --with-source` run as a fresh process (java -jar, JVM start
#          included) on the same data: its wall time, exit code, stdout lines and requests (audit log)
#   demo   the demo's shape (3 Kustomizations, 6 objects): PUSHES (10) second pushes, webhook to every
#          Kustomization Ready, median with a per-stage breakdown
# Each line: wall time, API requests the engine sent (by method, its own count) and as the API server's
# audit log shows them (by verb, user agent "driftless"), DynamoDB operations, peak RSS of the JVM, and
# the requests kustomize-controller's algorithm sends for the same work. Median of RUNS (3) runs.
# The cli scenario's flux is the push's: Flux reconciles every Kustomization of the source that moved.
# Usage: bench/fleet.sh [real|sandbox|both]   Knobs: RUNS, PORT (API server port, default random
# 17000-18999), SCENARIOS ("big fleet demo"), FLEET_KS, BIG_OBJECTS, PUSHES, DRIFTLESS_CONCURRENCY,
# DRIFTLESS_KUBE_API_QPS, DRIFTLESS_KUBE_API_BURST, BENCH_CLI_JVM_OPTIONS (the cli scenario's JVM options,
# e.g. -XX:StartFlightRecording=filename=cli.jfr,settings=profile to see where its time goes),
# BENCH_CLI_VARIANTS (command lines to compare in the same run, "name=words|name=words", each timed as step
# cli.NAME, e.g. "jar=java -jar cli/target/driftless-cli.jar|first:1=./driftless|wrapper=./driftless"; NAME:N
# runs that one N times), BENCH_CLI_REPEAT (1: runs per variant, each a fresh process after its own
# one-ConfigMap commit).
# Builds the CLI and what it needs first (./mvnw -o -q -pl cli -am -DskipTests package; NO_BUILD=1 skips it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
servers=${1:-both}
runs=${RUNS:-3}
scenarios=${SCENARIOS:-big fleet cli demo}
port=${PORT:-$((17000 + RANDOM % 2000))}
jar=$root/cli/target/driftless-cli.jar
cp="$jar:$root/cli/target/lib/*"
[ "${NO_BUILD:-}" = 1 ] || (cd "$root" && ./mvnw -q -B -o -pl cli -am -DskipTests package >&2)
work=$(mktemp -d)
server_dir=""
stop_server() { [ -n "$server_dir" ] && "$root/infra/local/real-apiserver-stop.sh" "$server_dir" >/dev/null 2>&1 || true; server_dir=""; }
trap 'stop_server; rm -rf "$work"' EXIT
javac -d "$work/classes" -cp "$cp" "$root/bench/FleetBench.java"

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== machine: $(nproc) CPUs,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-), $(free -m | awk '/Mem:/ {print $2}') MB RAM"
echo "== $(java -version 2>&1 | head -1); $(date -u '+%F %T UTC'); load average $(load) (1/5/15 min) at the start"
echo "== concurrency ${DRIFTLESS_CONCURRENCY:-4}, QPS ${DRIFTLESS_KUBE_API_QPS:-200}, burst ${DRIFTLESS_KUBE_API_BURST:-400}; median of $runs runs"
echo "== flux = requests kustomize-controller's algorithm sends for the same work: per reconciled Kustomization 2 status"
echo "   patches, per object a GET and a dry-run apply, per changed object an apply (Flux reconciles every"
echo "   Kustomization of a source whose revision moved); n/a: Flux has no tick, each Kustomization requeues itself"

# run_one SERVER SCENARIO N: appends the RESULT lines of one fresh JVM to $work/results
run_one() {
  local server=$1 scenario=$2 n=$3 kubeconfig=sandbox audit=-
  if [ "$server" = real ]; then
    server_dir="$work/real-$scenario-$n"
    "$root/infra/local/real-apiserver-start.sh" "$server_dir" "$port" >/dev/null
    kubeconfig="$server_dir/kubeconfig" audit="$server_dir/audit.log"
  fi
  BENCH_CLI_JAR=$jar java -Xmx1g -cp "$work/classes:$cp" FleetBench "$scenario" "$kubeconfig" "$work/run-$server-$scenario-$n" "$audit" \
    2>"$work/stderr-$server-$scenario-$n" | grep -E '^(RESULT|WARNING)' | sed "s/^RESULT /RESULT $server /" >> "$work/results" \
    || { echo "FAILED: $server $scenario run $n (stderr tail:)"; tail -5 "$work/stderr-$server-$scenario-$n"; }
  stop_server
  rm -rf "$work/run-$server-$scenario-$n"
}

# summary SERVER STEP: the median run (by wall time or median latency) of one step, and every run's time
summary() {
  local server=$1 step=$2
  grep "^RESULT $server $step " "$work/results" | awk '{
      t = $4; sub(/^[a-z_]+=/, "", t); print t "\t" $0 }' | sort -n > "$work/step" || true
  local count; count=$(wc -l < "$work/step")
  [ "$count" -gt 0 ] || { echo "$server $step: no result"; return; }
  local all; all=$(cut -f1 "$work/step" | paste -sd, -)
  printf '%-8s %s  [runs: %s ms]  load %s\n' "$server" "$(sed -n "$(( (count + 1) / 2 ))p" "$work/step" | cut -f2- | cut -d' ' -f3-)" "$all" "$(load)"
}

case $servers in both) list="real sandbox" ;; *) list=$servers ;; esac
for server in $list; do
  for scenario in $scenarios; do
    for n in $(seq "$runs"); do run_one "$server" "$scenario" "$n"; done
  done
done
grep '^WARNING' "$work/results" || true
for server in $list; do
  cli_steps=$(grep -oE "^RESULT $server cli\.[a-z0-9-]+" "$work/results" | cut -d' ' -f3 | awk '!seen[$0]++' | grep -vE '^cli\.(first|webhook-push)$' || true)
  for step in big.first big.noop fleet.first fleet.push-one-configmap fleet.idle-tick cli.first cli.webhook-push $cli_steps demo.second-push; do
    case " $scenarios " in *" ${step%%.*} "*) summary "$server" "$step" ;; esac
  done
done
