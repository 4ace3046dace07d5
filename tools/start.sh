#!/usr/bin/env bash
# Started by `./portal start` with the toolchain on PATH: the embedded default,
# frontend on :3000 and backend on :7007.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

mkdir -p .data/sqlite
echo "[portal] starting the portal: http://localhost:3000 (backend http://localhost:7007)" >&2
exec yarn start "$@"
