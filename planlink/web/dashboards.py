"""Numbers for the funnel dashboard, the public tracker, the maps and the charts.

Only counts and sums — never names of people — so the same numbers serve the
signed-in dashboards and the public tracker. Each function works on an area
code prefix ("" for the country) and a cycle and reads the roll-up tables
(``planlink.rollups``): a few rows in a fixed number of queries, never an
aggregate of the ledger, whatever the size of the area (issue 16).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Avg, Max
from django.utils.translation import gettext as _

from planlink.areas.models import Area, prefix_range
from planlink.cycles.models import Milestone
from planlink.plans.frame import DEFAULT_FRAME
from planlink.plans.models import Issue, PlanKind, PlanState
from planlink.rollups import selectors as rollups
from planlink.rollups.models import FUNDING_SOURCES

CHILD_LENGTH = {0: 2, 2: 4, 4: 6, 6: 8}
UNMET_CACHE_SECONDS = 24 * 3600

METRICS = ("needs", "funded_share", "late", "unmet")


def metric_labels() -> dict[str, str]:
    return {
        "needs": _("ความต้องการที่หมู่บ้านเสนอ (โครงการ)"),
        "funded_share": _("สัดส่วนความต้องการที่ได้รับงบประมาณ (%)"),
        "late": _("หมู่บ้านที่ส่งแผนช้า (แห่ง)"),
        "unmet": _("ครัวเรือนไม่ผ่านเกณฑ์ จปฐ. เฉลี่ย (%)"),
    }


def data_version(cycle_id: int) -> int:
    """The cycle's roll-up version: bumped on every refresh (ETags of the public pages)."""
    return rollups.version(cycle_id)[0]


def project_path(area_code: str, cycle_id: int) -> list[dict[str, Any]]:
    """For officers, beside the need funnel (``tracker.selectors.tracker_story``): how many
    projects of the area went up each step of the planning path, in projects (a tambon's
    project may gather several needs; funded counts every source), as rows ``{key, name,
    value}`` from one roll-up row."""
    counts = rollups.funnel(area_code, cycle_id)
    return [
        {"name": _("โครงการในแผนพัฒนาตำบล"), "value": counts["tambon_projects"], "key": "tambon"},
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
    return rollups.funnel(area_code, cycle_id)


def _issue_names() -> dict[str, str]:
    names = {code: name for _, _, _, issues in DEFAULT_FRAME for code, name, _ in issues}
    for code, name in Issue.objects.values_list("code", "name_th").distinct()[:200]:
        names.setdefault(code, name)
    return names


def budget_by_issue(area_code: str, cycle_id: int) -> dict[str, Any]:
    """Baht the villages asked for, and baht funded per issue — by agencies (funded referrals)
    and by every other source (approved funding requests) — as a bar chart spec."""
    by_issue = rollups.measures_by_issue(area_code, cycle_id)
    asked = {code: m["public_needs_budget"] for code, m in by_issue.items() if m["public_needs"]}
    funded = {
        code: m["funded_referrals_baht"]
        + sum((m[f"funded_{source}_baht"] for source in FUNDING_SOURCES), Decimal(0))
        for code, m in by_issue.items()
    }
    funded = {code: baht for code, baht in funded.items() if baht}
    names = _issue_names()
    codes = [code for code in names if code in asked or code in funded]
    codes += [code for code in asked if code not in codes]
    codes += [code for code in funded if code not in codes]
    largest = max([*asked.values(), *funded.values(), Decimal(0)], key=lambda v: v or 0)
    divisor, unit = (
        (1_000_000, str(_("ล้านบาท"))) if (largest or 0) >= 10_000_000 else (1_000, str(_("พันบาท")))
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


def _scaled(value: Decimal | None, divisor: int) -> float:
    return round(float(value or 0) / divisor, 1)


def child_length(area_code: str) -> int:
    return CHILD_LENGTH.get(len(area_code), 8)


def map_values(area_code: str, cycle_id: int, today: dt.date) -> dict[str, dict[str, float]]:
    """``{metric: {child code: value}}`` for the children of ``area_code`` (the choropleths)."""
    length = child_length(area_code)
    below = rollups.child_measures(area_code, cycle_id)
    deadline = (
        Milestone.objects.filter(cycle_id=cycle_id, step="village_plan")
        .values_list("deadline", flat=True)
        .first()
    )
    late = (
        rollups.late_children(area_code, cycle_id, PlanKind.VILLAGE, deadline=deadline, today=today)
        if deadline is not None and today > deadline
        else {}
    )
    return {
        "needs": {code: float(m["public_needs"]) for code, m in below.items() if m["public_needs"]},
        "funded_share": {
            code: round(100.0 * m["public_needs_funded"] / m["public_needs"], 1)
            for code, m in below.items()
            if m["public_needs"]
        },
        "late": {code: float(count) for code, count in late.items()},
        "unmet": unmet_basic_needs(area_code, length),
    }


def unmet_basic_needs(area_code: str, length: int) -> dict[str, float]:
    """Average share of households failing the จปฐ. indicators, latest survey year, per child.

    Read from the survey's own aggregates (``evidence.IndicatorAggregate``) and kept in the
    cache until a survey import adds aggregates (their newest id versions the entry): one
    primary-key lookup per request instead of two grouped reads.
    """
    from planlink.evidence.models import IndicatorAggregate

    newest = IndicatorAggregate.objects.aggregate(newest=Max("id"))["newest"]
    if newest is None:
        return {}
    key = f"web:unmet:{area_code}:{length}:{newest}"
    found = cache.get(key)
    if found is not None:
        return found
    level = {2: "province", 4: "district", 6: "tambon", 8: "village"}[length]
    rows = IndicatorAggregate.objects.filter(prefix_range("area_id", area_code), level=level)
    latest = rows.aggregate(year=Max("year"))["year"]
    found = (
        {}
        if latest is None
        else {
            code: round(100.0 * (share or 0.0), 1)
            for code, share in rows.filter(year=latest)
            .values_list("area_id")
            .annotate(share=Avg("share_failed"))
            .values_list("area_id", "share")
        }
    )
    cache.set(key, found, UNMET_CACHE_SECONDS)
    return found


def children(area_code: str) -> list[Area]:
    """The areas one level below ``area_code`` (provinces for the country)."""
    if not area_code:
        return list(Area.objects.provinces().order_by("code"))
    return list(Area.objects.filter(parent_id=area_code).order_by("code"))


def plan_states_below(area_code: str, cycle_id: int, kind: str) -> dict[str, int]:
    """How many plans of ``kind`` inside the area are in each state (one roll-up row)."""
    counts = {state: 0 for state in PlanState.values}
    counts.update(rollups.plan_states(area_code, cycle_id, kind))
    return counts


def agency_answers(area_code: str, cycle_id: int) -> list[dict[str, Any]]:
    """Per line agency: projects the province sent, and how many were included, funded,
    not funded, returned or are pending, with the baht funded (roll-up rows)."""
    from planlink.areas.models import Agency

    rows = rollups.agency_answers(area_code, cycle_id)
    agencies = Agency.objects.in_bulk([row["code"] for row in rows])
    return [{"agency": agencies.get(row["code"]), **row} for row in rows]
