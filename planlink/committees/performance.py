"""The district performance report on tambon plans (แบบรายงานผลการดำเนินงาน ปัญหา/อุปสรรค
และข้อเสนอแนะ การจัดทำและประสานแผนพัฒนาตำบล; docs/reference/seeds/001, CDD, 24 ก.พ. 2566), part 1.

The form counts the district's target tambons (ตำบลเป้าหมาย) that:

1. appointed or updated their ก.บ.ต. (มีการแต่งตั้งหรือปรับปรุงกลไก ก.บ.ต.);
2. held a ก.บ.ต. meeting to make the tambon plan;
3. made a tambon plan complete in all the components the CDD requires;
4. finished the plan on time and delivered it to the bodies concerned;
5. met (3) and (4) and evaluated the plan.

The CDD's list of components was not found in the sources (docs/reference/FORMS.md §7), so PlanLink
uses the concrete definitions below; docs/committees.md explains them.

* The *reporting year* of cycle C is the fiscal year in which its plans are made:
  planning year N = C − 2 (B.E.), i.e. 1 October N−1 to 30 September N. The report
  for "ปีงบประมาณ ๒๕๖๖" in docs/reference/seeds/001 is PlanLink cycle 2568.
* Only the tambon's standing committees and those appointed for cycle C count.
* A meeting belongs to cycle C when it is linked to a plan of cycle C, or, when it is
  linked to no plan, when it was held in the reporting year.
* (1): an appointment or update order of the tambon's ก.บ.ต. dated in the reporting year.
* (2): a ก.บ.ต. meeting with purpose ``make_plan`` belonging to cycle C.
* (3): the tambon plan of cycle C exists, is submitted or accepted, has at least one
  project, every project carries an issue of the provincial frame and a rank within it
  (rule 3), a target (quantity and unit) and a duration (the fields of Tambon Forms 2
  and 3), and (2) holds.
* (4): the plan is submitted or accepted and was submitted (delivered to the district)
  on or before the deadline of the cycle's ``tambon_plan`` milestone.
* (5): (3) and (4) hold, and the tambon's ก.บ.ต. or ศอช.ต. held a meeting with purpose
  ``evaluate`` belonging to cycle C.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from planlink.areas.models import Area
from planlink.committees.models import (
    AppointmentOrder,
    Committee,
    CommitteeKind,
    Meeting,
    MeetingPurpose,
)
from planlink.core.errors import DomainError, NotFound
from planlink.cycles.models import Milestone, PlanningCycle
from planlink.plans.models import Plan, PlanKind, PlanState

# The five counts, in the order and words of the form (docs/reference/seeds/001).
COUNTS: list[tuple[str, str]] = [
    ("appointed", "มีการแต่งตั้งหรือปรับปรุงกลไกคณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.)"),
    ("met_to_make_plan", "มีการจัดประชุม ก.บ.ต. เพื่อจัดทำแผนพัฒนาตำบล"),
    ("complete", "มีการจัดทำแผนพัฒนาตำบลครบถ้วนตามองค์ประกอบ"),
    ("on_time", "จัดทำแผนพัฒนาตำบลแล้วเสร็จตามห้วงระยะเวลาที่กำหนด และจัดส่งให้หน่วยงานที่เกี่ยวข้อง"),
    ("evaluated", "ครบถ้วนและแล้วเสร็จตาม (๓) และ (๔) และมีการประเมินผลแผนพัฒนาตำบล"),
]

# The components of a complete tambon plan, checked in this order.
COMPONENTS: list[tuple[str, str]] = [
    ("plan_exists", "มีแผนพัฒนาตำบลของรอบนี้"),
    ("plan_submitted", "แผนส่งแล้วหรือรับแล้ว"),
    ("has_projects", "มีโครงการอย่างน้อย ๑ โครงการ"),
    ("projects_ranked_by_issue", "ทุกโครงการระบุประเด็นและลำดับความสำคัญในประเด็น"),
    ("projects_have_target_and_duration", "ทุกโครงการระบุเป้าหมาย (จำนวนและหน่วยนับ) และระยะเวลา"),
    ("make_plan_meeting", "ก.บ.ต. ประชุมจัดทำแผน"),
]

DELIVERED_STATES = (PlanState.SUBMITTED, PlanState.ACCEPTED)
TAMBON_KINDS = (CommitteeKind.TAMBON_INTEGRATION, CommitteeKind.TAMBON_CENTRE)


def reporting_year(cycle: PlanningCycle) -> tuple[dt.date, dt.date]:
    """1 October N−1 to 30 September N (A.D. dates), N = the cycle's planning year."""
    planning_year = cycle.fiscal_year - 2 - 543
    return dt.date(planning_year - 1, 10, 1), dt.date(planning_year, 9, 30)


def _target_tambons(district: Area, tambon_codes: Iterable[str] | None) -> list[Area]:
    tambons = list(Area.objects.within(district.code).filter(level=Area.Level.TAMBON))
    if tambon_codes is None:
        return tambons
    wanted = {str(code).strip() for code in tambon_codes if str(code).strip()}
    outside = sorted(wanted - {tambon.code for tambon in tambons})
    if outside:
        raise DomainError(
            f"ตำบล {', '.join(outside)} ไม่อยู่ใน{district.display_name}",
            f"tambon(s) {', '.join(outside)} are not in district {district.code}",
        )
    return [tambon for tambon in tambons if tambon.code in wanted]


def _meetings_by_tambon(
    committees: list[int], cycle: PlanningCycle, year: tuple[dt.date, dt.date]
) -> dict[str, set[tuple[str, str]]]:
    rows = (
        Meeting.objects.filter(committee_id__in=committees)
        .filter(Q(plan__cycle=cycle) | Q(plan__isnull=True, held_on__range=year))
        .values_list("scope_code", "committee__kind", "purpose")
    )
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for code, kind, purpose in rows:
        found[code].add((kind, purpose))
    return found


def performance_counts(
    district_code: str, cycle: PlanningCycle, *, tambon_codes: Iterable[str] | None = None
) -> dict[str, Any]:
    """Counts (1)–(5) of the district performance report, with the tambons behind each.

    ``tambon_codes`` restricts the report to the target tambons (ตำบลเป้าหมาย ที่ได้รับ
    จัดสรรงบประมาณ); by default every tambon of the district is a target.
    """
    district = Area.objects.filter(code=district_code, level=Area.Level.DISTRICT).first()
    if district is None:
        raise NotFound("อำเภอ", "district")
    milestone = Milestone.objects.filter(cycle=cycle, step="tambon_plan").first()
    if milestone is None:
        raise DomainError(
            "ปฏิทินของรอบนี้ไม่มีกำหนดส่งแผนพัฒนาตำบล (tambon_plan)",
            "the cycle's calendar has no tambon_plan milestone",
        )
    tambons = _target_tambons(district, tambon_codes)
    codes = [tambon.code for tambon in tambons]
    year = reporting_year(cycle)

    committees = list(
        Committee.objects.filter(kind__in=TAMBON_KINDS, scope_code__in=codes)
        .filter(Q(cycle__isnull=True) | Q(cycle=cycle))
        .values_list("pk", flat=True)
    )
    appointed = set(
        AppointmentOrder.objects.filter(
            committee_id__in=committees,
            committee__kind=CommitteeKind.TAMBON_INTEGRATION,
            date__range=year,
        ).values_list("committee__scope_code", flat=True)
    )
    meetings = _meetings_by_tambon(committees, cycle, year)
    incomplete_project = Q(projects__issue__isnull=True) | Q(projects__priority__isnull=True)
    undescribed_project = (
        Q(projects__target_quantity__isnull=True)
        | Q(projects__target_unit="")
        | Q(projects__duration_months__isnull=True)
    )
    plans = {
        plan.owner_area_id: plan
        for plan in Plan.objects.filter(
            kind=PlanKind.TAMBON, cycle=cycle, owner_area_id__in=codes
        ).annotate(
            project_count=Count("projects", distinct=True),
            unranked_count=Count("projects", filter=incomplete_project, distinct=True),
            undescribed_count=Count("projects", filter=undescribed_project, distinct=True),
        )
    }

    details = []
    for tambon in tambons:
        code = tambon.code
        plan = plans.get(code)
        held = meetings.get(code, set())
        met = (CommitteeKind.TAMBON_INTEGRATION, MeetingPurpose.MAKE_PLAN) in held
        delivered = plan is not None and plan.state in DELIVERED_STATES
        present = {
            "plan_exists": plan is not None,
            "plan_submitted": delivered,
            "has_projects": plan is not None and plan.project_count > 0,
            "projects_ranked_by_issue": plan is not None and plan.unranked_count == 0,
            "projects_have_target_and_duration": plan is not None and plan.undescribed_count == 0,
            "make_plan_meeting": met,
        }
        missing = [key for key, _ in COMPONENTS if not present[key]]
        on_time = bool(
            delivered
            and plan is not None
            and plan.submitted_at
            and timezone.localdate(plan.submitted_at) <= milestone.deadline
        )
        evaluated = any(purpose == MeetingPurpose.EVALUATE for _, purpose in held)
        details.append(
            {
                "code": code,
                "name_th": tambon.display_name,
                "plan_id": plan.pk if plan else None,
                "plan_state": plan.state if plan else "missing",
                "appointed": code in appointed,
                "met_to_make_plan": met,
                "complete": not missing,
                "on_time": on_time,
                "evaluated": not missing and on_time and evaluated,
                "missing_components": missing,
            }
        )
    tambon_lists = {key: [row["code"] for row in details if row[key]] for key, _ in COUNTS}
    return {
        "district": {"code": district.code, "name_th": district.display_name},
        "cycle": cycle.fiscal_year,
        "reporting_year": {"start": year[0], "end": year[1]},
        "deadline": milestone.deadline,
        "target_count": len(details),
        "counts": {key: len(listed) for key, listed in tambon_lists.items()},
        "tambons": tambon_lists,
        "labels_th": dict(COUNTS),
        "components_th": dict(COMPONENTS),
        "details": details,
    }
