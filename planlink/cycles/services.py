"""Create planning cycles with the calendar of the 2559 circular, and find who is late.

Calendar months from the 2559 circular (docs/reference/seeds/ and docs/reference/PROCESS.md "The yearly
calendar"): plans made in calendar year N feed fiscal year N+2. Every year's
circular may move the dates, so each cycle's milestones are editable data.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from planlink.areas.models import Area, LocalGovernment
from planlink.audit.services import audit_record
from planlink.core.errors import DomainError
from planlink.cycles.models import Milestone, PlanLevel, PlanningCycle

if TYPE_CHECKING:
    from planlink.core.types import Actor

# (step, title_th, title_en, level, body, plan_kind, start (year offset, month), end (offset, month))
# Year offset 0 = the planning year N (Gregorian year = fiscal year B.E. - 543 - 2).
CALENDAR_2559: list[tuple[str, str, str, str, str, str, tuple[int, int], tuple[int, int]]] = [
    (
        "village_plan",
        "หมู่บ้าน/ชุมชนทบทวนแผนชุมชน ส่งอำเภอ ศอช.ต. และ อปท.",
        "Villages review their plans and send them to the district, the tambon centre and the LAO",
        PlanLevel.VILLAGE,
        "คณะกรรมการหมู่บ้าน (กม.)",
        "village",
        (0, 1),
        (0, 2),
    ),
    (
        "tambon_plan",
        "ศอช.ต. บูรณาการแผนชุมชนเป็นแผนพัฒนาตำบล ส่งอำเภอและ อปท.",
        "The tambon centre merges village plans into the tambon plan and sends it to the district and LAO",
        PlanLevel.TAMBON,
        "ศอช.ต./ก.บ.ต.",
        "tambon",
        (0, 3),
        (0, 4),
    ),
    (
        "local_development_plan",
        "อปท. จัดทำ/ทบทวนแผนพัฒนาท้องถิ่น",
        "LAOs make or review their local development plans",
        PlanLevel.LAO,
        "อปท.",
        "local_development",
        (0, 3),
        (0, 6),
    ),
    (
        "district_development_plan",
        "อำเภอจัดทำแผนพัฒนาอำเภอและแผนความต้องการระดับอำเภอ",
        "The district makes its development plan and needs plan",
        PlanLevel.DISTRICT,
        "กบอ./อ.ก.อ.",
        "district_development",
        (0, 4),
        (0, 5),
    ),
    (
        "district_needs_plan",
        "อำเภอส่งแผนความต้องการระดับอำเภอให้จังหวัด; คณะกรรมการประสานแผนท้องถิ่นระดับอำเภอส่งโครงการเกินศักยภาพ อปท.",
        "The district sends its needs plan to the province; the district LAO-plan committee sends beyond-capacity projects",
        PlanLevel.DISTRICT,
        "ที่ทำการปกครองอำเภอ",
        "district_needs",
        (0, 7),
        (0, 7),
    ),
    (
        "provincial_plan",
        "จังหวัดบูรณาการแผนความต้องการระดับอำเภอเข้าแผนพัฒนาจังหวัดและแผนปฏิบัติราชการประจำปี",
        "The province merges district needs plans into its development and annual action plans",
        PlanLevel.PROVINCE,
        "ก.บ.จ.",
        "provincial_development",
        (0, 7),
        (0, 9),
    ),
    (
        "agency_referral",
        "จังหวัดส่งโครงการเกินศักยภาพให้ส่วนราชการจัดทำคำของบประมาณ",
        "The province sends beyond-capacity projects to line agencies for their budget requests",
        PlanLevel.PROVINCE,
        "ก.บ.จ.",
        "",
        (0, 10),
        (0, 10),
    ),
    (
        "agency_notice",
        "ส่วนราชการแจ้งโครงการที่ได้รับงบประมาณในพื้นที่ (ภายใน 30 วันหลัง พ.ร.บ. งบประมาณ)",
        "Agencies notify the province of funded projects (within 30 days of the budget act)",
        PlanLevel.AGENCY,
        "ส่วนราชการ",
        "",
        (1, 10),
        (1, 10),
    ),
    (
        "district_action_plan",
        "อำเภอจัดทำแผนปฏิบัติการประจำปีของอำเภอ",
        "The district compiles its annual action plan of funded projects",
        PlanLevel.DISTRICT,
        "ที่ทำการปกครองอำเภอ",
        "district_action",
        (1, 11),
        (1, 11),
    ),
]


def gregorian_planning_year(fiscal_year_be: int) -> int:
    return fiscal_year_be - 543 - 2


@transaction.atomic
def cycle_create(
    *, fiscal_year: int, actor: Actor = None, synthetic: bool = False
) -> PlanningCycle:
    """Create a cycle (idempotent) with the 2559 circular's calendar as its first draft."""
    if not 2500 <= fiscal_year <= 2700:
        raise DomainError(
            f"ปีงบประมาณ {fiscal_year} ต้องเป็น พ.ศ. (เช่น 2570)",
            f"fiscal year {fiscal_year} must be B.E.",
        )
    cycle, created = PlanningCycle.objects.get_or_create(
        fiscal_year=fiscal_year,
        defaults={"name_th": f"ปีงบประมาณ พ.ศ. {fiscal_year}", "synthetic": synthetic},
    )
    if not created:
        return cycle
    base = gregorian_planning_year(fiscal_year)
    for order, (step, title_th, title_en, level, body, kind, start, end) in enumerate(
        CALENDAR_2559
    ):
        start_date = dt.date(base + start[0], start[1], 1)
        last_day = calendar.monthrange(base + end[0], end[1])[1]
        Milestone.objects.create(
            cycle=cycle,
            step=step,
            title_th=title_th,
            title_en=title_en,
            level=level,
            responsible_body=body,
            plan_kind=kind,
            start=start_date,
            deadline=dt.date(base + end[0], end[1], last_day),
            order=order,
        )
    audit_record(
        actor=actor, action="cycle.create", obj=cycle, changes={"fiscal_year": fiscal_year}
    )
    return cycle


@transaction.atomic
def milestone_update(
    *, milestone: Milestone, actor: Actor, start: dt.date, deadline: dt.date
) -> Milestone:
    if start > deadline:
        raise DomainError("วันเริ่มต้องไม่หลังวันครบกำหนด", "the start must not be after the deadline")
    changes = {"start": [milestone.start, start], "deadline": [milestone.deadline, deadline]}
    milestone.start, milestone.deadline = start, deadline
    milestone.save(update_fields=["start", "deadline"])
    audit_record(actor=actor, action="milestone.update", obj=milestone, changes=changes)
    return milestone


@dataclass(frozen=True)
class LateUnit:
    code: str
    name: str
    plan_id: int | None
    state: str
    days_late: int
    submitted_late: bool

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def late_units(*, milestone: Milestone, scope_code: str = "", today: dt.date) -> list[LateUnit]:
    """Every unit in scope whose plan for the milestone was not submitted by its deadline.

    Units are the areas of the milestone's level (villages, tambons, districts,
    provinces) or the LAOs, inside ``scope_code``. A plan submitted after the
    deadline is listed as ``submitted_late``. Nothing is late before the deadline.
    """
    from planlink.plans.models import Plan, PlanState

    if not milestone.plan_kind:
        return []
    level_to_area: dict[str, str] = {
        PlanLevel.VILLAGE: Area.Level.VILLAGE,
        PlanLevel.TAMBON: Area.Level.TAMBON,
        PlanLevel.DISTRICT: Area.Level.DISTRICT,
        PlanLevel.PROVINCE: Area.Level.PROVINCE,
    }
    plans = Plan.objects.filter(cycle_id=milestone.cycle_id, kind=milestone.plan_kind)
    if milestone.level == PlanLevel.LAO:
        units = LocalGovernment.objects.exclude(kind=LocalGovernment.Kind.PAO)
        if scope_code:
            units = (
                units.filter(district_id=scope_code[:4])
                if len(scope_code) >= 4
                else units.filter(province_id=scope_code[:2])
            )
        unit_rows = list(units.values_list("code", "full_name_th"))
        by_owner = {
            p.owner_lao_id: p for p in plans.filter(owner_lao_id__in=[c for c, _ in unit_rows])
        }
    elif milestone.level in level_to_area:
        areas = Area.objects.filter(level=level_to_area[milestone.level])
        if scope_code:
            areas = areas.within(scope_code)
        unit_rows = list(areas.values_list("code", "name_th"))
        by_owner = {
            p.owner_area_id: p for p in plans.filter(owner_area_id__in=[c for c, _ in unit_rows])
        }
    else:
        return []
    late: list[LateUnit] = []
    for code, name in unit_rows:
        plan = by_owner.get(code)
        submitted = timezone.localdate(plan.submitted_at) if plan and plan.submitted_at else None
        if plan and plan.state in (PlanState.SUBMITTED, PlanState.ACCEPTED) and submitted:
            if submitted > milestone.deadline:
                late.append(
                    LateUnit(
                        code, name, plan.pk, plan.state, (submitted - milestone.deadline).days, True
                    )
                )
            continue
        if today > milestone.deadline:
            late.append(
                LateUnit(
                    code,
                    name,
                    plan.pk if plan else None,
                    plan.state if plan else "missing",
                    (today - milestone.deadline).days,
                    False,
                )
            )
    return late
