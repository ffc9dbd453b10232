#!/usr/bin/env bash
# Regenerates expected.yaml for every case (or the named ones) with kubectl kustomize.
# Cases with expected-error.txt are only checked to fail under kubectl.
set -euo pipefail
cd "$(dirname "$0")/cases"
cases=("$@"); [ ${#cases[@]} -eq 0 ] && cases=(*/)
for c in "${cases[@]}"; do
  c=${c%/}; [ -f "$c/kubectl-skip.txt" ] && continue; tmp=$(mktemp -d)
  (cd "$c" && find . -type f ! -path ./expected.yaml ! -path ./expected-error.txt ! -path ./kubectl-skip.txt -exec cp --parents {} "$tmp" \;)
  if [ -f "$c/expected-error.txt" ]; then
    if kubectl kustomize "$tmp" >/dev/null 2>&1; then echo "WARN $c: kubectl succeeds but an error is expected"; fi
  elif ! kubectl kustomize "$tmp" > "$c/expected.yaml" 2>"$tmp.err"; then
    echo "FAIL $c: $(cat "$tmp.err")"; rm -f "$c/expected.yaml"
  fi
  rm -rf "$tmp" "$tmp.err"
done
