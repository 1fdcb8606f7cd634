"""The plan's documents page: plan book downloads, Excel export, template and upload."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts.access import access_for, access_plan
from planlink.core.errors import DomainError
from planlink.documents.export import export_projects_xlsx
from planlink.documents.imports import TemplateImportError, import_plan_template
from planlink.documents.services import FileOutput, plan_document, plan_template_download
from planlink.jobs.services import enqueue
from planlink.web.views.common import domain_view, page

FORMATS = ("docx", "xlsx", "pdf")


def _download(output: FileOutput) -> HttpResponse:
    response = HttpResponse(output.content, content_type=output.content_type)
    response["Content-Disposition"] = f'attachment; filename="{output.filename}"'
    return response


def _context(request: HttpRequest, plan_id: int, **extra: Any) -> dict[str, Any]:
    plan = access_plan(request.user, plan_id)
    access = access_for(request.user)
    return {"plan": plan, "can_edit": access.can_edit_plan(plan), **extra}


@domain_view
def plan_documents(request: HttpRequest, plan_id: int) -> HttpResponse:
    return page(request, "web/plan_documents.html", **_context(request, plan_id))


@domain_view
def plan_book(request: HttpRequest, plan_id: int, file_format: str) -> HttpResponse:
    if file_format not in FORMATS:
        return redirect("plan_documents", plan_id=plan_id)
    if file_format == "pdf":
        # A big plan's PDF takes tens of seconds: never on a request thread (issue 14); the
        # documents page makes it as a job with progress.
        plan = access_plan(request.user, plan_id)
        if plan.projects.count() > settings.PLANLINK_PDF_SYNC_PROJECTS:
            messages.info(
                request,
                _("แผนนี้มีโครงการมาก: กด “สร้างและดาวน์โหลด PDF” เพื่อสร้างเป็นงานเบื้องหลังและดูความคืบหน้า"),
            )
            return redirect("plan_documents", plan_id=plan_id)
    return _download(plan_document(user=request.user, plan_id=plan_id, file_format=file_format))


@require_POST
@domain_view
def plan_book_job(request: HttpRequest, plan_id: int) -> HttpResponse:
    """A PDF of a big plan runs in the background; the job page shows progress and the file."""
    plan = access_plan(request.user, plan_id)
    job = enqueue(
        "documents.plan_book",
        arguments={"plan_id": plan.pk, "file_format": "pdf", "user_id": request.user.pk},
        created_by=request.user,
        scope_code=plan.scope_code,
    )
    return redirect("job", job_id=job.pk)


@domain_view
def plan_projects_xlsx(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    content = export_projects_xlsx({"plan": plan.pk}, user=request.user, title=plan.title[:120])
    return _download(
        FileOutput(
            filename=f"plan-{plan.pk}-projects.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            content=content,
        )
    )


@domain_view
def plan_template(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _download(plan_template_download(user=request.user, plan_id=plan_id))


@require_POST
@domain_view
def plan_import(request: HttpRequest, plan_id: int) -> HttpResponse:
    upload = request.FILES.get("file")
    if upload is None:
        return page(
            request,
            "web/plan_documents.html",
            status=400,
            **_context(request, plan_id, error="โปรดเลือกไฟล์ Excel ที่กรอกแล้ว"),
        )
    try:
        source = io.BytesIO(upload.read())
        result = import_plan_template(user=request.user, source=source, plan_id=plan_id)
    except TemplateImportError as error:
        return page(
            request,
            "web/plan_documents.html",
            status=422,
            **_context(
                request,
                plan_id,
                error=error.message_th,
                problems=error.problems[:100],
                problem_count=len(error.problems),
            ),
        )
    except DomainError as error:
        if error.status == 404:
            raise
        return page(
            request,
            "web/plan_documents.html",
            status=error.status,
            **_context(request, plan_id, error=error.message_th),
        )
    return page(
        request, "web/plan_documents.html", **_context(request, plan_id, imported=result.as_dict())
    )
