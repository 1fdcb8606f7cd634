"""``/documents`` — plan books, tambon forms, the performance report, project lists as Excel,
plan templates and template uploads, under the same access rules as everything else.

Files come back as attachments (``Content-Disposition``); refusals are the API's JSON error
body. A refused upload answers 422 with ``details.problems``: one ``{row, column, header,
problem}`` per problem, in Thai, and nothing imported.
"""

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from pydantic import Field

from planlink.api.auth import caller
from planlink.api.filters import ProjectFilters
from planlink.api.schemas import ERRORS
from planlink.core.errors import DomainError
from planlink.documents.export import export_projects_xlsx
from planlink.documents.imports import import_plan_template
from planlink.documents.render import CONTENT_TYPES
from planlink.documents.services import (
    FileOutput,
    plan_document,
    plan_template_download,
    report_document,
)

router = Router()

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


@router.get(
    "/plans/{int:plan_id}.{file_format}",
    response=ERRORS,
    summary="Plan book (เล่มแผน) as .docx, .xlsx or .pdf",
    openapi_extra=_binary("docx", "xlsx", "pdf"),
)
def plan_book(
    request: HttpRequest,
    plan_id: int,
    file_format: Literal["docx", "xlsx", "pdf"],
    thai_digits: bool = Query(False, description="เลขไทย in numbers and dates"),
):
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
    response=ERRORS,
    summary="The project list of GET /projects, with the same filters, as Excel",
    openapi_extra=_binary("xlsx"),
)
def projects_xlsx(request: HttpRequest, filters: Query[ProjectFilters]):
    content = export_projects_xlsx(filters, user=caller(request))
    return attachment(FileOutput("projects.xlsx", CONTENT_TYPES["xlsx"], content))


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
    result = import_plan_template(user=caller(request), source=file.file, plan_id=plan)
    return {**result.as_dict(), "message_th": result.summary_th}
