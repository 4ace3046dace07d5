#!/usr/bin/env bash
# Deploys production: terraform (production.tfvars) then the production overlay on both
# clusters. Asks for confirmation before every apply unless --yes is given.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib/deploy-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/deploy-common.sh"
deploy_main production 1 "$@"
