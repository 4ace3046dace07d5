#!/usr/bin/env bash
# Deploys staging: terraform (staging.tfvars) then the staging overlay on both clusters.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib/deploy-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/deploy-common.sh"
deploy_main staging 0 "$@"
