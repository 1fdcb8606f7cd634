"""``kill -9`` of ``planlink cycle`` half-way, a re-run, and the year is the uninterrupted year.

The operator's scenario of issue 14, in real processes: the cycle runs as its own
``planlink cycle`` process on a database of its own (a SQLite file, or a PostgreSQL
database when the suite runs on PostgreSQL); it is killed with SIGKILL as soon as the
first district has committed its simulated decisions, run again to the end, and every
count and amount (``test_same_result_after_a_crash.snapshot``) is compared with the same
year run again from the submitted village plans without interruption.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parents[2]
PLANLINK = str(Path(sys.executable).with_name("planlink"))
PROVINCE, YEAR = "83", 2570
FUNDING_ROWS = "SELECT COUNT(*) FROM referrals_fundingrequest"

GENERATE = (
    "from planlink.simulation.demo import ensure_reference_data, demo_province; "
    f"ensure_reference_data(); demo_province('{PROVINCE}', {YEAR}, run=False, survey=False)"
)
SNAPSHOT = (
    "import json; from tests.simulation.test_same_result_after_a_crash import snapshot; "
    "print(json.dumps(snapshot(), default=str, sort_keys=True))"
)
FORGET = (
    "from tests.simulation.test_same_result_after_a_crash import forget_the_run; forget_the_run()"
)


class Database:
    """A database of its own for the child processes, and a way to count its rows."""

    def __init__(self, tmp_path: Path) -> None:
        self.env = {**os.environ, "PYTHONPATH": str(REPO), "PLANLINK_DEBUG": "0"}
        self.env["PLANLINK_DATA_DIR"] = str(tmp_path)
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.name = ""
        self.log = tmp_path / "killed.log"
        if connection.vendor == "postgresql":
            import psycopg

            self.name = f"pl_kill9_{os.getpid()}"
            with psycopg.connect(self._admin(), autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
                admin.execute(f'CREATE DATABASE "{self.name}"')
            settings = connection.settings_dict
            self.env["DATABASE_URL"] = (
                f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
                f"{settings['PORT'] or 5432}/{self.name}"
            )
        else:
            self.env.pop("DATABASE_URL", None)
            self.file = tmp_path / "planlink.sqlite3"

    @staticmethod
    def _admin() -> str:
        settings = connection.settings_dict
        return (
            f"host={settings['HOST'] or '127.0.0.1'} port={settings['PORT'] or 5432} "
            f"user={settings['USER']} dbname=postgres"
        )

    def count(self, sql: str) -> int:
        """A count read beside the writer; -1 while the table is not there or is locked."""
        try:
            if self.name:
                import psycopg

                with psycopg.connect(self.env["DATABASE_URL"]) as reader:
                    return reader.execute(sql).fetchone()[0]
            with sqlite3.connect(self.file, timeout=0.2) as reader:
                return reader.execute(sql).fetchone()[0]
        except Exception:  # noqa: BLE001 - not created yet, or busy: ask again
            return -1

    def drop(self) -> None:
        if self.name:
            import psycopg

            with psycopg.connect(self._admin(), autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def planlink(self, *arguments: str) -> str:
        done = subprocess.run(
            [PLANLINK, *arguments], env=self.env, cwd=REPO, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def kill_when(self, arguments: list[str], ready: Callable[[], bool]) -> tuple[int, str]:
        """Start ``planlink <arguments>`` and SIGKILL it once ``ready()``: its exit code
        and the end of what it wrote to stderr."""
        with open(self.log, "w+", encoding="utf-8") as log:
            child = subprocess.Popen(
                [PLANLINK, *arguments],
                env=self.env,
                cwd=REPO,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
            deadline = time.monotonic() + 600
            while child.poll() is None and time.monotonic() < deadline:
                if ready():
                    child.send_signal(signal.SIGKILL)
                    break
                time.sleep(0.05)
            status = child.wait()
            log.seek(0)
            return status, log.read()[-3000:]


@pytest.fixture
def database(tmp_path):
    db = Database(tmp_path)
    try:
        db.planlink("migrate", "--verbosity", "0")
        db.planlink("shell", "-c", GENERATE)
        yield db
    finally:
        db.drop()


def test_planlink_cycle_killed_half_way_and_run_again_ends_as_an_uninterrupted_year(database):
    cycle = ["cycle", "--province", PROVINCE, "--cycle", str(YEAR), "--json"]
    status, stderr = database.kill_when(cycle, lambda: database.count(FUNDING_ROWS) > 0)
    assert status == -signal.SIGKILL, f"the cycle ended before it could be killed: {stderr}"
    database.planlink(*cycle)
    after_the_kill = json.loads(database.planlink("shell", "-c", SNAPSHOT).splitlines()[-1])

    database.planlink("shell", "-c", FORGET)
    database.planlink(*cycle)
    uninterrupted = json.loads(database.planlink("shell", "-c", SNAPSHOT).splitlines()[-1])

    assert after_the_kill == uninterrupted
    assert uninterrupted["funnel"]["funded_projects"] > 0
