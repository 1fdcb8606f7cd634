#!/usr/bin/env bash
# Runs the test suite against PostgreSQL on 127.0.0.1:5432 (user postgres) in a throw-away
# database (pytest-django creates test_<name> and drops it afterwards).
# When no server answers: loud warning locally, failure in CI (CI=true).
set -uo pipefail
name="planlink_ci_$(date +%s)_$$"
url="postgres://postgres@127.0.0.1:5432/${name}"
if ! .venv/bin/python - <<'PY'
import sys
import psycopg
try:
    psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", connect_timeout=5).close()
except Exception as error:  # noqa: BLE001
    print(f"connection failed: {error}", file=sys.stderr)
    sys.exit(1)
PY
then
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "!! PostgreSQL is not answering on 127.0.0.1:5432 (user postgres)."
  echo "!! The PostgreSQL half of the suite did NOT run."
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
fi
DATABASE_URL="$url" "$@"
