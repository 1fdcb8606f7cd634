"""Background jobs for documents: a big plan's PDF and a long project list take a while.

Both write their file under the job's directory; the web job page and the API
(``GET /api/v1/documents/jobs/{id}``) show progress and hand out the file.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from planlink.documents.export import export_projects_xlsx
from planlink.documents.services import plan_document
from planlink.jobs.context import JobContext
from planlink.jobs.registry import task


@task("documents.plan_book", title="สร้างเล่มแผน · Plan book")
def plan_book(
    job: JobContext, *, plan_id: int, file_format: str, user_id: int, thai_digits: bool = False
) -> dict[str, Any]:
    user = get_user_model().objects.get(pk=user_id)
    job.progress(5, "กำลังสร้างเอกสาร · rendering")
    document = plan_document(
        user=user, plan_id=plan_id, file_format=file_format, thai_digits=thai_digits
    )
    job.progress(95, "กำลังบันทึกไฟล์ · saving")
    path = job.output_path(document.filename)
    path.write_bytes(document.content)
    return {"filename": document.filename, "bytes": len(document.content)}


@task("documents.projects_xlsx", title="รายการโครงการเป็น Excel · Project list as Excel")
def projects_xlsx(job: JobContext, *, filters: dict[str, Any], user_id: int) -> dict[str, Any]:
    """The project list of ``GET /api/v1/projects`` with ``filters``, as the user may read it."""
    user = get_user_model().objects.get(pk=user_id)
    job.progress(5, "กำลังอ่านรายการโครงการ · reading the projects")
    content = export_projects_xlsx(filters, user=user)
    job.progress(95, "กำลังบันทึกไฟล์ · saving")
    path = job.output_path("projects.xlsx")
    path.write_bytes(content)
    return {"filename": "projects.xlsx", "bytes": len(content)}
