"""The documents a user may download, through the access rules — for commands, API and UI.

Each function takes the acting user, reaches the plan or area through
``planlink.accounts.access`` (missing and forbidden both raise ``NotFound``), builds the
document from the database and returns a :class:`FileOutput`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planlink.accounts.access import access_for, access_plan, can_report_on
from planlink.areas.models import Area
from planlink.core.errors import DomainError, NotFound
from planlink.cycles.models import PlanningCycle
from planlink.documents.model import Document
from planlink.documents.plan_book import build_plan_book
from planlink.documents.render import CONTENT_TYPES, render
from planlink.plans.models import Plan

if TYPE_CHECKING:
    from planlink.core.types import Actor

__all__ = [
    "PLAN_FORMATS",
    "REPORT_FORMATS",
    "REPORT_FORMS",
    "FileOutput",
    "build_report",
    "can_report_on",
    "plan_document",
    "plan_template_download",
    "report_document",
]

PLAN_FORMATS = ("docx", "xlsx", "pdf")
REPORT_FORMATS = ("docx", "xlsx", "pdf")
REPORT_FORMS = ("form1", "form2", "form3", "performance")


@dataclass(frozen=True)
class FileOutput:
    filename: str
    content_type: str
    content: bytes


def _check_format(file_format: str, allowed: tuple[str, ...]) -> None:
    if file_format not in allowed:
        raise DomainError(
            f"ไม่รองรับรูปแบบไฟล์ '{file_format}' (ใช้ {', '.join(allowed)})",
            f"unsupported format '{file_format}' (use {', '.join(allowed)})",
        )


def output(document: Document, file_format: str, *, thai_digits: bool = False) -> FileOutput:
    return FileOutput(
        filename=f"{document.file_stem}.{file_format}",
        content_type=CONTENT_TYPES[file_format],
        content=render(document, file_format, thai_digits=thai_digits),
    )


def plan_document(
    *,
    user: Actor,
    plan_id: int,
    file_format: str,
    thai_digits: bool = False,
    as_of: datetime.date | None = None,
    system: bool = False,
) -> FileOutput:
    """The plan book (เล่มแผน) of a plan the user can read, as .docx, .xlsx or .pdf.

    ``system=True`` (the operator's command line, no user) skips the access check.
    """
    _check_format(file_format, PLAN_FORMATS)
    plan = system_plan(plan_id) if system else access_plan(user, plan_id)
    return output(build_plan_book(plan, as_of=as_of), file_format, thai_digits=thai_digits)


def system_plan(plan_id: int) -> Plan:
    plan = Plan.objects.filter(pk=plan_id).first()
    if plan is None:
        raise NotFound("แผน", "plan")
    return plan


def build_report(
    form: str,
    *,
    user: Actor,
    area_code: str,
    cycle_year: int,
    as_of: datetime.date | None = None,
    system: bool = False,
) -> Document:
    if form not in REPORT_FORMS:
        raise DomainError(
            f"ไม่รู้จักรายงาน '{form}' (ใช้ {', '.join(REPORT_FORMS)})",
            f"unknown report '{form}' (use {', '.join(REPORT_FORMS)})",
        )
    area = Area.objects.filter(code=str(area_code).strip()).first()
    if area is None or not (system or can_report_on(user, area.code)):
        raise NotFound("พื้นที่", "area")
    cycle = PlanningCycle.objects.filter(fiscal_year=cycle_year).first()
    if cycle is None:
        raise NotFound("รอบการวางแผน", "planning cycle")
    if form == "performance":
        from planlink.documents.performance_report import build_performance_report

        return build_performance_report(area, cycle, as_of=as_of)
    from planlink.documents.tambon_forms import build_tambon_form

    plans = Plan.objects.all() if system else access_for(user).plans()
    return build_tambon_form(form, area=area, cycle=cycle, plans=plans, as_of=as_of)


def report_document(
    *,
    user: Actor,
    form: str,
    area_code: str,
    cycle_year: int,
    file_format: str,
    thai_digits: bool = False,
    as_of: datetime.date | None = None,
    system: bool = False,
) -> FileOutput:
    """Tambon Form 1–3 or the district performance report, as .docx, .xlsx or .pdf."""
    _check_format(file_format, REPORT_FORMATS)
    document = build_report(
        form, user=user, area_code=area_code, cycle_year=cycle_year, as_of=as_of, system=system
    )
    return output(document, file_format, thai_digits=thai_digits)


def plan_template_download(
    *, user: Actor, plan_id: int, as_of: datetime.date | None = None, system: bool = False
) -> FileOutput:
    """The Excel template of a plan its owner may change (แบบฟอร์มนำเข้าโครงการ)."""
    from planlink.documents.plan_template import build_plan_template

    plan = system_plan(plan_id) if system else access_plan(user, plan_id, for_write=True)
    return FileOutput(
        filename=f"plan-{plan.pk}-template.xlsx",
        content_type=CONTENT_TYPES["xlsx"],
        content=build_plan_template(plan, as_of=as_of),
    )
