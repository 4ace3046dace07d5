# shellcheck shell=bash
# Shared by deploy-staging.sh and deploy-production.sh; sourced, never executed.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TF_DIR="terraform/azure/multi-region"
REGIONS=(eastus westus)
DRY_RUN=0
ASSUME_YES=0
PLAN_ONLY=0
APPLY_PLAN=""
SKIP_TERRAFORM=0
SKIP_KUBERNETES=0

deploy_usage() {
  local env="$1"
  cat <<USAGE
Usage: $(basename "$0") [options]

Deploys the ${env} environment: terraform plan/apply of ${TF_DIR} with ${env}.tfvars,
then kubectl apply -k kubernetes/overlays/${env} on every regional cluster
(aks-ntai-${env}-eastus, aks-ntai-${env}-westus).

Options:
  --dry-run          print the commands instead of running them
  --plan-only        stop after terraform plan (writes ${TF_DIR}/${env}.tfplan)
  --apply-plan FILE  apply this saved plan (relative to ${TF_DIR}) instead of planning again;
                     terraform refuses it when the state changed since it was made
  --skip-terraform   only apply the Kubernetes overlay
  --skip-kubernetes  only run terraform
  --yes              do not ask for confirmation (CI with its own approval gate)
  -h, --help         show this help

Azure credentials come from the environment (az login, or ARM_* / OIDC in CI).
USAGE
}

parse_deploy_args() {
  local env="$1"
  shift
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --dry-run) DRY_RUN=1 ;;
      --plan-only) PLAN_ONLY=1 ;;
      --apply-plan)
        APPLY_PLAN="${2:?--apply-plan needs a plan file}"
        shift
        ;;
      --skip-terraform) SKIP_TERRAFORM=1 ;;
      --skip-kubernetes) SKIP_KUBERNETES=1 ;;
      --yes) ASSUME_YES=1 ;;
      -h | --help)
        deploy_usage "$env"
        exit 0
        ;;
      *)
        echo "error: unknown option: $1" >&2
        deploy_usage "$env" >&2
        exit 2
        ;;
    esac
    shift
  done
}

# Prints the command in a copy-pasteable form; runs it unless --dry-run.
run() {
  printf '+'
  printf ' %q' "$@"
  printf '\n'
  if [[ "$DRY_RUN" -eq 0 ]]; then
    "$@"
  fi
}

require_tools() {
  local missing=()
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [[ ${#missing[@]} -gt 0 ]]; then
    echo "error: missing required tools: ${missing[*]}" >&2
    exit 1
  fi
}

confirm() {
  local env="$1" prompt="$2"
  if [[ "$DRY_RUN" -eq 1 ]]; then
    echo "# confirmation required: ${prompt}"
    return 0
  fi
  if [[ "$ASSUME_YES" -eq 1 ]]; then
    return 0
  fi
  local answer
  read -r -p "${prompt} Type '${env}' to continue: " answer
  if [[ "$answer" != "$env" ]]; then
    echo "aborted: confirmation did not match" >&2
    exit 1
  fi
}

deploy_terraform() {
  local env="$1" needs_confirmation="$2"
  run terraform -chdir="$TF_DIR" init -input=false -reconfigure \
    "-backend-config=backend/${env}.azurerm.tfbackend"
  if [[ -n "$APPLY_PLAN" ]]; then
    # The reviewed plan, exactly: no second plan, no confirmation (its review was the gate).
    run terraform -chdir="$TF_DIR" apply -input=false "$APPLY_PLAN"
    return 0
  fi
  run terraform -chdir="$TF_DIR" plan -input=false "-var-file=${env}.tfvars" "-out=${env}.tfplan"
  if [[ "$PLAN_ONLY" -eq 1 ]]; then
    return 0
  fi
  if [[ "$needs_confirmation" -eq 1 ]]; then
    confirm "$env" "Apply the plan above to ${env}?"
  fi
  run terraform -chdir="$TF_DIR" apply -input=false "${env}.tfplan"
}

deploy_kubernetes() {
  local env="$1" needs_confirmation="$2"
  local overlay="kubernetes/overlays/${env}"
  local region cluster
  for region in "${REGIONS[@]}"; do
    cluster="aks-ntai-${env}-${region}"
    run az aks get-credentials --resource-group "rg-ntai-${env}-${region}" --name "$cluster" \
      --overwrite-existing
    # Local accounts are disabled: kubectl authenticates with Entra ID through kubelogin.
    run kubelogin convert-kubeconfig -l azurecli
    if [[ "$needs_confirmation" -eq 1 ]]; then
      run kubectl --context "$cluster" diff -k "$overlay" || true
      confirm "$env" "Apply ${overlay} to ${cluster}?"
    fi
    run kubectl --context "$cluster" apply -k "$overlay"
    run kubectl --context "$cluster" -n ntai rollout status deployment/ntai-api --timeout=300s
  done
}

deploy_main() {
  local env="$1" needs_confirmation="$2"
  shift 2
  parse_deploy_args "$env" "$@"
  cd "$REPO_ROOT" || exit 1
  if [[ -n "$APPLY_PLAN" && "$PLAN_ONLY" -eq 1 ]]; then
    echo "error: --apply-plan and --plan-only exclude each other" >&2
    exit 2
  fi
  if [[ -n "$APPLY_PLAN" && "$DRY_RUN" -eq 0 && ! -f "${TF_DIR}/${APPLY_PLAN}" ]]; then
    echo "error: saved plan ${TF_DIR}/${APPLY_PLAN} does not exist" >&2
    exit 2
  fi
  if [[ "$DRY_RUN" -eq 0 ]]; then
    local tools=()
    [[ "$SKIP_TERRAFORM" -eq 1 ]] || tools+=(terraform)
    [[ "$SKIP_KUBERNETES" -eq 1 || "$PLAN_ONLY" -eq 1 ]] || tools+=(az kubelogin kubectl)
    require_tools "${tools[@]}"
  fi
  if [[ "$SKIP_TERRAFORM" -eq 0 ]]; then
    deploy_terraform "$env" "$needs_confirmation"
  fi
  if [[ "$SKIP_KUBERNETES" -eq 0 && "$PLAN_ONLY" -eq 0 ]]; then
    deploy_kubernetes "$env" "$needs_confirmation"
  fi
}
