#!/usr/bin/env bash
# Stops what real-apiserver-start.sh WORKDIR started, by the process ids it recorded there.
# Usage: real-apiserver-stop.sh WORKDIR [--clean]   (--clean also deletes WORKDIR)
set -uo pipefail
workdir=${1:?usage: real-apiserver-stop.sh WORKDIR [--clean]}
for component in controller-manager apiserver etcd; do
  pidfile=$workdir/$component.pid
  [[ -f $pidfile ]] || continue
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null
  rm -f "$pidfile"
done
[[ ${2:-} == --clean ]] && rm -rf "$workdir"
exit 0
