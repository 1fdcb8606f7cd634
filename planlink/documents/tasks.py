"""Background jobs for documents: a provincial plan book's PDF can take a minute."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from planlink.documents.services import plan_document
from planlink.jobs.context import JobContext
from planlink.jobs.registry import task


@task("documents.plan_book", title="สร้างเล่มแผน · Plan book")
def plan_book(job: JobContext, *, plan_id: int, file_format: str, user_id: int) -> dict[str, Any]:
    user = get_user_model().objects.get(pk=user_id)
    job.progress(5, "กำลังสร้างเอกสาร · rendering")
    document = plan_document(user=user, plan_id=plan_id, file_format=file_format)
    path = job.output_path(document.filename)
    path.write_bytes(document.content)
    return {"filename": document.filename, "bytes": len(document.content)}
