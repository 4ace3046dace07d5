#!/usr/bin/env bash
# Started by `./portal start` with the toolchain on PATH: the sandbox world
# (packages/sandbox) in the background, then the portal on the embedded
# default at :3000. By default the backend serves the production build of the
# frontend (built once, rebuilt when its sources change; tools/lib/app-build.js)
# and the API on :3000; with --dev, the development server on :3000 and the
# backend on :7007. Ctrl-C stops everything.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=tools/lib/toolchain.sh
source "$ROOT/tools/lib/toolchain.sh"

dev=0
passed=()
for arg in "$@"; do
  case "$arg" in
    --dev) dev=1 ;;
    *) passed+=("$arg") ;;
  esac
done

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

if [ "$dev" = 1 ]; then
  log "starting the development server: http://localhost:3000 (backend http://localhost:7007)"
  yarn start ${passed[@]+"${passed[@]}"}
  exit
fi

hash="$(node tools/lib/app-build.js hash)"
if status="$(node tools/lib/app-build.js check "$hash")"; then
  log "frontend: $status"
else
  log "frontend: $status; building it (a few minutes on 2 cores, once per change; log: .data/app-build.log)"
  yarn workspace app build >.data/app-build.log 2>&1 || { tail -40 .data/app-build.log >&2; die "the frontend build failed"; }
  node tools/lib/app-build.js stamp "$hash"
fi

# One process on :3000: the backend's app plugin serves packages/app/dist and
# injects the frontend's config when it serves it, so the development config
# (guest and sandbox-user sign-in, NODE_ENV=development) applies as with --dev.
log "starting the portal: http://localhost:3000 (production build served by the backend; ./portal start --dev for the development server)"
export BACKSTAGE_ENV=development
export APP_CONFIG_app_baseUrl=http://localhost:3000
export APP_CONFIG_backend_baseUrl=http://localhost:3000
export APP_CONFIG_backend_listen_port=3000
export APP_CONFIG_backend_cors_origin=http://localhost:3000
yarn workspace backend start ${passed[@]+"${passed[@]}"}
