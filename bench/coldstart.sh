#!/usr/bin/env bash
# Benchmark (not a test): cold starts of the functions from function.zip on the AWS path of
# infra/aws-local (docs/aws.md), each run a fresh JVM (bench/ColdStartBench.java, compiled here by javac
# against the modules' target classes, so Maven never builds it) with fresh function processes:
#   webhook  the webhook function's process start to the signed push answered (202) by its Function URL
#   work     the work function's process start to the push applied with one HelmRelease (its status
#            Ready in the table), every item of the push (root, Kustomization, HelmRelease) run in
#            that one process: Helm's native library unpacked into /tmp on the way
#   tmp      the bytes each environment left in its /tmp (the runtime client's native library included)
# Variants: zip (function.zip as Lambda runs it) and zip+appcds (function.zip built with
# -Dquarkus.package.jar.appcds.enabled=true and its app-cds.jsa named by JAVA_TOOL_OPTIONS, as if the zip
# carried it: the log says whether the JVM took it). Median of RUNS (3) runs per variant, runs interleaved.
# Builds both zips first, the AppCDS one first so target/ ends with the plain one (NO_BUILD=1 reuses
# $COLDSTART_ZIPS, default /tmp/coldstart-zips). Knobs: RUNS, VARIANTS ("zip zip+appcds").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${RUNS:-3}
variants=${VARIANTS:-zip zip+appcds}
zips=${COLDSTART_ZIPS:-/tmp/coldstart-zips}
mvn() { ./mvnw -q -B -o -Dquarkus.analytics.disabled=true -DskipTests "$@" >&2; }
if [ "${NO_BUILD:-}" != 1 ]; then
  mkdir -p "$zips/appcds" "$zips/plain"
  mvn -pl functions/lambda -am package -Dquarkus.package.jar.appcds.enabled=true
  cp functions/lambda/target/function.zip functions/lambda/target/app-cds.jsa "$zips/appcds/"
  rm -f functions/lambda/target/app-cds.jsa
  mvn -pl functions/lambda,infra/aws-local -am package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
  cp functions/lambda/target/function.zip "$zips/plain/"
fi
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cp="$root/infra/aws-local/target/classes:$root/infra/aws-local/target/test-classes:$(cat "$root/infra/aws-local/target/classpath.txt")"
javac -nowarn -d "$work/classes" -cp "$cp" "$root/bench/ColdStartBench.java"

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== machine: $(nproc) CPUs,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-), $(free -m | awk '/Mem:/ {print $2}') MB RAM"
echo "== $(java -version 2>&1 | head -1); $(date -u '+%F %T UTC'); load average $(load) (1/5/15 min) at the start"
echo "== function.zip $(stat -c %s "$zips/plain/function.zip") bytes; median of $runs runs per variant"
for n in $(seq "$runs"); do
  for variant in $variants; do
    case $variant in
      zip) zip=$zips/plain/function.zip jto="" ;;
      zip+appcds) zip=$zips/appcds/function.zip jto="-XX:SharedArchiveFile=$zips/appcds/app-cds.jsa" ;;
      *) echo "unknown variant $variant" >&2; exit 2 ;;
    esac
    (cd infra/aws-local && java -Xmx1g -cp "$work/classes:$cp" io.driftless.awslocal.ColdStartBench "$variant" "$zip" \
      "$work/run-$variant-$n" "$jto" 2>"$work/stderr-$variant-$n") | grep '^RESULT' | tee -a "$work/results" \
      || { echo "FAILED: $variant run $n (stderr tail:)"; tail -5 "$work/stderr-$variant-$n"; }
    echo "   (load $(load) after $variant run $n)"
    [ -n "${KEEP:-}" ] || rm -rf "$work/run-$variant-$n"
  done
done
echo "== medians (load average $(load) at the end)"
for variant in $variants; do
  for key in webhook_ms work_ms push_to_ready_ms webhook_tmp_bytes work_tmp_bytes; do
    grep "^RESULT $variant " "$work/results" | grep -v FAILED | grep -oE "$key=[0-9]+" | cut -d= -f2 | sort -n \
      | awk -v v="$variant" -v k="$key" '{ a[NR] = $1 } END { if (NR) { s = a[1]; for (i = 2; i <= NR; i++) s = s "," a[i];
          printf "%-11s %-17s median %s  [runs: %s]\n", v, k, a[int((NR + 1) / 2)], s } }'
  done
  grep "^RESULT $variant " "$work/results" | grep -oE 'cds=[a-z-]+' | sort | uniq -c | sed "s/^/$variant /"
done
