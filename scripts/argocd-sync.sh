#!/usr/bin/env bash
# Delivers a merged commit of kubernetes/overlays/<env> through Argo CD (kubernetes/argocd) and
# waits until every regional Application runs it.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib/deploy-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/deploy-common.sh"

usage() {
  cat <<USAGE
Usage: $(basename "$0") --environment ENV --revision SHA [options]

Staging Applications sync on their own when main changes (automated, self-heal), so this only
waits for them. Production Applications sync when asked: this requests a sync of
ntai-production-eastus and -westus to SHA, then waits. Argo CD refuses production syncs outside
the weekly window of the AppProject (kubernetes/argocd/project.yaml); the request then stays
queued in Argo CD and runs when the window opens, and this script exits 4.

"Delivered" means every Application reports Synced and Healthy at SHA or at a later commit
that contains it (git merge-base --is-ancestor, in this checkout).

Options:
  --environment ENV     staging or production (required)
  --revision SHA        the commit to deliver, 40 hex digits (required)
  --apply-manifests     first kubectl apply -k kubernetes/argocd (the AppProject with its sync
                        windows and the Applications) on the Argo CD cluster
  --timeout SECONDS     give up waiting after this long (default 900)
  --poll-interval SEC   seconds between status reads (default 10)
  --dry-run             print the commands instead of running them
  -h, --help            show this help

Environment:
  ARGOCD_CLUSTER         AKS cluster running Argo CD (default aks-ntai-production-eastus)
  ARGOCD_RESOURCE_GROUP  its resource group (default rg-ntai-production-eastus)
  ARGOCD_NAMESPACE       Argo CD's namespace (default argocd)

Exit codes: 0 delivered, 1 sync failed or unhealthy, 2 usage error, 3 timed out,
4 blocked by the production sync window (queued).
USAGE
}

ENVIRONMENT=""
REVISION=""
TIMEOUT=900
POLL_INTERVAL=10
APPLY_MANIFESTS=0
ARGOCD_CLUSTER="${ARGOCD_CLUSTER:-aks-ntai-production-eastus}"
ARGOCD_RESOURCE_GROUP="${ARGOCD_RESOURCE_GROUP:-rg-ntai-production-eastus}"
ARGOCD_NAMESPACE="${ARGOCD_NAMESPACE:-argocd}"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --environment) ENVIRONMENT="${2:?--environment needs a value}"; shift ;;
    --revision) REVISION="${2:?--revision needs a value}"; shift ;;
    --timeout) TIMEOUT="${2:?--timeout needs a value}"; shift ;;
    --poll-interval) POLL_INTERVAL="${2:?--poll-interval needs a value}"; shift ;;
    --apply-manifests) APPLY_MANIFESTS=1 ;;
    --dry-run) DRY_RUN=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "error: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

case "$ENVIRONMENT" in
  staging | production) ;;
  *) echo "error: --environment must be staging or production" >&2; exit 2 ;;
esac
if [[ ! "$REVISION" =~ ^[0-9a-f]{40}$ ]]; then
  echo "error: --revision must be a full commit SHA (40 hex digits)" >&2
  exit 2
fi
for value in "$TIMEOUT" "$POLL_INTERVAL"; do
  [[ "$value" =~ ^[0-9]+$ && "$value" -gt 0 ]] || { echo "error: durations must be positive integers (got '$value')" >&2; exit 2; }
done

APPS=()
for region in "${REGIONS[@]}"; do
  APPS+=("ntai-${ENVIRONMENT}-${region}")
done
KUBECTL=(kubectl --context "$ARGOCD_CLUSTER" -n "$ARGOCD_NAMESPACE")
# One line per read: sync status|synced revision|health|operation phase|operation message.
STATUS_PATH='{.status.sync.status}|{.status.sync.revision}|{.status.health.status}|{.status.operationState.phase}|{.status.operationState.message}'

# True when the synced revision is REVISION or a later commit containing it.
contains_revision() {
  local seen="$1"
  [[ "$seen" == "$REVISION" ]] && return 0
  [[ -n "$seen" ]] || return 1
  git -C "$REPO_ROOT" merge-base --is-ancestor "$REVISION" "$seen" 2>/dev/null
}

request_sync() {
  local app="$1"
  local patch
  patch=$(printf '{"operation":{"initiatedBy":{"username":"%s"},"sync":{"revision":"%s"}}}' \
    "${GITHUB_ACTOR:-${USER:-argocd-sync.sh}}" "$REVISION")
  run "${KUBECTL[@]}" patch application "$app" --type merge -p "$patch"
}

# Prints "done", "wait", "blocked" or "failed: <why>" for one Application.
app_state() {
  local app="$1" line sync seen health phase message
  line=$("${KUBECTL[@]}" get application "$app" -o "jsonpath=${STATUS_PATH}")
  IFS='|' read -r sync seen health phase message <<<"$line"
  if [[ "$message" == *"blocked by sync window"* ]]; then
    echo "blocked"
  elif [[ "$phase" == "Failed" || "$phase" == "Error" ]] && contains_revision "$seen"; then
    echo "failed: sync ${phase}: ${message}"
  elif [[ "$sync" == "Synced" ]] && contains_revision "$seen"; then
    case "$health" in
      Healthy) echo "done" ;;
      Degraded | Missing) echo "failed: synced at ${seen} but ${health}" ;;
      *) echo "wait" ;;
    esac
  else
    echo "wait"
  fi
}

cd "$REPO_ROOT" || exit 1
if [[ "$DRY_RUN" -eq 0 ]]; then
  require_tools az kubelogin kubectl git
fi

run az aks get-credentials --resource-group "$ARGOCD_RESOURCE_GROUP" --name "$ARGOCD_CLUSTER" \
  --overwrite-existing
run kubelogin convert-kubeconfig -l azurecli
if [[ "$APPLY_MANIFESTS" -eq 1 ]]; then
  run kubectl --context "$ARGOCD_CLUSTER" apply -k kubernetes/argocd
fi

if [[ "$ENVIRONMENT" == "production" ]]; then
  for app in "${APPS[@]}"; do
    request_sync "$app"
  done
else
  echo "# staging syncs automatically; waiting for Argo CD to reach the revision"
fi

if [[ "$DRY_RUN" -eq 1 ]]; then
  for app in "${APPS[@]}"; do
    echo "# wait until ${app} is Synced and Healthy at ${REVISION} (timeout ${TIMEOUT}s)"
  done
  exit 0
fi

started=$SECONDS
pending=("${APPS[@]}")
while [[ ${#pending[@]} -gt 0 ]]; do
  still=()
  for app in "${pending[@]}"; do
    state=$(app_state "$app")
    case "$state" in
      done) echo "${app}: Synced and Healthy at ${REVISION}" ;;
      blocked)
        echo "${app}: the production sync window is closed; Argo CD keeps the sync queued" \
          "and runs it when the window opens (see kubernetes/argocd/project.yaml)" >&2
        exit 4
        ;;
      failed:*) echo "${app}: ${state#failed: }" >&2; exit 1 ;;
      *) still+=("$app") ;;
    esac
  done
  pending=("${still[@]+"${still[@]}"}")
  [[ ${#pending[@]} -eq 0 ]] && break
  if (( SECONDS - started >= TIMEOUT )); then
    echo "error: not delivered after ${TIMEOUT}s: ${pending[*]}" >&2
    exit 3
  fi
  sleep "$POLL_INTERVAL"
done
echo "delivered ${REVISION} to ${ENVIRONMENT}"
