# Sourced by tools/test.sh. System packages the test suite needs, and the
# local PostgreSQL server the database tests run against.
# shellcheck shell=bash

# command -> Debian package that provides it
declare -A SYSTEM_TOOLS=(
  [chromium]=chromium
  [pg_ctlcluster]=postgresql
  [promtool]=prometheus
  [shellcheck]=shellcheck
)

ensure_system_tools() {
  local missing=() cmd
  for cmd in "${!SYSTEM_TOOLS[@]}"; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("${SYSTEM_TOOLS[$cmd]}")
  done
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    log "installing Debian packages: ${missing[*]}"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    die "missing system packages: ${missing[*]} (on Debian/Ubuntu: sudo apt-get install ${missing[*]})"
  fi
  # Installed but still not found (e.g. not on PATH): the tests would fail without saying why.
  local still=()
  for cmd in "${!SYSTEM_TOOLS[@]}"; do
    command -v "$cmd" >/dev/null 2>&1 || still+=("$cmd")
  done
  [ ${#still[@]} -eq 0 ] || die "not on PATH after installing their packages: ${still[*]} (PATH=$PATH)"
}

# Reference data kept beside the repository (../shared/reference, or
# NT_REFERENCE_DIR): the Chaos Mesh CRDs the chaos schemas are checked against.
# CI fails without it; a local run skips those tests and says so.
ensure_reference_data() {
  local dir="${NT_REFERENCE_DIR:-$ROOT/../shared/reference}"
  [ -d "$dir/chaos-mesh" ] && return
  if [ "${CI:-}" = "true" ]; then
    die "reference data missing: $dir/chaos-mesh (Chaos Mesh CRDs from chaos-mesh/config/crd/bases); CI does not skip the conformance tests"
  fi
  log "reference data missing: $dir/chaos-mesh; the Chaos Mesh conformance tests will be skipped"
}

# kubectl is not a Debian package; the machine image ships it.
ensure_kubectl() {
  command -v kubectl >/dev/null 2>&1 ||
    die "kubectl is required (kustomize builds and sandbox tests): install it from your distribution's Kubernetes packages"
}

# Starts the machine's PostgreSQL cluster if needed and exports the
# connection string Backstage's TestDatabases reads for Postgres tests.
ensure_postgres() {
  if env | grep -q '^BACKSTAGE_TEST_DATABASE_POSTGRES[0-9]*_CONNECTION_STRING='; then
    export BACKSTAGE_TEST_DISABLE_DOCKER=1
    return
  fi
  local version cluster
  read -r version cluster _ < <(pg_lsclusters --no-header | head -n1) || true
  if [ -z "${version:-}" ]; then
    die "no PostgreSQL cluster found (pg_lsclusters); create one with pg_createcluster"
  fi
  if ! pg_lsclusters --no-header | awk '{print $4}' | grep -q online; then
    log "starting PostgreSQL $version/$cluster"
    # The server outlives this script: it must not keep the caller's descriptors
    # (a lock held by flock, the pipe of a log) open.
    (
      for fd in /proc/self/fd/*; do
        fd="${fd##*/}"
        if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
      done 2>/dev/null
      pg_ctlcluster "$version" "$cluster" start
    )
  fi
  local port user="ntinfra_test" password="ntinfra-test-pw"
  port="$(pg_lsclusters --no-header | awk 'NR==1 {print $3}')"
  # A cluster that did not come up fails here, with its name, not as 9 failing test files.
  pg_isready -q -h 127.0.0.1 -p "$port" ||
    die "PostgreSQL $version/$cluster on port $port does not accept connections (pg_lsclusters; its log is under /var/log/postgresql)"
  # Backstage creates one database per plugin and per test, hence CREATEDB.
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- psql -p "$port" -qtAc \
      "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') THEN CREATE ROLE $user LOGIN CREATEDB PASSWORD '$password'; END IF; END\$\$;" >/dev/null
  fi
  # The version is the machine's: the tests read whichever POSTGRES<N> variable is set.
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${version}_CONNECTION_STRING=postgresql://$user:$password@127.0.0.1:$port"
  # No Docker engine here: only the databases configured above are used.
  export BACKSTAGE_TEST_DISABLE_DOCKER=1
}
