#!/usr/bin/env bash
# Benchmark (not a test): ours vs kubectl kustomize on a generated overlay of N objects with
# patches, generators, prefixes and labels. Usage: benchmark.sh [N] (default 1000). Run after
# `./mvnw -q -o -pl shared compile` from the repository root.
set -euo pipefail
N=${1:-1000}
root=$(cd "$(dirname "$0")/../../../../.." && pwd)
cp="$root/shared/target/classes:$(ls ~/.m2/repository/org/snakeyaml/snakeyaml-engine/*/snakeyaml-engine-*.jar | tail -1)"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/base" "$work/overlay"
{
  for i in $(seq 1 $((N / 3))); do
    cat <<X
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-$i
spec:
  selector:
    matchLabels:
      app: app-$i
  template:
    metadata:
      labels:
        app: app-$i
    spec:
      containers:
      - name: main
        image: nginx:1.25
        envFrom:
        - configMapRef:
            name: cfg-$i
---
apiVersion: v1
kind: Service
metadata:
  name: app-$i
spec:
  selector:
    app: app-$i
  ports:
  - port: 80
---
X
  done
} > "$work/base/all.yaml"
{
  echo "resources: [all.yaml]"
  echo "configMapGenerator:"
  for i in $(seq 1 $((N / 3))); do echo "- name: cfg-$i"; echo "  literals: [key=value-$i]"; done
} > "$work/base/kustomization.yaml"
cat > "$work/overlay/kustomization.yaml" <<X
resources: [../base]
namePrefix: prod-
namespace: prod
commonLabels:
  env: prod
images:
- name: nginx
  newTag: "1.27"
patches:
- target:
    kind: Deployment
  patch: |-
    - op: add
      path: /spec/replicas
      value: 2
X
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
runs=${RUNS:-3}
echo "objects: $(grep -c '^kind:' "$work/base/all.yaml") + $((N / 3)) generated"
kt=$(for r in $(seq $runs); do s=$(date +%s%N); kubectl kustomize "$work/overlay" > "$work/kubectl.yaml" 2>/dev/null; echo $(( ($(date +%s%N) - s) / 1000000 )); done | median)
ot=$(for r in $(seq $runs); do s=$(date +%s%N); java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp" io.driftless.build.kustomize.KustomizeMain --root "$work" "$work/overlay" > "$work/ours.yaml"; echo $(( ($(date +%s%N) - s) / 1000000 )); done | median)
cmp -s "$work/kubectl.yaml" "$work/ours.yaml" && same=identical || { same=DIFFERENT; diff "$work/kubectl.yaml" "$work/ours.yaml" | head -20; }
echo "kubectl kustomize: ${kt} ms (median of $runs)"
echo "ours, fresh JVM:   ${ot} ms (median of $runs), ratio $(awk "BEGIN {printf \"%.1f\", $kt / $ot}")x"
java -Xmx256m -cp "$cp" io.driftless.build.kustomize.KustomizeMain --root "$work" "$work/overlay" --repeat 10
echo "output: $same"
