"""Background jobs: a job and its result file are read by who may read what it was made from.

A job is made from an object — a plan (``arguments["plan_id"]``: the plan book) or an
area (``arguments["area_code"]``, else ``scope_code``: a consolidation run). Its status,
progress and result file are readable by the user who started it, a superuser, and
anyone who reads that object: the plan through ``Access.plans()``, the area through
``Access.covers_area`` (the area is the user's own or lies below it). Someone whose area
lies *below* the job's area reads nothing of it (issue 11: before, a village committee
could walk the sequential ids of its district's jobs). A job that names no object is its
creator's only. Missing and forbidden look the same: ``NotFound``.
"""

from __future__ import annotations

from typing import Any

from planlink.accounts.access.core import access_for
from planlink.core.errors import NotFound
from planlink.jobs.models import Job


def can_read_job_source(user: Any, job: Job) -> bool:
    """May ``user`` read the object the job was made from?"""
    access = access_for(user)
    arguments = job.arguments if isinstance(job.arguments, dict) else {}
    plan_id = arguments.get("plan_id")
    if plan_id is not None:
        try:
            return access.plans().filter(pk=int(plan_id)).exists()
        except (TypeError, ValueError):
            return False
    area_code = str(arguments.get("area_code") or job.scope_code or "")
    return bool(area_code) and access.covers_area(area_code)


def access_job(user: Any, job_id: int) -> Job:
    """The job if ``user`` may follow it and download its result; ``NotFound`` otherwise."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise NotFound("งาน", "job")
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        raise NotFound("งาน", "job")
    if getattr(user, "is_superuser", False) or (
        job.created_by_id is not None and job.created_by_id == user.pk
    ):
        return job
    if can_read_job_source(user, job):
        return job
    raise NotFound("งาน", "job")
