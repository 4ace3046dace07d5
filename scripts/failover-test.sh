#!/usr/bin/env bash
# Drives a region failover test through the portal backend and reports the measured timings.
set -euo pipefail

usage() {
  cat <<USAGE
Usage: $(basename "$0") [options]

Starts a failover test with POST \$PORTAL_URL/api/nt-infra/failover-tests, polls
GET \$PORTAL_URL/api/nt-infra/failover-tests/{id} until the run reaches a terminal state
(completed, failed, aborted), prints detection, DNS switch and RTO seconds with the portal's
verdict, and exits non-zero unless the run completed with its RTO verdict passed and the RTO
within the target.

Options:
  --environment ENV     staging (default) or production
  --from-region REGION  region to fail (default eastus, the primary)
  --rto-target SECONDS  RTO target in seconds (default \$RTO_TARGET_SECONDS or 300)
  --poll-interval SEC   seconds between polls (default 5)
  --timeout SECONDS     give up after this long (default 1800)
  --dry-run             print the request that would be sent, send nothing
  -h, --help            show this help

Environment:
  PORTAL_URL            base URL of the portal backend, e.g. https://portal.example.com
  NT_INFRA_TOKEN        bearer token of the caller (never printed)

Exit codes: 0 RTO met, 1 run failed or RTO missed, 2 usage error, 3 timed out.
USAGE
}

ENVIRONMENT=staging
FROM_REGION=eastus
RTO_TARGET="${RTO_TARGET_SECONDS:-300}"
POLL_INTERVAL=5
TIMEOUT=1800
DRY_RUN=0

while [[ $# -gt 0 ]]; do
  case "$1" in
    --environment) ENVIRONMENT="${2:?--environment needs a value}"; shift ;;
    --from-region) FROM_REGION="${2:?--from-region needs a value}"; shift ;;
    --rto-target) RTO_TARGET="${2:?--rto-target needs a value}"; shift ;;
    --poll-interval) POLL_INTERVAL="${2:?--poll-interval needs a value}"; shift ;;
    --timeout) TIMEOUT="${2:?--timeout needs a value}"; shift ;;
    --dry-run) DRY_RUN=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "error: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

case "$ENVIRONMENT" in staging | production) ;; *) echo "error: --environment must be staging or production" >&2; exit 2 ;; esac
case "$FROM_REGION" in eastus | westus) ;; *) echo "error: --from-region must be eastus or westus" >&2; exit 2 ;; esac
for value in "$RTO_TARGET" "$POLL_INTERVAL" "$TIMEOUT"; do
  [[ "$value" =~ ^[0-9]+$ && "$value" -gt 0 ]] || { echo "error: durations must be positive integers (got '$value')" >&2; exit 2; }
done
if [[ -z "${PORTAL_URL:-}" ]]; then echo "error: PORTAL_URL is not set" >&2; exit 2; fi
if [[ -z "${NT_INFRA_TOKEN:-}" && "$DRY_RUN" -eq 0 ]]; then echo "error: NT_INFRA_TOKEN is not set" >&2; exit 2; fi

BASE_URL="${PORTAL_URL%/}/api/nt-infra/failover-tests"
BODY=$(printf '{"environment":"%s","fromRegion":"%s","rtoTargetSeconds":%s}' "$ENVIRONMENT" "$FROM_REGION" "$RTO_TARGET")

# Reads JSON on stdin and prints the value at a dot path ("" when absent); jq when available,
# otherwise node, so the script runs on CI images and on developer machines alike.
json_get() {
  local path="$1"
  if command -v jq >/dev/null 2>&1; then
    jq -r --arg p "$path" 'getpath($p | split(".")) // "" | tostring'
  else
    node -e '
      let input = "";
      process.stdin.on("data", c => (input += c)).on("end", () => {
        let v = JSON.parse(input);
        for (const k of process.argv[1].split(".")) v = v == null ? undefined : v[k];
        process.stdout.write(v == null ? "" : String(v));
      });' "$path"
  fi
}

# The token goes to curl through a header file on stdin, so it never appears in `ps` output.
api() {
  local method="$1" url="$2" data="${3:-}"
  local args=(--silent --show-error --fail-with-body --max-time 30 -X "$method" -H @- -H 'Accept: application/json')
  if [[ -n "$data" ]]; then
    args+=(-H 'Content-Type: application/json' --data "$data")
  fi
  printf 'Authorization: Bearer %s\n' "$NT_INFRA_TOKEN" | curl "${args[@]}" "$url"
}

if [[ "$DRY_RUN" -eq 1 ]]; then
  echo "+ POST ${BASE_URL} ${BODY}"
  echo "+ GET ${BASE_URL}/{id} every ${POLL_INTERVAL}s until terminal (timeout ${TIMEOUT}s)"
  echo "# RTO target: ${RTO_TARGET}s"
  exit 0
fi

command -v curl >/dev/null 2>&1 || { echo "error: curl is required" >&2; exit 1; }

created=$(api POST "$BASE_URL" "$BODY")
run_id=$(json_get id <<<"$created")
if [[ -z "$run_id" ]]; then
  echo "error: the portal did not return a run id: ${created}" >&2
  exit 1
fi
echo "failover test ${run_id} started (${ENVIRONMENT}, failing ${FROM_REGION})"

started=$SECONDS
state=""
while true; do
  run=$(api GET "${BASE_URL}/${run_id}")
  state=$(json_get state <<<"$run")
  case "$state" in
    # Every terminal run state; a failover test ends completed, failed or aborted.
    completed | failed | aborted | rolled-back | rejected) break ;;
  esac
  if (( SECONDS - started >= TIMEOUT )); then
    echo "error: run ${run_id} still '${state}' after ${TIMEOUT}s" >&2
    exit 3
  fi
  echo "state: ${state:-unknown}"
  sleep "$POLL_INTERVAL"
done

detection=$(json_get measurements.detectionSeconds <<<"$run")
dns_switch=$(json_get measurements.dnsSwitchSeconds <<<"$run")
rto=$(json_get measurements.rtoSeconds <<<"$run")
rto_verdict=$(json_get verdicts.rto <<<"$run")

echo "state:            ${state}"
echo "detection:        ${detection:-n/a} s"
echo "DNS switch:       ${dns_switch:-n/a} s"
echo "RTO:              ${rto:-n/a} s (target ${RTO_TARGET} s, verdict ${rto_verdict:-n/a})"

if [[ "$state" != "completed" ]]; then
  echo "FAIL: failover test ended in state ${state}" >&2
  exit 1
fi
if [[ -z "$rto" ]] || ! awk -v rto="$rto" -v target="$RTO_TARGET" 'BEGIN { exit !(rto + 0 <= target + 0) }'; then
  echo "FAIL: RTO ${rto:-unknown} s exceeds the target of ${RTO_TARGET} s" >&2
  exit 1
fi
# The portal judges against the target it was given; a completed run can still have missed it.
if [[ "$rto_verdict" != "passed" ]]; then
  echo "FAIL: the portal's RTO verdict is ${rto_verdict:-missing}" >&2
  exit 1
fi
echo "PASS: RTO ${rto} s within ${RTO_TARGET} s"
