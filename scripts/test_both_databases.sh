#!/usr/bin/env bash
# Runs the whole test suite on the embedded SQLite database and on PostgreSQL side by side
# (the machine has two cores; each pass is mostly one process). Each pass gets its own data
# directory (file cache, media, screenshots' siblings), so neither clears the other's cache.
# Prints each pass's output in full when both are done; fails when either fails.
set -uo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d /tmp/planlink-tests.XXXXXX)"
mkdir -p "$work/sqlite" "$work/postgres"
started=$(date +%s)

echo "== PlanLink tests on SQLite and on PostgreSQL, side by side (logs in $work) =="
( PLANLINK_DATA_DIR="$work/sqlite" "$@" >"$work/sqlite.log" 2>&1 ) &
sqlite_pid=$!
( PLANLINK_DATA_DIR="$work/postgres" bash scripts/run_postgres_tests.sh "$@" >"$work/postgres.log" 2>&1 ) &
postgres_pid=$!

wait "$sqlite_pid"; sqlite_status=$?
wait "$postgres_pid"; postgres_status=$?

echo "== PlanLink tests on SQLite (exit $sqlite_status) =="
cat "$work/sqlite.log"
echo "== PlanLink tests on PostgreSQL (exit $postgres_status) =="
cat "$work/postgres.log"
echo "== both passes took $(( $(date +%s) - started )) s =="
if [ "$sqlite_status" -ne 0 ] || [ "$postgres_status" -ne 0 ]; then
  exit 1
fi
rm -rf "$work"
