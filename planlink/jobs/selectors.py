"""Reads on the queue: what a page polls, what ``jobs list`` prints."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from planlink.jobs.models import Job, JobState


def job_status(job: Job) -> dict[str, Any]:
    """สถานะงานสำหรับหน้าเว็บ · What a progress bar needs.

    ``{"id", "state", "progress", "message", "result_url", "error"}``:
    ``result_url`` is set only for a succeeded job that has a result file (the
    download view) or whose task returned ``{"url": …}``; ``error`` is only the
    last line of the traceback (the exception and its message), never the whole
    traceback, which stays for administrators in ``Job.error``.
    """
    return {
        "id": job.pk,
        "state": job.state,
        "progress": job.progress,
        "message": job.message,
        "result_url": job_result_url(job),
        "error": job_error_summary(job) if job.state == JobState.FAILED else None,
    }


def job_result_url(job: Job) -> str | None:
    if job.state != JobState.SUCCEEDED:
        return None
    if job.result_file:
        return reverse("jobs:result", kwargs={"job_id": job.pk})
    result_url = (job.result or {}).get("url") if isinstance(job.result, dict) else None
    return result_url if isinstance(result_url, str) and result_url else None


def job_error_summary(job: Job) -> str:
    lines = [line.strip() for line in job.error.splitlines() if line.strip()]
    return lines[-1] if lines else job.message


def job_list(
    *, state: str | None = None, kind: str | None = None, limit: int = 50
) -> QuerySet[Job]:
    """Newest first, optionally one state or kind; at most ``limit`` rows."""
    jobs = Job.objects.all().order_by("-created_at", "-id")
    if state:
        jobs = jobs.filter(state=state)
    if kind:
        jobs = jobs.filter(kind=kind)
    return jobs[:limit]


def job_as_dict(job: Job) -> dict[str, Any]:
    """Every field, JSON-ready, for ``jobs list --json``."""
    return {
        "id": job.pk,
        "kind": job.kind,
        "state": job.state,
        "progress": job.progress,
        "message": job.message,
        "arguments": job.arguments,
        "result": job.result,
        "result_file": job.result_file or None,
        "error": job.error or None,
        "attempts": job.attempts,
        "max_attempts": job.max_attempts,
        "created_by_id": job.created_by_id,
        "scope_code": job.scope_code,
        "worker_id": job.worker_id or None,
        "created_at": _iso(job.created_at),
        "started_at": _iso(job.started_at),
        "finished_at": _iso(job.finished_at),
        "heartbeat_at": _iso(job.heartbeat_at),
        "run_after": _iso(job.run_after),
    }


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None
