#!/usr/bin/env bash
# Runs the sync server's tests against a throwaway PostgreSQL cluster given by DATABASE_URL.
# Without it the tests start their own cluster (scripts/throwaway-postgres.ts) anyway; this script
# is for running them against a PostgreSQL of your own: DATABASE_URL=postgres://… scripts/test-postgres.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${DATABASE_URL:-}" ]; then
  export ANKERPUNKT_TEST_DATABASE_URL="$DATABASE_URL"
fi
exec npx vitest run tests/integration/sync-*.test.ts "$@"
