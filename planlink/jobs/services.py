"""Writes on the queue: enqueue, cancel, retry, purge.

Why ``enqueue`` needs no ``on_commit`` in the normal (worker) mode: the job row
is inserted through the caller's own connection, inside the caller's
transaction. Workers cannot see it until that transaction commits, and a
rollback removes it — exactly the "only after commit" guarantee, for free,
and stronger (a job can never exist for data that was rolled back, and a
committed change can never lose its job to a crash between commit and a
separate enqueue). This is the main reason the queue lives in the database.

``on_commit`` matters in inline mode (``settings.PLANLINK_JOBS_INLINE``): there
the job runs in this process, so it is deferred with ``transaction.on_commit``
until the caller's data is committed; a failing task then cannot roll back the
caller's work, and a rolled-back caller never runs the task.
"""

from __future__ import annotations

import inspect
import json
import logging
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from planlink.core.types import acting_user
from planlink.jobs.files import remove_job_directory
from planlink.jobs.models import ACTIVE_STATES, FINISHED_STATES, Job, JobState
from planlink.jobs.registry import get_task
from planlink.jobs.runner import run_job_now

if TYPE_CHECKING:
    from planlink.core.types import Actor

logger = logging.getLogger(__name__)

MESSAGE_QUEUED = "รอคิว · queued"
MESSAGE_CANCELLED = "ยกเลิกแล้ว · cancelled"
MESSAGE_REQUEUED_BY_HAND = "ส่งเข้าคิวใหม่ · queued again"


class JobStateError(Exception):
    """The job is not in a state that allows this action (e.g. cancelling a finished job)."""

    def __init__(self, message_th: str, message_en: str) -> None:
        super().__init__(f"{message_th} / {message_en}")
        self.message_th = message_th
        self.message_en = message_en


def jobs_run_inline() -> bool:
    """True when jobs run synchronously in the enqueuing process (tests, demo)."""
    return bool(getattr(settings, "PLANLINK_JOBS_INLINE", False))


def enqueue(
    kind: str,
    *,
    arguments: dict[str, Any] | None = None,
    created_by: Actor = None,
    scope_code: str = "",
    run_after: datetime | None = None,
    max_attempts: int | None = None,
) -> Job:
    """ส่งงานเข้าคิว · Put a job on the queue and return it.

    ``arguments`` are keyword arguments for the task and must be plain JSON
    values (str, int, float, bool, None, lists, dicts with str keys): pass ids
    and codes, not model instances; money as a string such as ``"1500000.00"``.
    They are checked against the task's signature now, not when a worker runs.

    In inline mode the job runs after the caller's transaction commits (at
    once when there is none); the returned instance is refreshed in that case.
    """
    definition = get_task(kind)
    arguments = dict(arguments or {})
    _check_arguments(kind, definition.function, arguments)
    now = timezone.now()
    job = Job.objects.create(
        kind=kind,
        arguments=arguments,
        created_by=acting_user(created_by),
        scope_code=scope_code,
        created_at=now,
        run_after=run_after or now,
        max_attempts=max_attempts or definition.max_attempts,
        message=MESSAGE_QUEUED,
    )
    if jobs_run_inline():
        transaction.on_commit(partial(run_job_now, job.pk))
        if not transaction.get_connection().in_atomic_block:
            job.refresh_from_db()  # on_commit ran it already
    return job


def _check_arguments(kind: str, function: Any, arguments: dict[str, Any]) -> None:
    try:
        round_trip = json.loads(json.dumps(arguments))
    except (TypeError, ValueError) as error:
        raise TypeError(f"arguments for {kind!r} must be plain JSON values: {error}") from None
    if round_trip != arguments:
        raise TypeError(
            f"arguments for {kind!r} must be plain JSON values "
            "(lists, not tuples; dicts with str keys)"
        )
    try:
        inspect.signature(function).bind(None, **arguments)
    except TypeError as error:
        raise TypeError(f"arguments do not match task {kind!r}: {error}") from None


def job_cancel(*, job: Job) -> Job:
    """ยกเลิกงาน · Cancel a queued or running job.

    A queued job will never start. A running task stops at its next
    ``progress()`` or ``check_cancelled()`` call, and whatever it returns is
    discarded; work it already committed stays (tasks are idempotent).
    """
    updated = Job.objects.filter(id=job.pk, state__in=ACTIVE_STATES).update(
        state=JobState.CANCELLED, finished_at=timezone.now(), message=MESSAGE_CANCELLED
    )
    job.refresh_from_db()
    if updated != 1:
        raise JobStateError(
            f"งาน #{job.pk} จบไปแล้ว ({job.get_state_display()}) ยกเลิกไม่ได้",
            f"job #{job.pk} has already finished ({job.state}); it cannot be cancelled",
        )
    logger.info("job %s cancelled", job.pk)
    return job


def job_retry(*, job: Job) -> Job:
    """ลองใหม่ · Put a failed or cancelled job back on the queue with fresh attempts."""
    now = timezone.now()
    updated = Job.objects.filter(id=job.pk, state__in=(JobState.FAILED, JobState.CANCELLED)).update(
        state=JobState.QUEUED,
        attempts=0,
        progress=0,
        message=MESSAGE_REQUEUED_BY_HAND,
        result=None,
        result_file="",
        error="",
        worker_id="",
        started_at=None,
        finished_at=None,
        heartbeat_at=None,
        run_after=now,
    )
    job.refresh_from_db()
    if updated != 1:
        raise JobStateError(
            f"ลองใหม่ได้เฉพาะงานที่ล้มเหลวหรือถูกยกเลิก งาน #{job.pk} {job.get_state_display()}",
            f"only failed or cancelled jobs can be retried; job #{job.pk} is {job.state}",
        )
    if jobs_run_inline():
        transaction.on_commit(partial(run_job_now, job.pk))
        if not transaction.get_connection().in_atomic_block:
            job.refresh_from_db()
    logger.info("job %s queued again by hand", job.pk)
    return job


def job_purge(*, older_than: timedelta, now: datetime | None = None) -> int:
    """ล้างงานเก่า · Delete finished jobs (and their files) finished before ``now - older_than``.

    Queued and running jobs are never purged. Returns how many jobs were deleted.
    """
    cutoff = (now or timezone.now()) - older_than
    with transaction.atomic():
        doomed = Job.objects.filter(state__in=FINISHED_STATES, finished_at__lt=cutoff)
        job_ids = list(doomed.values_list("id", flat=True))
        deleted, _ = Job.objects.filter(id__in=job_ids).delete()

        def remove_files() -> None:
            for job_id in job_ids:
                remove_job_directory(job_id)

        transaction.on_commit(remove_files)
    return deleted
