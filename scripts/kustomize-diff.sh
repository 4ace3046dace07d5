#!/usr/bin/env bash
# Shows what a change does to the rendered Kubernetes objects: both overlays built here and at a
# base revision, diffed, as Markdown (for a pull request's job summary).
set -euo pipefail

usage() {
  cat <<USAGE
Usage: $(basename "$0") [options]

Renders kubernetes/overlays/staging and kubernetes/overlays/production with kubectl kustomize in
this checkout and at the base revision, prints one Markdown section per overlay with the unified
diff (or "No change"), and checks that kubernetes/argocd builds. An overlay missing at the base
counts as empty, so a new overlay shows as all added.

Options:
  --base REF   revision to compare with (default origin/main)
  --dry-run    print the commands instead of running them
  -h, --help   show this help

Exit codes: 0 everything here builds (changed or not), 1 something here does not build,
2 usage error.
USAGE
}

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OVERLAYS=(staging production)
BASE=origin/main
DRY_RUN=0

while [[ $# -gt 0 ]]; do
  case "$1" in
    --base) BASE="${2:?--base needs a value}"; shift ;;
    --dry-run) DRY_RUN=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "error: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

if [[ "$DRY_RUN" -eq 1 ]]; then
  echo "+ git worktree add --detach <temp>/base ${BASE}"
  for overlay in "${OVERLAYS[@]}"; do
    echo "+ kubectl kustomize kubernetes/overlays/${overlay}"
    echo "+ kubectl kustomize <temp>/base/kubernetes/overlays/${overlay}"
    echo "+ diff -u <base> <head>"
  done
  echo "+ kubectl kustomize kubernetes/argocd"
  echo "+ git worktree remove --force <temp>/base"
  exit 0
fi

for tool in git kubectl diff; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is required" >&2; exit 1; }
done
cd "$REPO_ROOT"
git rev-parse --verify --quiet "${BASE}^{commit}" >/dev/null || {
  echo "error: --base ${BASE} is not a commit here (fetch it first)" >&2
  exit 2
}

work=$(mktemp -d)
# shellcheck disable=SC2317  # runs from the EXIT trap
cleanup() {
  git worktree remove --force "$work/base" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
git worktree add --quiet --detach "$work/base" "$BASE"

status=0
for overlay in "${OVERLAYS[@]}"; do
  echo "### kubernetes/overlays/${overlay}"
  echo
  if ! kubectl kustomize "kubernetes/overlays/${overlay}" >"$work/${overlay}.head.yaml" 2>"$work/err"; then
    echo "**Does not build:**"
    echo
    echo '```'
    cat "$work/err"
    echo '```'
    status=1
    continue
  fi
  if [[ ! -d "$work/base/kubernetes/overlays/${overlay}" ]] ||
    ! kubectl kustomize "$work/base/kubernetes/overlays/${overlay}" >"$work/${overlay}.base.yaml" 2>/dev/null; then
    echo "(nothing builds at ${BASE}: compared with no objects)"
    echo
    : >"$work/${overlay}.base.yaml"
  fi
  if diff -u --label "${BASE}" --label "this change" \
    "$work/${overlay}.base.yaml" "$work/${overlay}.head.yaml" >"$work/${overlay}.diff"; then
    echo "No change to the rendered objects."
  else
    echo '```diff'
    cat "$work/${overlay}.diff"
    echo '```'
  fi
  echo
done

if ! kubectl kustomize kubernetes/argocd >/dev/null 2>"$work/err"; then
  echo "### kubernetes/argocd"
  echo
  echo "**Does not build:** $(cat "$work/err")"
  status=1
fi
exit "$status"
