"""Excel export of any project list, with the filters the API and the UI use.

``export_projects_xlsx({"cycle": 2570, "area": "2401"}, user=user)`` writes exactly the
projects ``GET /api/v1/projects?cycle=2570&area=2401`` lists for that user: the filters
are applied by ``planlink.plans.selectors.filter_projects`` to
``access_for(user).projects()``. A page that already holds a queryset passes it instead.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone

from planlink.accounts.access import access_for
from planlink.core.thai import format_be_date
from planlink.documents.book_data import CAPACITY_TH, MODE_TH
from planlink.documents.lineage_summary import owner_label
from planlink.documents.model import Document, Paragraph, Sheet
from planlink.documents.render import to_xlsx
from planlink.documents.xlsx_thai import BAHT_FORMAT, INTEGER_FORMAT
from planlink.plans.models import Project
from planlink.plans.selectors import ProjectFilters, ProjectFilterValues, filter_projects
from planlink.referrals.lineage import FATE_LABELS, outcomes_for

if TYPE_CHECKING:
    from planlink.core.types import Actor

__all__ = ["EXPORT_HEADERS", "export_projects_xlsx", "filtered_projects", "project_filters"]

EXPORT_HEADERS = [
    "รหัสโครงการ", "ปีงบประมาณ", "รหัสแผน", "แผน", "ประเภทแผน", "สถานะแผน", "รหัสพื้นที่",
    "เจ้าของแผน", "ชื่อโครงการ", "ประเด็น", "ยุทธศาสตร์", "ลำดับความสำคัญ", "วิธีดำเนินการ",
    "ระดับขีดความสามารถ", "งบประมาณ (บาท)", "จำนวนเป้าหมาย", "หน่วยนับ", "ระยะเวลา (เดือน)",
    "ผลการส่งต่อ", "ข้อมูลสังเคราะห์",
]  # fmt: skip
FORMATS: dict[str | int, str] = {
    "รหัสโครงการ": "0",
    "ปีงบประมาณ": "0",
    "รหัสแผน": "0",
    "ลำดับความสำคัญ": INTEGER_FORMAT,
    "งบประมาณ (บาท)": BAHT_FORMAT,
    "จำนวนเป้าหมาย": "#,##0.##",
    "ระยะเวลา (เดือน)": INTEGER_FORMAT,
}
FILTER_LABELS = {"cycle": "ปีงบประมาณ", "area": "พื้นที่", "level": "ระดับ", "kind": "ประเภทแผน",
                 "state": "สถานะ", "issue": "ประเด็น", "plan": "แผน"}  # fmt: skip
FilterSource = ProjectFilters | ProjectFilterValues | Mapping[str, Any]


def project_filters(values: FilterSource) -> ProjectFilters:
    """The project list's filters from a mapping (unknown names refused, blanks dropped),
    or from the API's query schema."""
    return ProjectFilters.of(values)


def filtered_projects(
    user: Actor, filters: FilterSource, *, system: bool = False
) -> QuerySet[Project]:
    """The projects the user may read, narrowed by the project list's filters.

    ``system=True`` (the operator's command line, no user) starts from every project.
    """
    start = Project.objects.all() if system else access_for(user).projects()
    return filter_projects(start, project_filters(filters))


def export_projects_xlsx(
    source: QuerySet[Project] | FilterSource,
    *,
    user: Actor = None,
    title: str = "รายการโครงการ",
    as_of: datetime.date | None = None,
) -> bytes:
    """An .xlsx of the projects: Thai headers, baht as ``#,##0.00``, the header row frozen.

    ``source`` is the filter set of ``GET /api/v1/projects`` (a mapping, the domain's
    ``ProjectFilters`` or the API's query schema), applied to what ``user`` may read; or a project queryset the
    caller already narrowed (with ``user`` given, it is narrowed to what they may read too).
    """
    filters_used: dict[str, Any] = {}
    if isinstance(source, QuerySet):
        projects = source
        if user is not None:
            projects = projects.filter(pk__in=access_for(user).projects().values("pk"))
    else:
        if user is None:
            raise ValueError("export_projects_xlsx needs the user to apply filters for")
        filters = project_filters(source)
        filters_used = filters.used()
        projects = filtered_projects(user, filters)
    projects = projects.select_related(
        "plan__owner_area",
        "plan__owner_lao",
        "plan__owner_agency",
        "plan__owner_cluster",
        "issue__strategy",
        "strategy",
    ).order_by("plan__cycle_id", "plan__scope_code", "plan_id", "issue__order", "priority", "id")
    items = list(projects)
    fates = outcomes_for([project.pk for project in items])
    rows = []
    for project in items:
        plan = project.plan
        issue = project.issue
        strategy = project.strategy or (issue.strategy if issue is not None else None)
        rows.append(
            [
                project.pk,
                plan.cycle_id,
                plan.pk,
                plan.title,
                plan.get_kind_display(),
                plan.get_state_display(),
                plan.scope_code,
                owner_label(plan),
                project.title,
                issue.name_th if issue is not None else "",
                f"{strategy.number} {strategy.name_th}" if strategy else "",
                project.priority,
                MODE_TH.get(project.mode, project.mode),
                CAPACITY_TH.get(project.capacity_level, project.capacity_level),
                project.budget,
                project.target_quantity,
                project.target_unit,
                project.duration_months,
                FATE_LABELS[fates.get(project.pk, "not_sent")][0],
                "ใช่" if plan.synthetic else "",
            ]
        )
    document = Document(
        title=title,
        file_stem="projects",
        synthetic=any(project.plan.synthetic for project in items),
    )
    document.add(
        Paragraph(title, bold=True),
        Paragraph(
            "ตัวกรอง: "
            + (
                ", ".join(f"{FILTER_LABELS[k]} {v}" for k, v in filters_used.items())
                or "ทั้งหมดที่มีสิทธิ์เห็น"
            )
        ),
        Paragraph(f"จำนวน {len(rows):,} โครงการ"),
        Paragraph(f"ข้อมูล ณ วันที่ {format_be_date(as_of or timezone.localdate())}"),
    )
    document.sheets = [Sheet("โครงการ", EXPORT_HEADERS, rows, FORMATS)]
    return to_xlsx(document)
