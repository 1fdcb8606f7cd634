"""Rule checks from the circulars, as plain functions.

Each returns a list of :class:`Problem` (empty when the rule holds), with the
message in Thai and English, so the UI, the API and the engine say the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from planlink.plans.models import Mode, Plan, PlanKind, PlanState, Project

SELF_RELIANCE_SHARE = Decimal("0.30")
MAX_PROPOSALS_PER_ISSUE = 2


@dataclass(frozen=True)
class Problem:
    rule: str
    message_th: str
    message_en: str
    project_id: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "message_th": self.message_th,
            "message_en": self.message_en,
            "project_id": self.project_id,
        }


def check_self_reliance(plan: Plan) -> list[Problem]:
    """A village plan: at least 30% of projects done by the villagers themselves.

    Circular 2559 (docs/reference/seeds/002 §7): "โดยไม่ขอใช้งบประมาณจากภายนอก (อย่างน้อยร้อยละ ๓๐
    ของแผนตามเกณฑ์ประเมินคุณภาพแผนชุมชน)".
    """
    if plan.kind != PlanKind.VILLAGE:
        return []
    modes = list(plan.projects.values_list("mode", flat=True))
    if not modes:
        return []
    share = Decimal(sum(1 for mode in modes if mode == Mode.SELF)) / Decimal(len(modes))
    if share >= SELF_RELIANCE_SHARE:
        return []
    percent = int(share * 100)
    return [
        Problem(
            "self_reliance",
            f"โครงการที่ทำเองมีร้อยละ {percent} ของแผน ต้องไม่น้อยกว่าร้อยละ 30",
            f"self-reliant projects are {percent}% of the plan; at least 30% are required",
        )
    ]


def check_proposals_per_issue(projects: list[Project]) -> list[Problem]:
    """At most two projects per issue proposed from a tambon to the district (docs/reference/seeds/002 §5.1)."""
    counts: dict[int | None, list[Project]] = {}
    for project in projects:
        counts.setdefault(project.issue_id, []).append(project)
    problems = []
    for items in counts.values():
        if len(items) > MAX_PROPOSALS_PER_ISSUE:
            issue = items[0].issue
            name = issue.name_th if issue is not None else "ไม่ระบุประเด็น"
            problems.append(
                Problem(
                    "proposals_per_issue",
                    f"ประเด็น {name} เสนอ {len(items)} โครงการ เสนอได้ไม่เกิน 2 โครงการต่อประเด็น",
                    f"{len(items)} projects proposed for one issue; at most 2 per issue",
                )
            )
    return problems


def check_strategy_alignment(plan: Plan) -> list[Problem]:
    """Every district-plan project is aligned to a provincial strategy (docs/reference/PROCESS.md rule 7)."""
    if plan.kind not in (PlanKind.DISTRICT_DEVELOPMENT, PlanKind.DISTRICT_NEEDS):
        return []
    return [
        Problem(
            "strategy_alignment",
            f"โครงการ '{title}' ยังไม่ระบุยุทธศาสตร์จังหวัด",
            f"project '{title}' is not aligned to a provincial strategy",
            project_id=pk,
        )
        for pk, title in plan.projects.filter(strategy__isnull=True).values_list("pk", "title")
    ]


def check_deadline(plan: Plan, deadline: dt.date | None, today: dt.date) -> list[Problem]:
    """A plan not submitted by its milestone's deadline is late ("every unit follows the calendar")."""
    if deadline is None:
        return []
    submitted = timezone.localdate(plan.submitted_at) if plan.submitted_at else None
    if plan.state == PlanState.DRAFT or plan.state == PlanState.RETURNED:
        if today > deadline:
            days = (today - deadline).days
            return [
                Problem("deadline", f"เลยกำหนดส่ง {days} วัน", f"{days} day(s) past the deadline")
            ]
        return []
    if submitted and submitted > deadline:
        days = (submitted - deadline).days
        return [Problem("deadline", f"ส่งช้ากว่ากำหนด {days} วัน", f"submitted {days} day(s) late")]
    return []


def plan_problems(plan: Plan) -> list[Problem]:
    return check_self_reliance(plan) + check_strategy_alignment(plan)
