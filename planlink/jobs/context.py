"""``JobContext``: what a running task receives as its ``job`` argument.

Every write the context makes is a conditional ``UPDATE … WHERE id = ? AND
state = 'running' AND worker_id = ? AND attempts = ?``. When it touches no row
the job is no longer ours — someone cancelled it, or the queue gave it to
another worker after this one was presumed dead — and the task is stopped by
raising ``JobCancelled`` or ``JobLost`` from ``progress()``/``check_cancelled()``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from django.db.models import QuerySet
from django.utils import timezone

from planlink.jobs.files import job_output_relative_path, resolve_result_file
from planlink.jobs.models import Job, JobState

DEFAULT_PROGRESS_INTERVAL_SECONDS = 1.0
MESSAGE_MAX_LENGTH = 500


class JobInterrupted(Exception):
    """The task must stop: the job no longer belongs to this run."""


class JobCancelled(JobInterrupted):
    """ผู้ใช้ยกเลิกงาน · Someone cancelled the job while it ran."""


class JobLost(JobInterrupted):
    """The job was handed to another worker (this one was presumed dead)."""


class JobContext:
    """A running job as the task sees it.

    ``attempt`` is 1 on the first start and grows each time a worker restarts
    the job; a resumable task can use it (and its own saved state) to skip work
    an earlier attempt already committed.
    """

    def __init__(
        self,
        *,
        job_id: int,
        worker_id: str,
        attempt: int,
        min_interval_seconds: float = DEFAULT_PROGRESS_INTERVAL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.job_id = job_id
        self.worker_id = worker_id
        self.attempt = attempt
        self.min_interval_seconds = min_interval_seconds
        self.result_file = ""
        self._clock = clock
        self._last_write: float | None = None

    def _owned(self) -> QuerySet[Job]:
        return Job.objects.filter(
            id=self.job_id,
            state=JobState.RUNNING,
            worker_id=self.worker_id,
            attempts=self.attempt,
        )

    def progress(self, percent: int, message: str = "") -> None:
        """Record progress (0–100) and a short Thai message, e.g. "รวมแผนอำเภอ 3/20".

        Writes at most once per ``min_interval_seconds`` (the last call in a
        burst may be skipped; the finished job shows 100 anyway). A write that
        finds the job cancelled or taken over raises ``JobCancelled``/``JobLost``.
        """
        percent = max(0, min(100, int(percent)))
        now = self._clock()
        if (
            self._last_write is not None
            and now - self._last_write < self.min_interval_seconds
            and percent < 100
        ):
            return
        self._last_write = now
        updated = self._owned().update(
            progress=percent,
            message=message[:MESSAGE_MAX_LENGTH],
            heartbeat_at=timezone.now(),
        )
        if updated != 1:
            self._raise_interrupted()

    def check_cancelled(self) -> None:
        """Raise ``JobCancelled`` (or ``JobLost``) if this run should stop now."""
        if not self._owned().exists():
            self._raise_interrupted()

    def output_path(self, filename: str) -> Path:
        """A path under ``DATA_DIR/jobs/<id>/`` to write the result file to.

        The file becomes the job's ``result_file`` when the task succeeds; the
        directory is created. Writing the same name again overwrites it, which
        keeps a restarted task idempotent.
        """
        relative = job_output_relative_path(self.job_id, filename)
        path = resolve_result_file(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.result_file = relative
        return path

    def _raise_interrupted(self) -> None:
        state = Job.objects.filter(id=self.job_id).values_list("state", flat=True).first()
        if state == JobState.CANCELLED:
            raise JobCancelled(f"job {self.job_id} was cancelled")
        raise JobLost(f"job {self.job_id} no longer belongs to worker {self.worker_id}")
