#!/usr/bin/env bash
# Starts a real control plane on loopback: etcd, kube-apiserver v1.20.2 and kube-controller-manager,
# from the binaries real-apiserver-build.sh cached. Writes WORKDIR/kubeconfig (a system:masters token,
# the server's self-signed certificate not verified) and logs every request to WORKDIR/audit.log
# (Metadata level, one JSON line per request: count a client's requests by its userAgent).
# Records each process id in WORKDIR/*.pid; real-apiserver-stop.sh WORKDIR stops them.
# Ports: PORT (API server), PORT+1 and PORT+2 (etcd), PORT+3 (controller manager).
# The controller manager runs garbage collection, namespace deletion and service accounts; the workload
# controllers and everything that needs nodes are off, since no kubelet runs here.
# Usage: real-apiserver-start.sh WORKDIR [PORT]   (prints the kubeconfig path when /readyz answers)
set -euo pipefail
workdir=${1:?usage: real-apiserver-start.sh WORKDIR [PORT]}
port=${2:-16443}
bin=${DRIFTLESS_KUBE_BIN:-$HOME/.cache/driftless-k8s/v1.20.2-r2}
for need in "$bin/kube-apiserver" "$bin/kube-controller-manager"; do
  [[ -x $need ]] || { echo "no $need: run infra/local/real-apiserver-build.sh first" >&2; exit 3; }
done
command -v etcd >/dev/null || { echo "no etcd on PATH: run infra/local/real-apiserver-build.sh first" >&2; exit 3; }
mkdir -p "$workdir/etcd" "$workdir/certs"
workdir=$(cd "$workdir" && pwd)
cd "$workdir"
if [[ ! -f sa.key ]]; then
  openssl genrsa -out sa.key 2048 2>/dev/null
  openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
fi
token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
umask 077
echo "$token,admin,admin,system:masters" > tokens.csv
cat > audit-policy.yaml <<'POLICY'
apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: Metadata
POLICY
cat > kubeconfig <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: local-real
  cluster: {server: "https://127.0.0.1:$port", insecure-skip-tls-verify: true}
users:
- name: admin
  user: {token: "$token"}
contexts:
- name: local-real
  context: {cluster: local-real, user: admin}
current-context: local-real
KUBECONFIG
umask 022

etcd --data-dir "$workdir/etcd" --name default \
  --listen-client-urls "http://127.0.0.1:$((port + 1))" --advertise-client-urls "http://127.0.0.1:$((port + 1))" \
  --listen-peer-urls "http://127.0.0.1:$((port + 2))" --initial-advertise-peer-urls "http://127.0.0.1:$((port + 2))" \
  --initial-cluster "default=http://127.0.0.1:$((port + 2))" >etcd.log 2>&1 &
echo $! > etcd.pid

"$bin/kube-apiserver" --etcd-servers="http://127.0.0.1:$((port + 1))" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$port" --cert-dir="$workdir/certs" \
  --token-auth-file="$workdir/tokens.csv" --authorization-mode=RBAC \
  --service-account-key-file="$workdir/sa.pub" --service-account-signing-key-file="$workdir/sa.key" \
  --service-account-issuer=https://kubernetes.default.svc --service-cluster-ip-range=10.96.0.0/16 \
  --allow-privileged=true --audit-policy-file="$workdir/audit-policy.yaml" \
  --audit-log-path="$workdir/audit.log" --audit-log-maxsize=1000 >apiserver.log 2>&1 &
echo $! > apiserver.pid

ready=""
for _ in $(seq 1 240); do
  if ! kill -0 "$(cat apiserver.pid)" 2>/dev/null; then break; fi
  if curl -ksf -H "Authorization: Bearer $token" "https://127.0.0.1:$port/readyz" >/dev/null 2>&1; then ready=yes; break; fi
  sleep 0.5
done
if [[ -z $ready ]]; then
  echo "kube-apiserver did not become ready; the last lines of $workdir/apiserver.log:" >&2
  tail -n 5 apiserver.log >&2
  exit 1
fi

"$bin/kube-controller-manager" --kubeconfig="$workdir/kubeconfig" \
  --authentication-kubeconfig="$workdir/kubeconfig" --authorization-kubeconfig="$workdir/kubeconfig" \
  --service-account-private-key-file="$workdir/sa.key" --root-ca-file="$workdir/certs/apiserver.crt" \
  --use-service-account-credentials=false --leader-elect=false --port=0 \
  --bind-address=127.0.0.1 --secure-port="$((port + 3))" \
  --controllers='*,-nodeipam,-nodelifecycle,-ttl,-bootstrapsigner,-tokencleaner,-csrsigning,-csrapproving,-csrcleaner,-persistentvolume-binder,-attachdetach,-pvc-protection,-pv-protection,-cloud-node-lifecycle,-service,-route,-deployment,-replicaset,-statefulset,-daemonset,-job,-cronjob' \
  >controller-manager.log 2>&1 &
echo $! > controller-manager.pid
echo "$workdir/kubeconfig"
