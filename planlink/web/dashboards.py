"""Numbers for the funnel dashboard, the public tracker, the maps and the charts.

Only counts and sums — never names of people — so the same numbers serve the
signed-in dashboards and the public tracker. Each function works on an area
code prefix ("" for the country) and a cycle, in a fixed number of queries,
and is cached for a few minutes (the roll-up tables the STYLE guide asks for
do not exist yet; see the report of issue 6).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Avg, Count, Max, Sum
from django.db.models.functions import Substr
from django.utils import translation
from django.utils.translation import gettext as _

from planlink.accounts.access import PUBLIC_PLAN_STATES  # what the public may see
from planlink.areas.models import Area, prefix_range
from planlink.consolidation.selectors import funnel
from planlink.cycles.models import Milestone
from planlink.cycles.services import late_units
from planlink.plans.frame import DEFAULT_FRAME
from planlink.plans.models import Issue, PlanKind, PlanState, Project
from planlink.referrals.lineage import outcomes_for
from planlink.referrals.models import Decision, FundingRequest, FundingStatus, Referral

CACHE_SECONDS = 120
CHILD_LENGTH = {0: 2, 2: 4, 4: 6, 6: 8}

METRICS = ("needs", "funded_share", "late", "unmet")


def metric_labels() -> dict[str, str]:
    return {
        "needs": _("ความต้องการที่หมู่บ้านเสนอ (โครงการ)"),
        "funded_share": _("สัดส่วนความต้องการที่ได้รับงบประมาณ (%)"),
        "late": _("หมู่บ้านที่ส่งแผนช้า (แห่ง)"),
        "unmet": _("ครัวเรือนไม่ผ่านเกณฑ์ จปฐ. เฉลี่ย (%)"),
    }


def data_version() -> int:
    """Changes whenever PlanLink's data does: every service writes an audit row, in its own
    transaction (the engine too, once per unit), so the newest audit id versions the cache."""
    from planlink.audit.models import AuditEntry

    return AuditEntry.objects.aggregate(newest=Max("id"))["newest"] or 0


def _cached(key: str, compute: Any) -> Any:
    key = f"{key}:v{data_version()}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    return found


def funnel_stages(area_code: str, cycle_id: int) -> list[dict[str, Any]]:
    """The funnel from village needs to funding, as chart rows ``{name, value}``."""
    counts = _cached(f"web:funnel:{area_code}:{cycle_id}", lambda: funnel(area_code, cycle_id))
    return [
        {"name": _("ความต้องการจากหมู่บ้าน"), "value": counts["village_projects"], "key": "raised"},
        {
            "name": _("รวบรวมเข้าแผนตำบล"),
            "value": counts["collected_by_tambons"],
            "key": "tambon",
        },
        {"name": _("เสนออำเภอ"), "value": counts["sent_to_districts"], "key": "district"},
        {"name": _("เสนอส่วนราชการ"), "value": counts["sent_to_agencies"], "key": "agencies"},
        {
            "name": _("บรรจุในคำของบประมาณ"),
            "value": counts["agency_requests"],
            "key": "requests",
        },
        {"name": _("ได้รับงบประมาณ"), "value": counts["funded_projects"], "key": "funded"},
    ]


def funnel_summary(area_code: str, cycle_id: int) -> dict[str, Any]:
    return _cached(f"web:funnel:{area_code}:{cycle_id}", lambda: funnel(area_code, cycle_id))


def _issue_names() -> dict[str, str]:
    names = {code: name for _, _, _, issues in DEFAULT_FRAME for code, name, _ in issues}
    for code, name in Issue.objects.values_list("code", "name_th").distinct()[:200]:
        names.setdefault(code, name)
    return names


def budget_by_issue(area_code: str, cycle_id: int) -> dict[str, Any]:
    """Baht the villages asked for, and baht funded per issue — by agencies (funded referrals)
    and by every other source (approved funding requests) — as a bar chart spec."""

    def compute() -> dict[str, Any]:
        asked = dict(
            Project.objects.filter(
                prefix_range("plan__scope_code", area_code),
                plan__kind=PlanKind.VILLAGE,
                plan__cycle_id=cycle_id,
                plan__state__in=PUBLIC_PLAN_STATES,
            )
            .values_list("issue__code")
            .annotate(total=Sum("budget"))
            .values_list("issue__code", "total")
        )
        funded = dict(
            Referral.objects.filter(
                prefix_range("project__plan__scope_code", area_code),
                project__plan__cycle_id=cycle_id,
                decision=Decision.FUNDED,
            )
            .values_list("project__issue__code")
            .annotate(total=Sum("amount"))
            .values_list("project__issue__code", "total")
        )
        approved = (
            FundingRequest.objects.filter(
                prefix_range("project__plan__scope_code", area_code),
                project__plan__cycle_id=cycle_id,
                status=FundingStatus.APPROVED,
            )
            .values_list("project__issue__code")
            .annotate(total=Sum("approved"))
            .values_list("project__issue__code", "total")
        )
        for code, total in approved:
            funded[code] = (funded.get(code) or Decimal(0)) + (total or Decimal(0))
        names = _issue_names()
        codes = [code for code in names if code in asked or code in funded]
        codes += [code for code in asked if code not in codes]
        largest = max([*asked.values(), *funded.values(), Decimal(0)], key=lambda v: v or 0)
        divisor, unit = (
            (1_000_000, str(_("ล้านบาท")))
            if (largest or 0) >= 10_000_000
            else (1_000, str(_("พันบาท")))
        )
        return {
            "type": "bar",
            "horizontal": True,
            "unit": unit,
            "categories": [names.get(code or "", _("ไม่ระบุประเด็น")) for code in codes],
            "series": [
                {
                    "name": _("งบที่หมู่บ้านขอ"),
                    "data": [_scaled(asked.get(code), divisor) for code in codes],
                },
                {
                    "name": _("งบที่ได้รับ"),
                    "data": [_scaled(funded.get(code), divisor) for code in codes],
                },
            ],
        }

    # The spec holds translated words: one cache entry per language.
    return _cached(f"web:issues:{area_code}:{cycle_id}:{translation.get_language()}", compute)


def _scaled(value: Decimal | None, divisor: int) -> float:
    return round(float(value or 0) / divisor, 1)


def child_length(area_code: str) -> int:
    return CHILD_LENGTH.get(len(area_code), 8)


def map_values(area_code: str, cycle_id: int, today: dt.date) -> dict[str, dict[str, float]]:
    """``{metric: {child code: value}}`` for the children of ``area_code`` (the choropleths)."""

    def compute() -> dict[str, dict[str, float]]:
        length = child_length(area_code)
        needs_rows = list(
            Project.objects.filter(
                prefix_range("plan__scope_code", area_code),
                plan__kind=PlanKind.VILLAGE,
                plan__cycle_id=cycle_id,
                plan__state__in=PUBLIC_PLAN_STATES,
            ).values_list("pk", Substr("plan__scope_code", 1, length))
        )
        needs: dict[str, int] = defaultdict(int)
        for _pk, code in needs_rows:
            needs[code] += 1
        fates = outcomes_for([pk for pk, _ in needs_rows]) if needs_rows else {}
        funded: dict[str, int] = defaultdict(int)
        for pk, code in needs_rows:
            if fates.get(pk) == "funded":
                funded[code] += 1
        late: dict[str, int] = defaultdict(int)
        milestone = Milestone.objects.filter(cycle_id=cycle_id, step="village_plan").first()
        if milestone is not None and today > milestone.deadline:
            for unit in late_units(milestone=milestone, scope_code=area_code, today=today):
                late[unit.code[:length]] += 1
        return {
            "needs": {code: float(count) for code, count in needs.items()},
            "funded_share": {
                code: round(100.0 * funded.get(code, 0) / count, 1)
                for code, count in needs.items()
                if count
            },
            "late": {code: float(count) for code, count in late.items()},
            "unmet": unmet_basic_needs(area_code, length),
        }

    return _cached(f"web:map:{area_code}:{cycle_id}:{today.isoformat()}", compute)


def unmet_basic_needs(area_code: str, length: int) -> dict[str, float]:
    """Average share of households failing the จปฐ. indicators, latest survey year, per child."""
    from planlink.evidence.models import IndicatorAggregate

    level = {2: "province", 4: "district", 6: "tambon", 8: "village"}[length]
    rows = IndicatorAggregate.objects.filter(prefix_range("area_id", area_code), level=level)
    latest = rows.aggregate(year=Max("year"))["year"]
    if latest is None:
        return {}
    return {
        code: round(100.0 * (share or 0.0), 1)
        for code, share in rows.filter(year=latest)
        .values_list("area_id")
        .annotate(share=Avg("share_failed"))
        .values_list("area_id", "share")
    }


def children(area_code: str) -> list[Area]:
    """The areas one level below ``area_code`` (provinces for the country)."""
    if not area_code:
        return list(Area.objects.provinces().order_by("code"))
    return list(Area.objects.filter(parent_id=area_code).order_by("code"))


def plan_states_below(area_code: str, cycle_id: int, kind: str) -> dict[str, int]:
    """How many plans of ``kind`` inside the area are in each state."""
    rows = (
        _plans(area_code, cycle_id, kind)
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    counts = {state: 0 for state in PlanState.values}
    counts.update(dict(rows))
    return counts


def _plans(area_code: str, cycle_id: int, kind: str):  # noqa: ANN202
    from planlink.plans.models import Plan

    return Plan.objects.filter(prefix_range("scope_code", area_code), cycle_id=cycle_id, kind=kind)


def agency_answers(area_code: str, cycle_id: int) -> list[dict[str, Any]]:
    """Per line agency: projects the province sent, and how many were included, funded,
    not funded, returned or are pending, with the baht funded — one grouped query."""
    from planlink.areas.models import Agency
    from planlink.referrals.models import TargetKind

    rows = (
        Referral.objects.filter(
            prefix_range("project__plan__scope_code", area_code),
            project__plan__cycle_id=cycle_id,
            target_kind=TargetKind.AGENCY,
        )
        .values_list("to_agency_id", "decision")
        .annotate(n=Count("id"), baht=Sum("amount"))
    )
    table: dict[str, dict[str, Any]] = {}
    for agency_id, decision, count, baht in rows:
        row = table.setdefault(
            agency_id,
            {
                "sent": 0,
                "pending": 0,
                "included": 0,
                "funded": 0,
                "not_funded": 0,
                "returned": 0,
                "funded_baht": Decimal(0),
            },
        )
        row["sent"] += count
        key = decision if decision in row else "pending"
        row[key] += count
        if decision == Decision.FUNDED:
            row["funded_baht"] += baht or Decimal(0)
    agencies = {agency.code: agency for agency in Agency.objects.filter(code__in=list(table))}
    return [
        {"agency": agencies.get(code), "code": code, **values}
        for code, values in sorted(table.items(), key=lambda item: -item[1]["sent"])
    ]
