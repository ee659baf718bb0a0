#!/usr/bin/env bash
# Runs the sync server's tests against a real PostgreSQL.
#
#   scripts/test-postgres.sh                       starts a throwaway cluster (Debian's binaries in
#                                                  /usr/lib/postgresql/NN/bin), runs the tests, removes it
#   DATABASE_URL=postgres://… scripts/test-postgres.sh   uses that server (each test makes its own database)
#
# `npm test` needs neither: the tests start a cluster of their own (scripts/throwaway-postgres.ts).
# PostgreSQL refuses to run as root, so as root the cluster belongs to the user postgres.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DATABASE_URL:-}" ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "PostgreSQL is not installed: apt-get install postgresql" >&2
    exit 2
  fi
  dir=$(mktemp -d /tmp/ankerpunkt-pg.XXXXXX)
  as_owner() { "$@"; }
  if [ "$(id -u)" = 0 ]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres: "$dir"
    as_owner() { runuser -u postgres -- "$@"; }
  fi
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-sync >/dev/null
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w start \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" >/dev/null
  trap 'as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null; rm -rf "$dir"' EXIT
  DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
fi

export ANKERPUNKT_TEST_DATABASE_URL="$DATABASE_URL"
npx vitest run tests/integration/sync-*.test.ts "$@"
