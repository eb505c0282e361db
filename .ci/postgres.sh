#!/usr/bin/env bash
# A PostgreSQL server for the store tests (and for trying `anju serve --store postgres://…`).
#
#   .ci/postgres.sh start   installs Debian's postgresql if missing, creates and starts a
#                           cluster of its own (version from the package, name anju_ci,
#                           port $ANJU_PG_PORT or 54329), a role `anju` and a database
#                           `anju_test`; prints ANJU_TEST_POSTGRES=postgres://… on its last line
#   .ci/postgres.sh env     prints that line only (the cluster must be running)
#   .ci/postgres.sh stop    stops the cluster, if this script started it
#   .ci/postgres.sh cluster prints VERSION/anju_ci (for pg_ctlcluster, tools/pg_two_instances.py --cluster)
#
# The server refuses to run as root: pg_ctlcluster runs it as the `postgres` user. The
# cluster is separate from the package's `main` one, so a centre's own server is never
# touched. The password is a test password, for a server that listens on 127.0.0.1 only.
set -euo pipefail

CLUSTER=anju_ci
PORT="${ANJU_PG_PORT:-54329}"
ROLE=anju
PASSWORD=anju-test
DATABASE=anju_test
STATE=/tmp/anju-postgres-started

url() { echo "postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"; }

version() { ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1; }

install_if_missing() {
  if [ -z "$(version)" ] || ! command -v pg_ctlcluster >/dev/null; then
    echo "installing postgresql (Debian package)…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
  fi
}

as_postgres() { runuser -u postgres -- "$@"; }

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" -d postgres "$@"; }

start() {
  install_if_missing
  local v; v="$(version)"
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$v $CLUSTER"; then
    echo "creating cluster $v/$CLUSTER on port $PORT…" >&2
    # The package's own `main` cluster may start with the package: this one is ours.
    pg_createcluster "$v" "$CLUSTER" -p "$PORT" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
    cat >> "/etc/postgresql/$v/$CLUSTER/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
max_connections = 300
shared_buffers = 256MB
EOF
  fi
  if pg_lsclusters -h | awk -v v="$v" -v c="$CLUSTER" '$1==v && $2==c {print $4}' | grep -qx online; then
    echo "cluster $v/$CLUSTER already running" >&2
  else
    pg_ctlcluster "$v" "$CLUSTER" start
    echo "$v" > "$STATE"
  fi
  for _ in $(seq 1 50); do
    as_postgres pg_isready -q -p "$PORT" -h 127.0.0.1 && break
    sleep 0.2
  done
  psql_admin <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SQL
  if ! psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" | grep -q 1; then
    psql_admin -c "CREATE DATABASE $DATABASE OWNER $ROLE"
  fi
  echo "ANJU_TEST_POSTGRES=$(url)"
}

stop() {
  if [ -f "$STATE" ]; then
    pg_ctlcluster "$(cat "$STATE")" "$CLUSTER" stop || true
    rm -f "$STATE"
  else
    echo "the cluster was not started by this script: left as it is" >&2
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) echo "ANJU_TEST_POSTGRES=$(url)" ;;
  cluster) echo "$(version)/$CLUSTER" ;;
  *) echo "usage: $0 start|stop|env|cluster" >&2; exit 2 ;;
esac
