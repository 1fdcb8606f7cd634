"""Real worker processes: several share the queue, a killed one loses no job, SIGTERM is graceful.

On SQLite the processes share a temporary database file (the in-memory test
database cannot be shared between processes); on PostgreSQL
(``DATABASE_URL=postgres://…``) they use the test database itself.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

# transaction=True: the worker processes must see committed rows (PostgreSQL); the
# marker also makes pytest-django create the test database when this file runs alone.
pytestmark = pytest.mark.django_db(transaction=True)

REPOSITORY = Path(__file__).resolve().parents[2]
WAIT_LIMIT_SECONDS = 60
MIGRATE_LIMIT_SECONDS = 900


@pytest.fixture
def worker_environment(tmp_path) -> dict[str, str]:
    """Environment for subprocesses that reach the same database as each other."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "PLANLINK_JOBS_INLINE"}
    }
    environment["DJANGO_SETTINGS_MODULE"] = "planlink.settings"
    environment["PYTHONPATH"] = str(REPOSITORY)
    if connection.vendor == "postgresql":
        database = connection.settings_dict
        user = database["USER"]
        credentials = f"{user}:{database['PASSWORD']}@" if database["PASSWORD"] else f"{user}@"
        environment["DATABASE_URL"] = (
            f"postgres://{credentials}{database['HOST']}:{database['PORT'] or 5432}/{database['NAME']}"
        )
    else:
        (tmp_path / "data").mkdir()
        environment["PLANLINK_DATA_DIR"] = str(tmp_path / "data")
        # Every migration on a new file: minutes, not seconds, on a busy machine.
        drive(environment, "migrate", timeout=MIGRATE_LIMIT_SECONDS)
    return environment


def drive(environment: dict[str, str], *arguments: str, timeout: float | None = None) -> str:
    completed = subprocess.run(
        [sys.executable, "-m", "tests.jobs.worker_driver", *arguments],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout or WAIT_LIMIT_SECONDS,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


class WorkerProcess:
    """``planlink jobs worker`` in a subprocess; its output lines are collected as they come."""

    def __init__(self, environment: dict[str, str], options: tuple[str, ...]) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.jobs.worker_driver", "jobs", "worker", *options],
            cwd=REPOSITORY,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def signal(self, number: int) -> None:
        self.process.send_signal(number)

    def wait(self) -> int:
        returncode = self.process.wait(timeout=WAIT_LIMIT_SECONDS)
        self._reader.join(timeout=WAIT_LIMIT_SECONDS)
        return returncode


def start_worker(environment: dict[str, str], *options: str, **settings: float) -> WorkerProcess:
    worker_environment = dict(environment)
    for name, value in settings.items():
        worker_environment[f"PLANLINK_JOBS_{name.upper()}"] = str(value)
    return WorkerProcess(worker_environment, options)


def enqueue_traces(
    environment: dict[str, str], trace_file: Path, *, count: int, pause: float, jobs: int = 1
) -> list[int]:
    arguments = {"trace_file": str(trace_file), "count": count, "pause_seconds": pause}
    output = drive(environment, "enqueue", "tests.trace", json.dumps(arguments), str(jobs))
    return [int(line) for line in output.split()]


def show_all(environment: dict[str, str], job_ids: list[int]) -> list[dict[str, Any]]:
    return json.loads(drive(environment, "show", *map(str, job_ids)))


def show(environment: dict[str, str], job_id: int) -> dict[str, Any]:
    return show_all(environment, [job_id])[0]


def wait_for(condition: Callable[[], bool], description: str) -> None:
    deadline = time.monotonic() + WAIT_LIMIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for: {description}")
        time.sleep(0.1)


def trace_lines(trace_file: Path) -> list[tuple[int, int, int]]:
    if not trace_file.exists():
        return []
    return [
        tuple(int(part) for part in line.split())
        for line in trace_file.read_text(encoding="utf-8").splitlines()
    ]


def test_three_burst_workers_run_every_job_exactly_once(worker_environment, tmp_path):
    trace_file = tmp_path / "trace.txt"
    job_ids = enqueue_traces(worker_environment, trace_file, count=2, pause=0.02, jobs=12)
    workers = [start_worker(worker_environment, "--burst", "--sleep", "0.1") for _ in range(3)]
    for worker in workers:
        assert worker.wait() == 0, worker.output
    starts = Counter(job_id for job_id, _, _ in trace_lines(trace_file))
    assert starts == Counter({job_id: 1 for job_id in job_ids})
    outcomes = [
        (job["id"], job["state"], job["attempts"], job["progress"])
        for job in show_all(worker_environment, job_ids)
    ]
    assert outcomes == [(job_id, "succeeded", 1, 100) for job_id in job_ids]


def test_a_job_whose_worker_is_killed_is_finished_by_another_worker(worker_environment, tmp_path):
    trace_file = tmp_path / "trace.txt"
    # 15 s of work: on a loaded machine each `show` is a process start of a few seconds, and
    # the job must still be running when the kill lands.
    [job_id] = enqueue_traces(worker_environment, trace_file, count=60, pause=0.25)
    doomed = start_worker(worker_environment, "--sleep", "0.1", heartbeat_seconds=0.2)
    wait_for(lambda: show(worker_environment, job_id)["progress"] > 0, "the job to start")
    doomed.signal(signal.SIGKILL)
    assert doomed.wait() == -signal.SIGKILL
    orphan = show(worker_environment, job_id)
    assert orphan["state"] == "running"
    assert orphan["attempts"] == 1

    rescuer = start_worker(
        worker_environment,
        "--burst",
        "--sleep",
        "0.2",
        heartbeat_seconds=0.2,
        stale_after_seconds=2,
    )
    assert rescuer.wait() == 0, rescuer.output
    job = show(worker_environment, job_id)
    assert job["state"] == "succeeded"
    assert job["attempts"] == 2
    assert job["result"]["attempt"] == 2
    assert job["result"]["pid"] == rescuer.pid
    assert [(line[0], line[1]) for line in trace_lines(trace_file)] == [(job_id, 1), (job_id, 2)]
    assert f"#{job_id} tests.trace: สำเร็จ · succeeded" in rescuer.output


def test_sigterm_lets_the_current_job_finish_then_the_worker_exits(worker_environment, tmp_path):
    trace_file = tmp_path / "trace.txt"
    [job_id] = enqueue_traces(worker_environment, trace_file, count=15, pause=0.1)
    worker = start_worker(worker_environment, "--sleep", "0.1")
    wait_for(lambda: show(worker_environment, job_id)["progress"] > 0, "the job to start")
    worker.signal(signal.SIGTERM)
    assert worker.wait() == 0, worker.output
    assert "stop requested; finishing the current job first" in worker.output
    assert worker.lines[-1] == "ตัวทำงานหยุดแล้ว · worker stopped after 1 job(s)"
    job = show(worker_environment, job_id)
    assert (job["state"], job["progress"], job["attempts"]) == ("succeeded", 100, 1)


def test_a_second_signal_stops_at_once_and_hands_the_job_back(worker_environment, tmp_path):
    trace_file = tmp_path / "trace.txt"
    [job_id] = enqueue_traces(worker_environment, trace_file, count=100, pause=0.1)
    worker = start_worker(worker_environment, "--sleep", "0.1")
    wait_for(lambda: show(worker_environment, job_id)["progress"] > 0, "the job to start")
    worker.signal(signal.SIGTERM)
    wait_for(lambda: "stop requested" in worker.output, "the first signal to be seen")
    worker.signal(signal.SIGTERM)
    assert worker.wait() == 128 + signal.SIGTERM, worker.output
    job = show(worker_environment, job_id)
    assert (job["state"], job["worker_id"], job["attempts"]) == ("queued", None, 1)
