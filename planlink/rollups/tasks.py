"""Background job: rebuild a cycle's roll-ups (resumable: a retried job skips provinces done)."""

from __future__ import annotations

from typing import Any

from planlink.jobs.context import JobContext
from planlink.jobs.registry import task
from planlink.rollups.fill import refresh_province
from planlink.rollups.services import rollups_rebuild


@task("rollups.rebuild", title="คำนวณตารางสรุปผลใหม่ · Rebuild roll-ups")
def rollups_rebuild_job(
    job: JobContext, *, fiscal_year: int, area_code: str = "", fresh: bool = False
) -> dict[str, Any]:
    def report(done: int, total: int, code: str) -> None:
        job.progress(int(done * 100 / max(total, 1)), f"{done:,}/{total:,} ({code})")

    return rollups_rebuild(
        cycle_id=fiscal_year, area_code=area_code, resume=not fresh, progress=report
    )


@task("rollups.refresh", title="ปรับตารางสรุปผลรายจังหวัด · Refresh roll-ups of provinces")
def rollups_refresh_job(
    job: JobContext, *, fiscal_year: int, provinces: list[str]
) -> dict[str, Any]:
    """After an import that touched many provinces (idempotent: a retry refreshes again)."""
    for index, province in enumerate(provinces, start=1):
        refresh_province(fiscal_year, province)
        job.progress(
            int(index * 100 / len(provinces)), f"{index:,}/{len(provinces):,} ({province or '-'})"
        )
    return {"cycle": fiscal_year, "provinces": len(provinces)}
