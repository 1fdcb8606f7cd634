"""``/documents`` — plan books, tambon forms, the performance report, project lists as Excel,
plan templates and template uploads, under the same access rules as everything else.

Files come back as attachments (``Content-Disposition``); refusals are the API's JSON error
body. A refused upload answers 422 with ``details.problems``: one ``{row, column, header,
problem}`` per problem, in Thai, and nothing imported.

Bounded work: a project list longer than ``PLANLINK_EXPORT_SYNC_ROWS`` rows, and the PDF of a
plan with more than ``PLANLINK_PDF_SYNC_PROJECTS`` projects (or any call with
``?background=true``), answers **202** with a job instead of the file; poll
``GET /documents/jobs/{id}`` until ``state`` is ``succeeded``, then download ``file_url``.
Generating files has its own throttle (``PLANLINK_API_RATE_DOCUMENTS``).
"""

import datetime as dt
from typing import Any, Literal

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status
from pydantic import Field

from planlink.accounts.access import access_job, access_plan
from planlink.api.auth import caller
from planlink.api.filters import ProjectFilters
from planlink.api.schemas import ERRORS, ObjectId
from planlink.api.throttles import documents_throttles
from planlink.core.errors import DomainError, NotFound, StateError
from planlink.documents.export import export_projects_xlsx, filtered_projects, project_filters
from planlink.documents.imports import import_plan_template
from planlink.documents.render import CONTENT_TYPES
from planlink.documents.services import (
    FileOutput,
    plan_document,
    plan_template_download,
    report_document,
)
from planlink.jobs.files import UnsafeResultPathError, resolve_result_file
from planlink.jobs.models import Job, JobState
from planlink.jobs.selectors import job_error_summary
from planlink.jobs.services import enqueue

router = Router(throttle=documents_throttles())

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _binary(*types: str) -> dict:
    return {
        "responses": {
            200: {
                "description": "the file, as an attachment",
                "content": {
                    CONTENT_TYPES[name]: {"schema": {"type": "string", "format": "binary"}}
                    for name in types
                },
            }
        }
    }


def attachment(output: FileOutput) -> HttpResponse:
    response = HttpResponse(output.content, content_type=output.content_type)
    response["Content-Disposition"] = f'attachment; filename="{output.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class JobOut(Schema):
    """A file being made in the background: poll ``status_url``, then fetch ``file_url``."""

    id: int
    kind: str
    state: str = Field(description="queued | running | succeeded | failed | cancelled")
    progress: int = Field(description="0–100")
    message: str
    status_url: str
    file_url: str | None = Field(description="set once the job succeeded")
    error: str | None = None
    created_at: dt.datetime
    finished_at: dt.datetime | None

    @staticmethod
    def resolve_status_url(job: Job) -> str:
        return reverse("api-v1:document_job", kwargs={"job_id": job.pk})

    @staticmethod
    def resolve_file_url(job: Job) -> str | None:
        if job.state != JobState.SUCCEEDED or not job.result_file:
            return None
        return reverse("api-v1:document_job_file", kwargs={"job_id": job.pk})

    @staticmethod
    def resolve_error(job: Job) -> str | None:
        return job_error_summary(job) if job.state == JobState.FAILED else None


ACCEPTED = {202: JobOut}


def _queued(request: HttpRequest, kind: str, arguments: dict[str, Any], scope_code: str) -> Status:
    user = caller(request)
    job = enqueue(
        kind, arguments={**arguments, "user_id": user.pk}, created_by=user, scope_code=scope_code
    )
    job.refresh_from_db()
    return Status(202, job)


@router.get(
    "/plans/{int:plan_id}.{file_format}",
    response={**ACCEPTED, **ERRORS},
    summary="Plan book (เล่มแผน) as .docx, .xlsx or .pdf (a big plan's PDF: 202 and a job)",
    openapi_extra=_binary("docx", "xlsx", "pdf"),
)
def plan_book(
    request: HttpRequest,
    plan_id: int,
    file_format: Literal["docx", "xlsx", "pdf"],
    thai_digits: bool = Query(False, description="เลขไทย in numbers and dates"),
    background: bool = Query(False, description="make the file in the background (202, a job)"),
):
    if file_format == "pdf":
        plan = access_plan(caller(request), plan_id)
        if background or plan.projects.count() > settings.PLANLINK_PDF_SYNC_PROJECTS:
            arguments = {"plan_id": plan.pk, "file_format": "pdf", "thai_digits": thai_digits}
            return _queued(request, "documents.plan_book", arguments, plan.scope_code)
    return attachment(
        plan_document(
            user=caller(request), plan_id=plan_id, file_format=file_format, thai_digits=thai_digits
        )
    )


@router.get(
    "/reports/{form}",
    response=ERRORS,
    summary="Tambon Forms 1–3 or the district performance report",
    openapi_extra=_binary("docx", "xlsx", "pdf"),
)
def report(
    request: HttpRequest,
    form: Literal["form1", "form2", "form3", "performance"],
    area: str = Query(
        ..., pattern=r"^[0-9]{2,8}$", description="area code (district for performance)"
    ),
    cycle: int = Query(..., description="fiscal year B.E., e.g. 2570"),
    format: Literal["docx", "xlsx", "pdf"] = Query("docx"),  # noqa: A002 - the public name
    thai_digits: bool = Query(False),
):
    return attachment(
        report_document(
            user=caller(request),
            form=form,
            area_code=area,
            cycle_year=cycle,
            file_format=format,
            thai_digits=thai_digits,
        )
    )


@router.get(
    "/projects.xlsx",
    response={**ACCEPTED, **ERRORS},
    summary="The project list of GET /projects, with the same filters, as Excel (long: 202, a job)",
    openapi_extra=_binary("xlsx"),
)
def projects_xlsx(
    request: HttpRequest,
    filters: Query[ProjectFilters],
    background: bool = Query(False, description="make the file in the background (202, a job)"),
):
    user = caller(request)
    rows = filtered_projects(user, filters).count()
    if background or rows > settings.PLANLINK_EXPORT_SYNC_ROWS:
        used = project_filters(filters).used()
        return _queued(
            request, "documents.projects_xlsx", {"filters": used}, str(used.get("area") or "")
        )
    content = export_projects_xlsx(filters, user=user)
    return attachment(FileOutput("projects.xlsx", CONTENT_TYPES["xlsx"], content))


def _job(request: HttpRequest, job_id: int) -> Job:
    job = access_job(caller(request), job_id)
    if not job.kind.startswith("documents."):
        raise NotFound("งาน", "job")
    return job


@router.get(
    "/jobs/{job_id}",
    response={200: JobOut, **ERRORS},
    url_name="document_job",
    summary="A file being made in the background: state, progress, and the file once done",
)
def document_job(request: HttpRequest, job_id: ObjectId) -> Job:
    return _job(request, job_id)


@router.get(
    "/jobs/{job_id}/file",
    response=ERRORS,
    url_name="document_job_file",
    summary="The file a succeeded job made",
    openapi_extra=_binary("docx", "xlsx", "pdf"),
)
def document_job_file(request: HttpRequest, job_id: ObjectId):
    job = _job(request, job_id)
    if job.state != JobState.SUCCEEDED or not job.result_file:
        raise StateError("งานนี้ยังไม่เสร็จหรือไม่มีไฟล์", "the job has not succeeded or made no file")
    try:
        path = resolve_result_file(job.result_file)
    except UnsafeResultPathError:
        raise NotFound("ไฟล์", "file") from None
    if not path.is_file():
        raise NotFound("ไฟล์", "file")
    response = FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
    response["Cache-Control"] = "private, no-store"
    return response


@router.get(
    "/templates/plans/{int:plan_id}.xlsx",
    response=ERRORS,
    summary="The Excel template of a plan you may change",
    openapi_extra=_binary("xlsx"),
)
def plan_template(request: HttpRequest, plan_id: int):
    return attachment(plan_template_download(user=caller(request), plan_id=plan_id))


class ImportOut(Schema):
    plan_id: int
    created: int
    updated: int
    unchanged: int
    project_ids: list[int]
    message_th: str = Field(description="นำเข้าแล้ว: เพิ่ม… แก้ไข… ไม่เปลี่ยนแปลง…")


@router.post(
    "/imports/plans",
    response={200: ImportOut, **ERRORS},
    summary="Upload a filled plan template: every row checked, all imported or none",
)
def import_plan(
    request: HttpRequest,
    file: File[UploadedFile],
    plan: int | None = Form(None, description="the plan this upload is for (refuses others)"),
):
    if file.size and file.size > MAX_UPLOAD_BYTES:
        raise DomainError("ไฟล์ใหญ่เกิน 10 MB", "the file is larger than 10 MB")
    if file.file is None:
        raise DomainError("โปรดเลือกไฟล์ Excel ที่กรอกแล้ว", "no file was uploaded")
    result = import_plan_template(user=caller(request), source=file.file, plan_id=plan)
    return {**result.as_dict(), "message_th": result.summary_th}
