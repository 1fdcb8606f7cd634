"""Two workers never run the same job: a claim is one conditional UPDATE."""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.db import connection, connections

from planlink.jobs import runner
from planlink.jobs.models import Job, JobState
from planlink.jobs.runner import claim_job, claim_next_job
from planlink.jobs.services import enqueue

WORKER_A = "host-a:1:aaaaaaaa"
WORKER_B = "host-b:2:bbbbbbbb"


@pytest.mark.django_db
def test_the_second_claimer_of_the_same_job_gets_nothing():
    job = enqueue("tests.steps", arguments={"count": 1})
    assert claim_job(job.pk, worker_id=WORKER_A).worker_id == WORKER_A
    assert claim_job(job.pk, worker_id=WORKER_B) is None
    job.refresh_from_db()
    assert job.worker_id == WORKER_A
    assert job.attempts == 1
    assert job.state == JobState.RUNNING


@pytest.mark.django_db
def test_a_claimer_that_lost_the_race_for_a_candidate_takes_the_next_one():
    """Both workers read the same candidate list; B's update of job 1 touches no row."""
    first = enqueue("tests.steps", arguments={"count": 1})
    second = enqueue("tests.steps", arguments={"count": 1})
    real_claim_job = runner.claim_job

    def a_claims_first_in_between(job_id, *, worker_id, now=None):
        if worker_id == WORKER_B and job_id == first.pk:
            assert real_claim_job(first.pk, worker_id=WORKER_A) is not None
        return real_claim_job(job_id, worker_id=worker_id, now=now)

    with mock.patch.object(runner, "claim_job", side_effect=a_claims_first_in_between):
        claimed_by_b = claim_next_job(worker_id=WORKER_B)
    assert claimed_by_b.pk == second.pk
    assert dict(Job.objects.values_list("pk", "worker_id")) == {
        first.pk: WORKER_A,
        second.pk: WORKER_B,
    }


@pytest.mark.django_db(transaction=True)
def test_concurrent_claimers_on_separate_connections_share_out_every_job_once():
    """Four threads, each with its own database connection, claim until the queue is empty."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "threads on SQLite's shared-cache in-memory test database get table locks "
            "(SQLITE_LOCKED) instead of waiting; run on PostgreSQL (DATABASE_URL) for this test"
        )
    job_ids = {enqueue("tests.steps", arguments={"count": 1}).pk for _ in range(40)}
    claimed: dict[str, list[int]] = {}
    start = threading.Barrier(4)

    def claimer(name: str) -> None:
        mine: list[int] = []
        try:
            start.wait()
            while (job := claim_next_job(worker_id=name)) is not None:
                mine.append(job.pk)
        finally:
            claimed[name] = mine
            connections.close_all()

    threads = [threading.Thread(target=claimer, args=(f"worker-{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every_claim = [job_id for mine in claimed.values() for job_id in mine]
    assert sorted(every_claim) == sorted(job_ids)
    assert Job.objects.filter(state=JobState.RUNNING, attempts=1).count() == 40
