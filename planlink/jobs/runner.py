"""Claiming, running and recovering jobs — the heart of the queue.

Claiming is one conditional update that works the same on SQLite and
PostgreSQL::

    UPDATE jobs_job SET state = 'running', worker_id = ?, attempts = attempts + 1, …
     WHERE id = ? AND state = 'queued'

The database applies it atomically: on PostgreSQL a second worker updating the
same row waits for the first to commit, re-checks ``state = 'queued'``, finds it
false and updates nothing; on SQLite writers are serialised. Whoever sees one
updated row owns the job; the others move on to the next candidate.

Every later write by the owner (progress, heartbeat, the final state) is also
conditional on ``state = 'running' AND worker_id = ? AND attempts = ?``, so a
worker that was presumed dead and comes back cannot overwrite the work of the
worker that took over, nor un-cancel a cancelled job.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import traceback
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections
from django.db.models import F, Q
from django.utils import timezone

from planlink.jobs.context import (
    DEFAULT_PROGRESS_INTERVAL_SECONDS,
    MESSAGE_MAX_LENGTH,
    JobCancelled,
    JobContext,
    JobLost,
)
from planlink.jobs.models import Job, JobState
from planlink.jobs.registry import get_task

logger = logging.getLogger(__name__)

DEFAULT_HEARTBEAT_SECONDS = 10.0
DEFAULT_STALE_AFTER_SECONDS = 300
CLAIM_CANDIDATES = 10

MESSAGE_STARTED = "เริ่มทำงาน · started"
MESSAGE_DONE = "เสร็จแล้ว · done"
MESSAGE_FAILED = "ล้มเหลว · failed"
MESSAGE_REQUEUED = "ตัวทำงานหยุดตอบสนอง ส่งกลับเข้าคิว · worker stopped; re-queued"
MESSAGE_GAVE_UP = "ตัวทำงานหยุดตอบสนองครบจำนวนครั้งสูงสุด · worker stopped too many times"


def stale_after() -> timedelta:
    """How long a running job may go without a heartbeat before it is presumed orphaned."""
    seconds = getattr(settings, "PLANLINK_JOBS_STALE_AFTER_SECONDS", DEFAULT_STALE_AFTER_SECONDS)
    return timedelta(seconds=seconds)


def heartbeat_interval() -> float:
    """Seconds between heartbeats of a running job (keep well below ``stale_after``)."""
    return float(getattr(settings, "PLANLINK_JOBS_HEARTBEAT_SECONDS", DEFAULT_HEARTBEAT_SECONDS))


def new_worker_id() -> str:
    """``host:pid:random`` — unique per worker process (and per inline run)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def recover_stale_jobs(
    *, older_than: timedelta | None = None, now: datetime | None = None
) -> tuple[int, int]:
    """Re-queue running jobs whose worker stopped heartbeating; fail those out of attempts.

    Returns ``(requeued, failed)``. Both are set-based conditional updates, safe
    to run from every worker at once.
    """
    now = now or timezone.now()
    cutoff = now - (older_than if older_than is not None else stale_after())
    orphaned = Job.objects.filter(state=JobState.RUNNING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    )
    requeued = orphaned.filter(attempts__lt=F("max_attempts")).update(
        state=JobState.QUEUED,
        worker_id="",
        heartbeat_at=None,
        run_after=now,
        message=MESSAGE_REQUEUED,
    )
    failed = orphaned.filter(attempts__gte=F("max_attempts")).update(
        state=JobState.FAILED,
        finished_at=now,
        message=MESSAGE_GAVE_UP,
        error=(
            "The worker running this job stopped sending heartbeats on its last allowed attempt "
            "(attempts reached max_attempts)."
        ),
    )
    if requeued or failed:
        logger.warning("recovered orphaned jobs: %s re-queued, %s failed", requeued, failed)
    return requeued, failed


def claim_job(job_id: int, *, worker_id: str, now: datetime | None = None) -> Job | None:
    """Claim one queued job by id; ``None`` if it is not queued (any more)."""
    now = now or timezone.now()
    updated = Job.objects.filter(id=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING,
        worker_id=worker_id,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        finished_at=None,
        message=MESSAGE_STARTED,
    )
    if updated != 1:
        return None
    return Job.objects.get(id=job_id)


def claim_next_job(*, worker_id: str, now: datetime | None = None) -> Job | None:
    """Claim the oldest ready job, or ``None`` when nothing is ready."""
    now = now or timezone.now()
    candidates = list(
        Job.objects.filter(state=JobState.QUEUED, run_after__lte=now)
        .order_by("run_after", "id")
        .values_list("id", flat=True)[:CLAIM_CANDIDATES]
    )
    for job_id in candidates:
        job = claim_job(job_id, worker_id=worker_id, now=now)
        if job is not None:
            return job
    return None


class Heartbeat:
    """A thread that stamps ``heartbeat_at`` every ``interval`` seconds while a task runs.

    It uses its own database connection. It stops by itself when the job stops
    being ours (cancelled, or taken over). Every half visibility timeout it also
    recovers other workers' orphaned jobs (``recover_stale_jobs``): a job whose
    worker was killed is re-queued or failed on time even while every live worker
    is busy with a long job.
    """

    def __init__(self, job: Job, *, worker_id: str, interval: float) -> None:
        self._job_id = job.pk
        self._attempt = job.attempts
        self._worker_id = worker_id
        self._interval = interval
        self._stopped = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"planlink-job-{job.pk}-heartbeat", daemon=True
        )

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopped.set()
        self._thread.join()

    def beat(self) -> bool:
        """Stamp the heartbeat once; ``False`` when the job is no longer ours."""
        updated = Job.objects.filter(
            id=self._job_id,
            state=JobState.RUNNING,
            worker_id=self._worker_id,
            attempts=self._attempt,
        ).update(heartbeat_at=timezone.now())
        return updated == 1

    def _run(self) -> None:
        recovery_every = max(self._interval, stale_after().total_seconds() / 2)
        next_recovery = time.monotonic() + recovery_every
        try:
            while not self._stopped.wait(self._interval):
                try:
                    if not self.beat():
                        return
                    if time.monotonic() >= next_recovery:
                        next_recovery = time.monotonic() + recovery_every
                        recover_stale_jobs()
                except Exception:  # a locked SQLite file or a dropped connection: try again
                    logger.exception("heartbeat for job %s failed", self._job_id)
        finally:
            connections.close_all()


def execute_job(
    job: Job,
    *,
    worker_id: str,
    heartbeat_seconds: float | None = DEFAULT_HEARTBEAT_SECONDS,
    progress_interval_seconds: float = DEFAULT_PROGRESS_INTERVAL_SECONDS,
) -> Job:
    """Run a job this worker has claimed and record how it ended; returns it refreshed.

    The task runs in autocommit mode: it opens its own transactions, and its
    progress writes are visible at once. An exception marks the job failed
    with the traceback in ``error`` (no automatic retry: use ``jobs retry``).
    """
    owned = Job.objects.filter(
        id=job.pk, state=JobState.RUNNING, worker_id=worker_id, attempts=job.attempts
    )
    context = JobContext(
        job_id=job.pk,
        worker_id=worker_id,
        attempt=job.attempts,
        min_interval_seconds=progress_interval_seconds,
    )
    try:
        definition = get_task(job.kind)
        if heartbeat_seconds:
            with Heartbeat(job, worker_id=worker_id, interval=heartbeat_seconds):
                result = definition.run(context, dict(job.arguments or {}))
        else:
            result = definition.run(context, dict(job.arguments or {}))
        result = _checked_result(result)
    except JobCancelled:
        logger.info("job %s stopped: cancelled", job.pk)
    except JobLost:
        logger.warning("job %s stopped: taken over by another worker", job.pk)
    except Exception as error:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        owned.update(
            state=JobState.FAILED,
            finished_at=timezone.now(),
            message=f"{MESSAGE_FAILED}: {error}"[:MESSAGE_MAX_LENGTH],
            error=traceback.format_exc(),
        )
    except BaseException:
        # Ctrl-C twice or SystemExit in the middle of a task: hand the job back
        # to the queue now instead of waiting for the heartbeat timeout.
        owned.update(state=JobState.QUEUED, worker_id="", heartbeat_at=None)
        raise
    else:
        updated = owned.update(
            state=JobState.SUCCEEDED,
            progress=100,
            message=MESSAGE_DONE,
            result=result,
            result_file=context.result_file,
            error="",
            finished_at=timezone.now(),
        )
        if updated != 1:
            logger.warning("job %s finished but was cancelled or taken over meanwhile", job.pk)
    job.refresh_from_db()
    return job


def _checked_result(result: Any) -> dict[str, Any]:
    """A task returns a dict (or ``None``) that JSON can store."""
    if result is None:
        return {}
    if not isinstance(result, dict):
        raise TypeError(f"a task must return a dict or None, not {type(result).__name__}")
    json.dumps(result, cls=DjangoJSONEncoder)  # fail here, with a traceback, not at save
    return result


def run_next_job(
    *,
    worker_id: str,
    heartbeat_seconds: float | None = DEFAULT_HEARTBEAT_SECONDS,
    progress_interval_seconds: float = DEFAULT_PROGRESS_INTERVAL_SECONDS,
) -> Job | None:
    """Recover orphans, claim the next ready job and run it; ``None`` when idle."""
    recover_stale_jobs()
    job = claim_next_job(worker_id=worker_id)
    if job is None:
        return None
    return execute_job(
        job,
        worker_id=worker_id,
        heartbeat_seconds=heartbeat_seconds,
        progress_interval_seconds=progress_interval_seconds,
    )


def run_job_now(job_id: int) -> Job | None:
    """Run one queued job in this process, now (inline mode); ``None`` if not claimable."""
    worker_id = f"inline:{new_worker_id()}"
    job = claim_job(job_id, worker_id=worker_id)
    if job is None:
        return None
    return execute_job(job, worker_id=worker_id, heartbeat_seconds=None)
