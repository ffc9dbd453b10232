#!/usr/bin/env bash
# Stops what real-apiserver-start.sh WORKDIR started, by the process ids it recorded there: asks all
# three to stop, gives them two seconds, then kills what is left.
# Usage: real-apiserver-stop.sh WORKDIR [--clean]   (--clean also deletes WORKDIR)
set -uo pipefail
workdir=${1:?usage: real-apiserver-stop.sh WORKDIR [--clean]}
pids=()
for component in controller-manager apiserver etcd; do
  pidfile=$workdir/$component.pid
  [[ -f $pidfile ]] || continue
  pids+=("$(cat "$pidfile")")
  rm -f "$pidfile"
done
[[ ${#pids[@]} == 0 ]] || kill "${pids[@]}" 2>/dev/null
for _ in $(seq 1 20); do
  alive=""
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=yes; done
  [[ -z $alive ]] && break
  sleep 0.1
done
for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done
[[ ${2:-} == --clean ]] && rm -rf "$workdir"
exit 0
