#!/usr/bin/env bash
# Started by `./portal start` with the toolchain on PATH: the sandbox world
# (packages/sandbox) in the background, then the portal on the embedded
# default, frontend on :3000 and backend on :7007. Ctrl-C stops both.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=tools/lib/toolchain.sh
source "$ROOT/tools/lib/toolchain.sh"

mkdir -p .data/sqlite .sandbox

sandbox_pid=""
stop_sandbox() {
  [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
  return 0
}
trap stop_sandbox EXIT
trap 'exit 130' INT TERM

if [ -f .sandbox/endpoints.json ] && curl -fsS -o /dev/null http://127.0.0.1:7100/health 2>/dev/null; then
  log "a sandbox world is already running (http://127.0.0.1:7100); using it"
else
  rm -f .sandbox/endpoints.json
  log "starting the sandbox world (log: .sandbox/sandbox.log)"
  yarn sandbox --quiet >.sandbox/sandbox.log 2>&1 &
  sandbox_pid=$!
  for _ in $(seq 1 120); do
    [ -f .sandbox/endpoints.json ] && break
    kill -0 "$sandbox_pid" 2>/dev/null || { cat .sandbox/sandbox.log >&2; die "the sandbox world failed to start"; }
    sleep 0.5
  done
  [ -f .sandbox/endpoints.json ] || die "the sandbox world did not write .sandbox/endpoints.json within 60 s"
fi

log "starting the portal: http://localhost:3000 (backend http://localhost:7007)"
yarn start "$@"
