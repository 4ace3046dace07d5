#!/usr/bin/env bash
# Drives a region failover test through the portal backend and reports the measured timings.
set -euo pipefail

usage() {
  cat <<USAGE
Usage: $(basename "$0") [options]

Starts a failover test with POST \$PORTAL_URL/api/nt-infra/failover-tests, polls
GET \$PORTAL_URL/api/nt-infra/failover-tests/{id} until the run reaches a terminal state
(completed, failed, aborted) and prints what users lived through:

  unhealthy          the RTO (cut until users' failing requests are back under the SLO's error
                     objective, from their request counters), its source and resolution, the
                     bounds the portal saw (DNS switch, switch + TTL), and the RPO. Exits
                     non-zero unless the run completed with RTO and RPO both within target.
  disable-endpoint   a planned drain: no RTO verdict; when users had moved to the secondary,
                     how many of their requests failed (must be 0 beyond the error objective)
                     and the RPO. Exits non-zero unless the drain and the RPO passed.

Options:
  --environment ENV     staging (default) or production
  --from-region REGION  region to fail (default eastus, the primary)
  --method METHOD       disable-endpoint (default, a planned drain) or unhealthy (an outage)
  --rto-target SECONDS  RTO target in seconds (default \$RTO_TARGET_SECONDS or 300)
  --rpo-target SECONDS  RPO target in seconds (default \$RPO_TARGET_SECONDS or 60)
  --poll-interval SEC   seconds between polls (default 5)
  --timeout SECONDS     give up after this long (default 1800)
  --dry-run             print the request that would be sent, send nothing
  -h, --help            show this help

Environment:
  PORTAL_URL            base URL of the portal backend, e.g. https://portal.example.com
  NT_INFRA_TOKEN        bearer token of the caller (never printed)

Exit codes: 0 targets met, 1 run failed or a target missed, 2 usage error, 3 timed out.
USAGE
}

ENVIRONMENT=staging
FROM_REGION=eastus
METHOD=disable-endpoint
RTO_TARGET="${RTO_TARGET_SECONDS:-300}"
RPO_TARGET="${RPO_TARGET_SECONDS:-60}"
POLL_INTERVAL=5
TIMEOUT=1800
DRY_RUN=0

while [[ $# -gt 0 ]]; do
  case "$1" in
    --environment) ENVIRONMENT="${2:?--environment needs a value}"; shift ;;
    --from-region) FROM_REGION="${2:?--from-region needs a value}"; shift ;;
    --method) METHOD="${2:?--method needs a value}"; shift ;;
    --rto-target) RTO_TARGET="${2:?--rto-target needs a value}"; shift ;;
    --rpo-target) RPO_TARGET="${2:?--rpo-target needs a value}"; shift ;;
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
case "$METHOD" in disable-endpoint | unhealthy) ;; *) echo "error: --method must be disable-endpoint or unhealthy" >&2; exit 2 ;; esac
for value in "$RTO_TARGET" "$RPO_TARGET" "$POLL_INTERVAL" "$TIMEOUT"; do
  [[ "$value" =~ ^[0-9]+$ && "$value" -gt 0 ]] || { echo "error: durations must be positive integers (got '$value')" >&2; exit 2; }
done
if [[ -z "${PORTAL_URL:-}" ]]; then echo "error: PORTAL_URL is not set" >&2; exit 2; fi
if [[ -z "${NT_INFRA_TOKEN:-}" && "$DRY_RUN" -eq 0 ]]; then echo "error: NT_INFRA_TOKEN is not set" >&2; exit 2; fi

BASE_URL="${PORTAL_URL%/}/api/nt-infra/failover-tests"
BODY=$(printf '{"environment":"%s","fromRegion":"%s","method":"%s","rtoTargetSeconds":%s,"rpoTargetSeconds":%s}' \
  "$ENVIRONMENT" "$FROM_REGION" "$METHOD" "$RTO_TARGET" "$RPO_TARGET")

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
  echo "# method: ${METHOD}; RTO target: ${RTO_TARGET}s; RPO target: ${RPO_TARGET}s"
  exit 0
fi

command -v curl >/dev/null 2>&1 || { echo "error: curl is required" >&2; exit 1; }

created=$(api POST "$BASE_URL" "$BODY")
run_id=$(json_get id <<<"$created")
if [[ -z "$run_id" ]]; then
  echo "error: the portal did not return a run id: ${created}" >&2
  exit 1
fi
echo "failover test ${run_id} started (${ENVIRONMENT}, failing ${FROM_REGION}, ${METHOD})"

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

m() { json_get "measurements.$1" <<<"$run"; }
detection=$(m detectionSeconds)
dns_switch=$(m dnsSwitchSeconds)
resolver=$(m resolverServedSeconds)
rpo=$(m rpoSeconds)
rpo_verdict=$(json_get verdicts.rpo <<<"$run")
method=$(json_get method <<<"$run")

echo "state:            ${state}"
echo "method:           ${method:-$METHOD}"
echo "detection:        ${detection:-n/a} s (Traffic Manager)"
echo "DNS switch:       ${dns_switch:-n/a} s (the portal's resolver; it was served again at ${resolver:-n/a} s)"

fail() { echo "FAIL: $*" >&2; exit 1; }
within() { awk -v v="$1" -v t="$2" 'BEGIN { exit !(v + 0 <= t + 0) }'; }

if [[ "${method:-$METHOD}" == "disable-endpoint" ]]; then
  moved=$(m drain.movedSeconds)
  failed=$(m drain.failedRequests)
  requests=$(m drain.requests)
  source=$(m drain.source)
  resolution=$(m drain.resolutionSeconds)
  upper=$(m drain.upperBoundSeconds)
  drain_verdict=$(json_get verdicts.drain <<<"$run")
  echo "planned drain:    no RTO verdict (nobody is meant to be down)"
  echo "users moved by:   ${moved:-n/a} s (from ${source:-n/a}, resolution ${resolution:-n/a} s; switch + TTL ${upper:-n/a} s)"
  echo "drain time:       ${moved:-n/a} s"
  echo "failed requests:  ${failed:-n/a} of ${requests:-n/a} user requests (verdict ${drain_verdict:-n/a})"
  echo "RPO:              ${rpo:-n/a} s (target ${RPO_TARGET} s, verdict ${rpo_verdict:-n/a})"
  [[ "$state" == "completed" ]] || fail "failover test ended in state ${state}"
  [[ "$drain_verdict" == "passed" ]] || fail "the drain's verdict is ${drain_verdict:-missing} (${failed:-unknown} user requests failed)"
else
  rto=$(m rto.seconds)
  source=$(m rto.source)
  resolution=$(m rto.resolutionSeconds)
  lower=$(m rto.lowerBoundSeconds)
  upper=$(m rto.upperBoundSeconds)
  outside=$(m rto.outsideBounds)
  clocks=$(m rto.clockUncertaintySeconds)
  rto_verdict=$(json_get verdicts.rto <<<"$run")
  echo "RTO:              ${rto:-n/a} s (target ${RTO_TARGET} s, verdict ${rto_verdict:-n/a})"
  echo "  source:         ${source:-n/a}, resolution ${resolution:-n/a} s"
  if [[ "$outside" == "true" ]]; then
    # Clients that cache past the TTL, or a secondary slow to serve, keep users down longer.
    echo "  bounds:         outside DNS switch ${lower:-n/a} s .. switch + TTL ${upper:-n/a} s: users' requests failed past them"
  else
    echo "  bounds:         DNS switch ${lower:-n/a} s ≤ RTO ≤ switch + TTL ${upper:-n/a} s"
  fi
  # How finely Prometheus' times could be set against the portal's (a slow read of its clock).
  [[ -z "$clocks" ]] || echo "  clocks:         counters placed within ±${clocks} s of the DNS view"
  echo "RPO:              ${rpo:-n/a} s (target ${RPO_TARGET} s, verdict ${rpo_verdict:-n/a})"
  [[ "$state" == "completed" ]] || fail "failover test ended in state ${state}"
  if [[ -z "$rto" ]] || ! within "$rto" "$RTO_TARGET"; then
    fail "RTO ${rto:-unknown} s exceeds the target of ${RTO_TARGET} s"
  fi
  # The portal judges against the target it was given; a completed run can still have missed it.
  [[ "$rto_verdict" == "passed" ]] || fail "the portal's RTO verdict is ${rto_verdict:-missing}"
fi
if [[ -z "$rpo" ]] || ! within "$rpo" "$RPO_TARGET"; then
  fail "RPO ${rpo:-unknown} s exceeds the target of ${RPO_TARGET} s"
fi
[[ "$rpo_verdict" == "passed" ]] || fail "the portal's RPO verdict is ${rpo_verdict:-missing}"
if [[ "${method:-$METHOD}" == "disable-endpoint" ]]; then
  echo "PASS: users moved by ${moved} s with ${failed} failed requests; RPO ${rpo} s within ${RPO_TARGET} s"
else
  echo "PASS: RTO ${rto} s within ${RTO_TARGET} s (${source}); RPO ${rpo} s within ${RPO_TARGET} s"
fi
