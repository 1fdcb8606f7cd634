"""A worker killed with ``kill -9`` in the middle of a job (issue 14): after the visibility
timeout (PLANLINK_JOBS_STALE_AFTER_SECONDS) its job is re-queued — even while the only live
worker is busy with a long job — or, on its last attempt, marked failed with a message. It never
stays "running". Real ``planlink jobs worker`` processes on SQLite (a shared file) and on
PostgreSQL."""

from __future__ import annotations

import json
import signal

import pytest

from tests.jobs.test_worker_processes import (  # noqa: F401 - worker_environment is a fixture
    drive,
    enqueue_traces,
    show,
    start_worker,
    trace_lines,
    wait_for,
    worker_environment,
)

pytestmark = pytest.mark.django_db(transaction=True)

TIMING = {"heartbeat_seconds": 0.5, "stale_after_seconds": 2}
# Steps of 0.1 s: an hour and more. These jobs are killed or cancelled, never left to finish,
# so a slow or busy machine cannot finish one before the test kills it.
LONG = 40_000


def started(trace, job_id: int, attempt: int = 1) -> bool:
    """The task has begun (it writes its line first): no subprocess, no clock involved."""
    return any(line[:2] == (job_id, attempt) for line in trace_lines(trace))


def kill_mid_job(environment, trace, job_id: int):
    doomed = start_worker(environment, "--sleep", "0.1", **TIMING)
    wait_for(lambda: started(trace, job_id), "the job to start")
    doomed.signal(signal.SIGKILL)
    assert doomed.wait() == -signal.SIGKILL
    return doomed


def cancel(environment, job_id: int) -> None:
    drive(environment, "jobs", "cancel", str(job_id))


def test_a_busy_worker_requeues_the_killed_worker_s_job_then_runs_it(worker_environment, tmp_path):  # noqa: F811
    trace = tmp_path / "trace.txt"
    [long_job] = enqueue_traces(worker_environment, trace, count=LONG, pause=0.1)
    survivor = start_worker(worker_environment, "--burst", "--sleep", "0.1", **TIMING)
    wait_for(lambda: started(trace, long_job), "the long job to start")

    [orphan] = enqueue_traces(worker_environment, trace, count=LONG, pause=0.1)
    kill_mid_job(worker_environment, trace, orphan)

    # The survivor is still busy with the long job, yet the orphan goes back to the queue.
    wait_for(lambda: show(worker_environment, orphan)["state"] == "queued", "the orphan re-queued")
    assert "re-queued" in show(worker_environment, orphan)["message"]
    assert show(worker_environment, long_job)["state"] == "running"

    # Once the long job ends (here: cancelled), the survivor takes the orphan: a second attempt.
    cancel(worker_environment, long_job)
    wait_for(
        lambda: show(worker_environment, orphan)["attempts"] == 2, "the orphan's second attempt"
    )
    retried = show(worker_environment, orphan)
    assert retried["state"] == "running"
    assert retried["worker_id"] != ""
    cancel(worker_environment, orphan)
    assert survivor.wait() == 0, survivor.output


def test_a_job_killed_on_its_last_attempt_is_failed_with_a_message(worker_environment, tmp_path):  # noqa: F811
    trace = tmp_path / "trace.txt"
    [job_id] = enqueue_traces(worker_environment, trace, count=LONG, pause=0.1)
    drive(
        worker_environment,
        "shell",
        "-c",
        f"from planlink.jobs.models import Job; Job.objects.filter(pk={job_id}).update(max_attempts=1)",
    )
    kill_mid_job(worker_environment, trace, job_id)
    assert show(worker_environment, job_id)["state"] == "running"  # no live worker yet

    rescuer = start_worker(worker_environment, "--burst", "--sleep", "0.2", **TIMING)
    assert rescuer.wait() == 0, rescuer.output
    job = show(worker_environment, job_id)
    assert job["state"] == "failed"
    assert job["attempts"] == 1
    assert "หยุดตอบสนอง" in job["message"]
    assert "too many times" in job["message"]


def test_the_visibility_timeout_is_an_environment_variable(worker_environment):  # noqa: F811
    output = drive(
        {**worker_environment, "PLANLINK_JOBS_STALE_AFTER_SECONDS": "45"},
        "shell",
        "-c",
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.PLANLINK_JOBS_STALE_AFTER_SECONDS))",
    )
    assert json.loads(output.strip().splitlines()[-1]) == 45.0
