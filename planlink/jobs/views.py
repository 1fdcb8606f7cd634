"""Web endpoints for a job: JSON status, an htmx progress partial, the result file.

Include them with ``path("jobs/", include("planlink.jobs.urls"))`` (namespace
``jobs``). Every view goes through ``planlink.accounts.access.access_job`` (a job
follows the object it was made from): missing and forbidden are both 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from planlink.accounts.access import access_job
from planlink.core.errors import NotFound
from planlink.jobs.files import UnsafeResultPathError, resolve_result_file
from planlink.jobs.models import Job, JobState
from planlink.jobs.selectors import job_status

POLL_SECONDS = 2
# data-state values understood by planlink.css and planlink.js ("done", "failed").
DISPLAY_STATES: dict[str, str] = {JobState.SUCCEEDED: "done", JobState.FAILED: "failed"}


def _job_or_404(request: HttpRequest, job_id: int) -> Job:
    try:
        return access_job(request.user, job_id)
    except NotFound:
        raise Http404("ไม่พบงาน · job not found") from None


@login_required
@require_GET
def job_status_json(request: HttpRequest, job_id: int) -> JsonResponse:
    """GET ``/jobs/<id>/status/`` → ``job_status`` as JSON."""
    job = _job_or_404(request, job_id)
    return JsonResponse(job_status(job), json_dumps_params={"ensure_ascii": False})


@login_required
@require_GET
def job_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    """GET ``/jobs/<id>/progress/`` → the progress-bar partial; it re-polls while active."""
    job = _job_or_404(request, job_id)
    status = job_status(job)
    context = {
        "status": status,
        "active": job.state in (JobState.QUEUED, JobState.RUNNING),
        "display_state": DISPLAY_STATES.get(job.state, job.state),
        "state_label": job.get_state_display(),
        "poll_seconds": POLL_SECONDS,
    }
    return render(request, "jobs/_progress.html", context)


@login_required
@require_GET
def job_result(request: HttpRequest, job_id: int) -> FileResponse:
    """GET ``/jobs/<id>/result/`` → download the succeeded job's result file."""
    job = _job_or_404(request, job_id)
    if job.state != JobState.SUCCEEDED or not job.result_file:
        raise Http404("งานนี้ไม่มีไฟล์ผลลัพธ์ · this job has no result file")
    try:
        path = resolve_result_file(job.result_file)
    except UnsafeResultPathError:
        raise Http404("ไม่พบไฟล์ · file not found") from None
    if not path.is_file():
        raise Http404("ไฟล์ถูกลบไปแล้ว · the file has been removed")
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
