#!/usr/bin/env bash
# Builds a real kube-apiserver and kube-controller-manager (Kubernetes v1.20.2) from Debian's own
# `kubernetes` source package, offline, with Debian's Go. Installs etcd-server beside them.
# The binaries are cached outside the work tree ($DRIFTLESS_KUBE_BIN, default ~/.cache/driftless-k8s/v1.20.2-r2);
# a second run finds them and prints the directory at once. Takes 6-15 minutes the first time on 2 cores.
# Needs root for apt-get. Prints the binary directory on stdout; everything else goes to stderr.
set -euo pipefail
bin=${DRIFTLESS_KUBE_BIN:-$HOME/.cache/driftless-k8s/v1.20.2-r2}
have_all() { [[ -x $bin/kube-apiserver && -x $bin/kube-controller-manager ]] && command -v etcd >/dev/null; }
if have_all; then echo "$bin"; exit 0; fi
mkdir -p "$bin"
as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }

# Debian's image lists binary packages only: add a source entry for the same archive.
if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list.d/ /etc/apt/sources.list 2>/dev/null; then
  archive=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$archive" | as_root tee /etc/apt/sources.list.d/driftless-sources.sources >/dev/null
fi
as_root apt-get update -qq >&2
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
  golang-go etcd-server rsync openssl curl golang-github-modern-go-reflect2-dev >&2
if [[ -x $bin/kube-apiserver && -x $bin/kube-controller-manager ]]; then echo "$bin"; exit 0; fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/driftless-k8s-src.XXXX")
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && apt-get source --download-only -qq kubernetes >&2)
tar -xzf "$scratch"/kubernetes_*.orig.tar.gz -C "$scratch"
cd "$scratch"/kubernetes-*/
# debian/rules builds in GOPATH mode; `go build -mod=vendor` trips over go.mod.
mkdir -p .go/src/k8s.io && ln -sfn ../../.. .go/src/k8s.io/kubernetes
# v1.20 vendors modern-go/reflect2 1.0.1, which faults in mapiterinit under Go >= 1.18 as soon as a
# custom resource is served. Debian ships 1.0.2: use it.
vendored=vendor/github.com/modern-go/reflect2
debian=/usr/share/gocode/src/github.com/modern-go/reflect2
find "$vendored" -maxdepth 1 \( -name '*.go' -o -name '*.s' \) -delete
cp "$debian"/*.go "$debian"/*.s "$vendored/"
for component in kube-apiserver kube-controller-manager; do
  [[ -x $bin/$component ]] && continue
  echo "building $component (several minutes)" >&2
  if ! GOPATH=$PWD/.go CGO_ENABLED=0 HOME=$scratch GOCACHE=$scratch/gocache \
      make WHAT=cmd/$component >"$scratch/$component.log" 2>&1; then
    tail -n 20 "$scratch/$component.log" >&2; exit 1
  fi
  cp "_output/bin/$component" "$bin/$component.partial" && mv "$bin/$component.partial" "$bin/$component"
done
echo "$bin"
