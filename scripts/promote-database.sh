#!/usr/bin/env bash
# Failover runbook step: promote the PostgreSQL replica of a region to primary. The app keeps
# its connection string: it connects to the virtual endpoint psql-ntai-<env>.writer..., which
# Azure moves to the promoted server. Run it after Traffic Manager has moved users (or before a
# planned failover), never while the replica lags more than the RPO allows.
set -euo pipefail

usage() {
  cat <<USAGE
Usage: $(basename "$0") --environment ENV --to-region REGION [--forced] [--dry-run]

Promotes psql-ntai-ENV-REGION to primary with "promote to primary server" (switchover), which
also repoints the writer virtual endpoint. Planned (default) waits for the replica to catch up,
so no acknowledged write is lost; --forced promotes at once when the old primary's region is
down, losing at most the current replication lag (alerted at 15 s, RPO 60 s).

Options:
  --environment ENV   staging or production
  --to-region REGION  region whose replica becomes primary (e.g. westus)
  --forced            do not wait for the old primary (its region is down)
  --dry-run           print the az command, run nothing
  -h, --help          show this help

Exit codes: 0 promoted, 1 az failed, 2 usage error.
USAGE
}

environment=''
region=''
option='planned'
dry_run=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --environment) environment="${2:-}"; shift 2 ;;
    --to-region) region="${2:-}"; shift 2 ;;
    --forced) option='forced'; shift ;;
    --dry-run) dry_run=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "error: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
if [[ "$environment" != staging && "$environment" != production ]]; then
  echo "error: --environment must be staging or production" >&2
  exit 2
fi
if [[ ! "$region" =~ ^[a-z0-9]+$ ]]; then
  echo "error: --to-region must be a region short name such as westus" >&2
  exit 2
fi

cmd=(az postgres flexible-server replica promote
  --resource-group "rg-ntai-${environment}-${region}"
  --name "psql-ntai-${environment}-${region}"
  --promote-mode switchover
  --promote-option "$option"
  --yes)
if [[ "$dry_run" == 1 ]]; then
  printf '%q ' "${cmd[@]}"
  echo
  exit 0
fi
"${cmd[@]}" || exit 1
echo "promoted psql-ntai-${environment}-${region}; psql-ntai-${environment}.writer.postgres.database.azure.com now points at it"
echo "next: reconcile Terraform before the next apply (terraform/README.md, \"After a promotion\")"
