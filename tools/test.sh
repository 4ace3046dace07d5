#!/usr/bin/env bash
# Started by `./portal test` with the toolchain on PATH: the whole suite, in
# the order that fails fastest. Ends with one line `N passed, N failed, N skipped`
# (skipped, flaky and failed tests listed by name above it).
#   ./portal test            everything
#   ./portal test --no-e2e   skip the Playwright end-to-end tests
# With CI=true (.ci/run sets it) every missing prerequisite fails the run with
# the reason: nothing is skipped for want of a tool, a database or reference data.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=tools/lib/toolchain.sh
source "$ROOT/tools/lib/toolchain.sh"
# shellcheck source=tools/lib/system.sh
source "$ROOT/tools/lib/system.sh"

run_e2e=1
for arg in "$@"; do
  case "$arg" in
    --no-e2e) run_e2e=0 ;;
    *) die "unknown option $arg" ;;
  esac
done

set -e
ensure_system_tools
ensure_kubectl
ensure_postgres
ensure_reference_data
set +e

reports="$ROOT/e2e-test-report"
mkdir -p "$reports"
# Only reports this run writes are counted: none is left from an earlier run.
rm -f "$reports/jest.json" "$reports/jest-timed.json" "$reports/results.json"
run_started_ms="$(date +%s%3N)"
expected_reports=()
checks_passed=0
checks_failed=0
failed_steps=()

step() {
  local name="$1"
  shift
  log "── $name"
  local started=$SECONDS
  if "$@"; then
    checks_passed=$((checks_passed + 1))
    log "── $name: ok ($((SECONDS - started)) s)"
  else
    checks_failed=$((checks_failed + 1))
    failed_steps+=("$name")
    log "── $name: FAILED ($((SECONDS - started)) s)"
  fi
}

step "tsc" yarn tsc
step "lint" yarn lint:all
step "prettier" yarn prettier:check
# The scripts of ./portal itself (tools/lib/*.test.js, node's own runner).
step "tools" node --test tools/lib/*.test.js
# Unit and integration tests of every package (SQLite and PostgreSQL), two
# files at a time on a 2-core machine, except the timed ones.
expected_reports+=(--expect jest.json)
step "jest" yarn backstage-cli repo test --ci --json --outputFile="$reports/jest.json" \
  '^(?!.*\.timed\.test\.)'
# *.timed.test.ts measure the portal against the sandbox world at 10× its
# speed, where the ±1 s of world time they check is 100 ms of wall time: they
# run alone, after the rest, so the suite's other files do not take the CPU
# their clocks need.
expected_reports+=(--expect jest-timed.json)
step "jest (timed, alone)" yarn backstage-cli repo test --ci --runInBand --json \
  --outputFile="$reports/jest-timed.json" '\.timed\.test\.ts$'
if [ "$run_e2e" = 1 ]; then
  rm -rf .data/e2e-sqlite
  expected_reports+=(--expect results.json)
  step "e2e" yarn playwright test
fi

failed_args=()
for name in "${failed_steps[@]}"; do
  failed_args+=(--failed-step "$name")
done
node "$ROOT/tools/summarize-tests.js" --reports "$reports" --since "$run_started_ms" \
  "${expected_reports[@]}" --checks-passed "$checks_passed" --checks-failed "$checks_failed" \
  "${failed_args[@]}"
