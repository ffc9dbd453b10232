#!/usr/bin/env bash
# Refusals Driftless would meet on public Flux repositories, counted by `driftless validate` (docs/cli.md):
# each repository's cluster paths walked offline as the engine walks them, every Flux object through the
# engine's parsers and refusal checks. Prints each repository's summary, then one table: field, count,
# repositories. Exit 1 when anything is refused. Nothing is applied, decrypted or fetched but the repositories.
#
#   bench/refusals.sh                                  # the five repositories of issue 21, cloned from GitHub
#   bench/refusals.sh SOURCE[=PATH,PATH…] …            # SOURCE: a git URL, a clone, or a bare git directory
#   bench/refusals.sh /work/.mirror/onedr0p+home-ops/repo=kubernetes/flux/cluster
#
# Without =PATHS a known repository (by its name) uses its bootstrap paths below; another one lets
# `driftless validate` find its entry points. DRIFTLESS names the command to run (default: ./driftless,
# which builds the CLI on first use); REFUSALS_WORK keeps the clones and outputs (default: a temporary dir).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
driftless="${DRIFTLESS:-$home/driftless}"
work="${REFUSALS_WORK:-$(mktemp -d -t driftless-refusals.XXXXXX)}"
mkdir -p "$work"

# The bootstrap paths each repository's README gives (`flux bootstrap --path`).
paths_of() {
  case "$1" in
    *flux2-kustomize-helm-example*) echo "clusters/production,clusters/staging" ;;
    *flux2-multi-tenancy*) echo "clusters/production,clusters/staging" ;;
    *flux2-monitoring-example*) echo "clusters/test" ;;
    *flux2-hub-spoke-example*) echo "hub" ;;
    *home-ops*) echo "kubernetes/flux/cluster" ;;
    *) echo "" ;;
  esac
}

# Other branches of the same repository its tree names as GitRepositories: NAMESPACE/NAME=BRANCH, walked too.
branches_of() {
  case "$1" in
    *flux2-multi-tenancy*) echo "apps/dev-team=dev-team" ;;
    *) echo "" ;;
  esac
}

if [ $# -eq 0 ]; then
  set -- https://github.com/fluxcd/flux2-kustomize-helm-example https://github.com/fluxcd/flux2-multi-tenancy \
    https://github.com/fluxcd/flux2-monitoring-example https://github.com/fluxcd/flux2-hub-spoke-example \
    https://github.com/onedr0p/home-ops
fi

status=0
: > "$work/fields.tsv"
for arg in "$@"; do
  source="${arg%%=*}"
  paths="$(paths_of "$source")"
  [ "$arg" != "$source" ] && paths="${arg#*=}"
  name="$(basename "${source%/repo}" .git)"
  name="${name#*+}"
  if [ -d "$source" ] && [ -n "$(git -C "$source" rev-parse --show-toplevel 2>/dev/null || true)" ]; then
    checkout="$(git -C "$source" rev-parse --show-toplevel)"
  else # a URL or a bare directory (such as a snapshot under /work/.mirror): cloned, checked out at HEAD
    checkout="$work/$name"
    [ -d "$checkout" ] || git clone -q --depth 1 "$(realpath -q "$source" 2>/dev/null || echo "$source")" "$checkout" 2>/dev/null \
      || git clone -q "$source" "$checkout"
  fi
  args=(validate "$checkout")
  IFS=',' read -r -a list <<< "$paths"
  for p in ${list[@]+"${list[@]}"}; do args+=(--path "$p"); done
  for extra in $(branches_of "$source"); do
    branch="${extra#*=}"
    [ -d "$checkout@$branch" ] || git clone -q --depth 1 --branch "$branch" "$(realpath -q "$source" 2>/dev/null || echo "$source")" \
      "$checkout@$branch" 2>/dev/null || git clone -q --branch "$branch" "$source" "$checkout@$branch" \
      || { echo "note: branch $branch of $name not found: ${extra%%=*} not walked" >&2; continue; }
    args+=(--source "${extra%%=*}=$checkout@$branch")
  done
  echo "== $name $(git -C "$checkout" log -1 --format='%h %cd' --date=short) ${paths:-(entry points found)} $(branches_of "$source")"
  rc=0
  "$driftless" "${args[@]}" > "$work/$name.out" 2> "$work/$name.err" || rc=$?
  if [ "$rc" -gt 1 ] || ! grep -q ' objects, ' "$work/$name.out"; then
    cat "$work/$name.err" >&2
    echo "driftless validate failed on $name (exit $rc)" >&2
    exit 2
  fi
  [ "$rc" -eq 1 ] && status=1
  sed -n '/ objects, /,$p' "$work/$name.out"
  sed -n '/ objects, /,$p' "$work/$name.out" | sed -nE "s/^  ([^ ]+ [^ ]+): ([0-9]+)$/\1\t\2\t$name/p" >> "$work/fields.tsv"
done

echo
echo "== refusals by field (all repositories; each cluster path counted)"
printf '%-50s %6s  %s\n' 'kind field' count repositories
awk -F'\t' '{ count[$1] += $2; repos[$1] = (repos[$1] == "" ? "" : repos[$1] ", ") $3 " (" $2 ")" }
  END { for (f in count) printf "%d\t%s\t%s\n", count[f], f, repos[f] }' "$work/fields.tsv" |
  sort -t$'\t' -k1,1nr -k2,2 | awk -F'\t' '{ printf "%-50s %6d  %s\n", $2, $1, $3 }'
echo "(outputs in $work)"
exit "$status"
