"""Tambon plan reports, Forms 1–3 (รายงานแผนพัฒนาตำบล แบบ ๑–๓), computed from the data.

The CDD guideline of 24 ก.พ. 2566 (``docs/reference/seeds/001``, หมายเหตุ) describes them:

* **แบบที่ ๑** — a registry of the target tambons: the coordinator's name (ผู้ประสานงาน),
  delivery of the tambon plan book to the LAO and to the district, and the quarter in which
  the plan was made.
* **แบบที่ ๒** — the projects of the tambon plan that were put to use (นำไปใช้ประโยชน์):
  name, type (รูปแบบโครงการ), budget, target, duration.
* **แบบที่ ๓** — the projects linked to, or requesting budget from, the LAO: the same
  columns, with the LAO and its decision.

How PlanLink fills them (docs/documents.md):

* target tambons — every tambon of the area (as ``planlink.committees`` counts them);
* coordinator — the ก.บ.ต.'s secretary (กรรมการและเลขานุการ), else the ศอช.ต.'s chair;
* delivered to the district — the date the plan was submitted; to the LAO — the date of the
  first referral of one of its projects to an LAO (the บัญชีประสานโครงการ);
* quarter — the fiscal-year quarter (ไตรมาส, from 1 October) of the submission;
* put to use — carried out by the community itself (ทำเอง/ทำร่วม), or taken up by another
  body (a referral included, merged or funded, or an approved funding request).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Min, QuerySet
from django.utils import timezone

from planlink.areas.models import Area
from planlink.committees.models import CommitteeKind, CommitteeMember, Position
from planlink.core.errors import DomainError
from planlink.core.thai import THAI_MONTHS_SHORT, fiscal_year_be, format_be_date
from planlink.cycles.models import PlanningCycle
from planlink.documents.book_data import MODE_TH, format_quantity, local_date
from planlink.documents.book_parts import LANDSCAPE_WIDTH_CM, spread
from planlink.documents.model import Document, Paragraph, Sheet, Table
from planlink.plans.models import Mode, Plan, PlanKind, PlanState, Project
from planlink.referrals.models import Decision, FundingRequest, FundingStatus, Referral, TargetKind

__all__ = ["FORM_TITLES", "build_tambon_form", "fiscal_quarter", "report_tambons"]

FORM_TITLES = {
    "form1": "ทะเบียนข้อมูลตำบลเป้าหมายตามโครงการบูรณาการแผนชุมชนระดับตำบล",
    "form2": "ทะเบียนข้อมูลการนำโครงการในเล่มแผนชุมชนระดับตำบลไปใช้ประโยชน์ในการบริหารจัดการชุมชน",
    "form3": "ทะเบียนข้อมูลการเชื่อมโยงและประสานแผนชุมชนระดับตำบลกับองค์กรปกครองส่วนท้องถิ่น",
}
FORM_NUMBER = {"form1": "๑", "form2": "๒", "form3": "๓"}
TAKEN_UP = (Decision.INCLUDED, Decision.MERGED, Decision.FUNDED)
LAO_KINDS = (TargetKind.LAO, TargetKind.PAO)
DECISION_TH = dict(Decision.choices)
STATE_TH = dict(PlanState.choices)


def fiscal_quarter(day: datetime.date) -> str:
    """ "ไตรมาสที่ 3/2568 (เม.ย.–มิ.ย.)" — the Thai fiscal year starts on 1 October."""
    quarter = (day.month - 10) % 12 // 3 + 1
    first_month = (quarter - 1) * 3 + 10
    months = [THAI_MONTHS_SHORT[(first_month + offset - 1) % 12] for offset in (0, 2)]
    return f"ไตรมาสที่ {quarter}/{fiscal_year_be(day)} ({months[0]}–{months[1]})"


def report_tambons(area: Area) -> list[Area]:
    if area.level == Area.Level.VILLAGE:
        raise DomainError(
            "รายงานแผนพัฒนาตำบลออกได้ระดับตำบล อำเภอ หรือจังหวัด",
            "tambon reports are by tambon, district or province",
        )
    return list(Area.objects.within(area.code).filter(level=Area.Level.TAMBON).order_by("code"))


def _area_line(area: Area) -> str:
    codes = [area.code[:length] for length in (6, 4, 2) if length <= len(area.code)]
    chain = Area.objects.in_bulk(codes)
    return " ".join(chain[code].display_name for code in codes if code in chain)


def _document(form: str, area: Area, cycle: PlanningCycle, synthetic: bool) -> Document:
    document = Document(
        title=f"รายงานแผนพัฒนาตำบล แบบ {FORM_NUMBER[form]} {_area_line(area)}",
        file_stem=f"{form}-{area.code}-{cycle.fiscal_year}",
        landscape=True,
        synthetic=synthetic,
    )
    document.add(
        Paragraph(f"รายงานแผนพัฒนาตำบล แบบ {FORM_NUMBER[form]}", bold=True, align="right"),
        Paragraph(FORM_TITLES[form], bold=True, align="center"),
        Paragraph(
            f"ประจำปีงบประมาณ พ.ศ. {cycle.fiscal_year} (จัดทำแผนในปี พ.ศ. {cycle.planning_year_be})",
            bold=True,
            align="center",
        ),
        Paragraph(_area_line(area), bold=True, align="center"),
    )
    return document


def build_tambon_form(
    form: str,
    *,
    area: Area,
    cycle: PlanningCycle,
    plans: QuerySet[Plan] | None = None,
    as_of: datetime.date | None = None,
) -> Document:
    """Form 1, 2 or 3 (``form1``/``form2``/``form3``) for the tambons of ``area``.

    ``plans`` is the caller's access-narrowed plan queryset (default: every plan).
    """
    if form not in FORM_TITLES:
        raise DomainError(f"ไม่รู้จักแบบรายงาน '{form}'", f"unknown form '{form}'")
    tambons = report_tambons(area)
    visible = (plans if plans is not None else Plan.objects.all()).filter(
        kind=PlanKind.TAMBON, cycle=cycle, owner_area__in=[tambon.code for tambon in tambons]
    )
    tambon_plans = {str(plan.owner_area_id): plan for plan in visible}
    synthetic = any(plan.synthetic for plan in tambon_plans.values())
    document = _document(form, area, cycle, synthetic)
    builder = {"form1": _form1, "form2": _form2, "form3": _form3}[form]
    builder(document, tambons, tambon_plans)
    document.add(
        Paragraph(
            f"ข้อมูล ณ วันที่ {format_be_date(as_of or timezone.localdate())} "
            "(คำนวณจากข้อมูลในระบบ PlanLink)",
            align="right",
        )
    )
    return document


# ------------------------------------------------------------------------------ Form 1


def _coordinators(codes: Iterable[str]) -> dict[str, str]:
    """ก.บ.ต. secretary, else ศอช.ต. chair, per tambon."""
    preference: dict[tuple[str, str], int] = {
        (CommitteeKind.TAMBON_INTEGRATION, Position.SECRETARY): 0,
        (CommitteeKind.TAMBON_CENTRE, Position.CHAIR): 1,
    }
    short: dict[str, str] = {
        CommitteeKind.TAMBON_INTEGRATION: "ก.บ.ต.",
        CommitteeKind.TAMBON_CENTRE: "ศอช.ต.",
    }
    best: dict[str, tuple[int, str]] = {}
    rows = CommitteeMember.objects.filter(
        committee__scope_code__in=list(codes),
        committee__kind__in=[kind for kind, _ in preference],
        position__in=[position for _, position in preference],
    ).values_list("committee__scope_code", "committee__kind", "position", "full_name")
    for code, kind, position, name in rows.order_by("id"):
        rank = preference.get((kind, position))
        if rank is None or (code in best and best[code][0] <= rank):
            continue
        label = f"{name} ({Position(position).label} {short[kind]})"
        best[code] = (rank, label)
    return {code: label for code, (_, label) in best.items()}


def _form1(document: Document, tambons: list[Area], plans: dict[str, Plan]) -> None:
    coordinators = _coordinators([tambon.code for tambon in tambons])
    to_lao = dict(
        Referral.objects.filter(project__plan__in=list(plans.values()), target_kind__in=LAO_KINDS)
        .values_list("project__plan__owner_area_id")
        .annotate(first=Min("created_at"))
    )
    districts = Area.objects.in_bulk(sorted({tambon.code[:4] for tambon in tambons}))
    rows: list[list[object]] = []
    for number, tambon in enumerate(tambons, start=1):
        plan = plans.get(tambon.code)
        submitted = local_date(plan.submitted_at) if plan else None
        lao_date = local_date(to_lao.get(tambon.code))
        rows.append(
            [
                number,
                tambon.display_name,
                districts[tambon.code[:4]].display_name,
                coordinators.get(tambon.code, "-"),
                lao_date or "-",
                submitted or "-",
                fiscal_quarter(submitted) if submitted else "-",
                STATE_TH[plan.state] if plan else "ยังไม่มีแผน",
            ]
        )
    headers = ["ที่", "ตำบล", "อำเภอ", "ผู้ประสานงาน", "ส่งเล่มแผนให้ อปท.", "ส่งเล่มแผนให้อำเภอ",
               "ไตรมาสที่จัดทำแผน", "สถานะแผน"]  # fmt: skip
    document.add(
        Table(
            headers,
            rows,
            number_columns=frozenset({0}),
            widths_cm=spread([0.9, 2.8, 3.2, 4.6, 3.1, 3.1, 3.6, 1.9], LANDSCAPE_WIDTH_CM),
        ),
        Paragraph(
            f"ตำบลเป้าหมาย {len(tambons):,} ตำบล มีแผนพัฒนาตำบล {len(plans):,} ตำบล "
            f"ส่งเล่มแผนให้อำเภอแล้ว {sum(1 for row in rows if row[5] != '-'):,} ตำบล "
            f"ส่งให้ อปท. แล้ว {sum(1 for row in rows if row[4] != '-'):,} ตำบล"
        ),
    )
    document.sheets = [Sheet("แบบ 1", headers, rows)]


# --------------------------------------------------------------------------- Forms 2, 3

PROJECT_HEADERS = ["ที่", "ตำบล", "ชื่อโครงการ", "รูปแบบโครงการ", "งบประมาณ (บาท)", "เป้าหมาย",
                   "ระยะเวลา (เดือน)"]  # fmt: skip


def _projects(plans: dict[str, Plan]) -> list[Project]:
    return list(
        Project.objects.filter(plan__in=list(plans.values()))
        .select_related("plan__owner_area")
        .order_by("plan__owner_area_id", "issue__order", "priority", "id")
    )


def _project_cells(number: int, project: Project) -> list[object]:
    return [
        number,
        project.plan.owner_area.display_name if project.plan.owner_area else "",
        project.title,
        MODE_TH.get(project.mode, project.mode),
        project.budget,
        format_quantity(project.target_quantity, project.target_unit) or "-",
        project.duration_months,
    ]


def _form2(document: Document, tambons: list[Area], plans: dict[str, Plan]) -> None:
    projects = _projects(plans)
    taken: dict[int, list[str]] = defaultdict(list)
    for project_id, kind, decision, plan_title, lao, agency in (
        Referral.objects.filter(project__in=projects, decision__in=TAKEN_UP)
        .order_by("id")
        .values_list(
            "project_id",
            "target_kind",
            "decision",
            "to_plan__title",
            "to_lao__full_name_th",
            "to_agency__name_th",
        )
    ):
        target = plan_title or lao or agency or TargetKind(kind).label
        taken[project_id].append(f"{target} ({DECISION_TH[decision]})")
    for project_id, year in FundingRequest.objects.filter(
        project__in=projects, status=FundingStatus.APPROVED
    ).values_list("project_id", "fiscal_year"):
        taken[project_id].append(f"ได้รับอนุมัติงบประมาณ ปี {year}")
    rows: list[list[object]] = []
    total = Decimal("0")
    for project in projects:
        uses = list(taken.get(project.pk, []))
        if project.mode in (Mode.SELF, Mode.JOINT):
            uses.insert(0, "ชุมชนดำเนินการเอง" if project.mode == Mode.SELF else "ชุมชนดำเนินการร่วม")
        if uses:
            rows.append([*_project_cells(len(rows) + 1, project), "\n".join(uses)])
            total += project.budget
    headers = [*PROJECT_HEADERS, "การนำไปใช้ประโยชน์"]
    _project_table(document, headers, rows, [0.9, 2.4, 5.6, 2.4, 2.6, 2.4, 1.6, 5.0], total)
    document.add(
        Paragraph(
            f"โครงการในแผนพัฒนาตำบล {len(projects):,} โครงการ นำไปใช้ประโยชน์ {len(rows):,} โครงการ"
        )
    )
    document.sheets = [Sheet("แบบ 2", headers, rows)]


def _form3(document: Document, tambons: list[Area], plans: dict[str, Plan]) -> None:
    projects = {project.pk: project for project in _projects(plans)}
    links: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for project_id, lao, decision in (
        Referral.objects.filter(project_id__in=list(projects), target_kind__in=LAO_KINDS)
        .order_by("id")
        .values_list("project_id", "to_lao__full_name_th", "decision")
    ):
        links[project_id].append((lao, "ประสานโครงการ (บัญชีประสานโครงการ)", DECISION_TH[decision]))
    for project_id, lao, year, status, requested in (
        FundingRequest.objects.filter(project_id__in=list(projects), source_lao__isnull=False)
        .order_by("id")
        .values_list("project_id", "source_lao__full_name_th", "fiscal_year", "status", "requested")
    ):
        links[project_id].append(
            (lao, f"ขอรับงบประมาณ ปี {year} จำนวน {requested:,.2f} บาท", FundingStatus(status).label)
        )
    rows: list[list[object]] = []
    for project_id, project in projects.items():
        for lao, how, result in links.get(project_id, []):
            rows.append([*_project_cells(len(rows) + 1, project), lao, how, result])
    headers = [*PROJECT_HEADERS, "อปท.", "การเชื่อมโยง", "ผลการพิจารณา"]
    total = sum((projects[pk].budget for pk in links), Decimal("0"))
    _project_table(
        document, headers, rows, [0.8, 2.2, 4.6, 2.2, 2.4, 2.2, 1.5, 3.4, 3.6, 2.2], total
    )
    document.add(Paragraph(f"โครงการที่เชื่อมโยงหรือขอรับการสนับสนุนจาก อปท. {len(rows):,} รายการ"))
    document.sheets = [Sheet("แบบ 3", headers, rows)]


def _project_table(
    document: Document,
    headers: list[str],
    rows: list[list[object]],
    weights: list[float],
    total: Decimal,
) -> None:
    """The rows and a รวม row; ``total`` counts each project's budget once."""
    if not rows:
        document.add(Paragraph("- ไม่มีรายการ -", align="center"))
        return
    shown = [
        *rows,
        ["", "รวม", f"{len(rows):,} รายการ", "", total, "", "", *[""] * (len(headers) - 7)],
    ]
    document.add(
        Table(
            [header.replace(" (", "\n(") for header in headers],
            shown,
            number_columns=frozenset({0, 4, 6}),
            bold_rows=frozenset({len(shown) - 1}),
            widths_cm=spread(weights, LANDSCAPE_WIDTH_CM),
        )
    )
