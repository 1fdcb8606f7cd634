"""Rank projects within each issue by evidence (docs/reference/PROCESS.md rule 2–3; docs/reference/seeds/002 §5).

The score combines how many villages raised the need, how many households, the
share and number of households failing the จปฐ. indicators the project cites
(when survey data is loaded), the villages' own priorities, and the mode
(a request for support outranks a joint project). Every rank carries its reason.
An issue in which an officer set a rank by hand is left as the officer left it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from planlink.core.bulk import update_rows
from planlink.evidence.models import IndicatorAggregate
from planlink.plans.models import Mode, Plan, Project
from planlink.plans.revision_models import withdrawn_exists
from planlink.referrals.models import Decision, Referral


def survey_year_for(cycle_id: int) -> int | None:
    """The newest survey year known when the cycle's plans were made (two years before)."""
    planning_year = cycle_id - 2
    return (
        IndicatorAggregate.objects.filter(year__lte=planning_year)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


def _failing(projects: list[dict[str, Any]], year: int | None) -> dict[int, tuple[int, int]]:
    """(failed, surveyed) households behind each project's cited indicators."""
    if year is None:
        return {}
    ids = [p["pk"] for p in projects]
    areas: dict[int, set[str]] = defaultdict(set)
    for project_id, area in (
        Project.areas.through.objects.filter(project_id__in=ids)
        .order_by()
        .values_list("project_id", "area_id")
    ):
        areas[project_id].add(area)
    indicators: dict[int, set[str]] = defaultdict(set)
    for project_id, code in (
        Project.indicators.through.objects.filter(project_id__in=ids)
        .order_by()
        .values_list("project_id", "indicator_id")
    ):
        indicators[project_id].add(code)
    if not indicators:
        return {}
    from planlink.evidence.selectors import failing_households_for

    table = failing_households_for(
        set().union(*areas.values()) if areas else set(), set().union(*indicators.values()), year
    )
    result = {}
    for project_id in ids:
        failed = surveyed = 0
        for area in areas.get(project_id, ()):
            for code in indicators.get(project_id, ()):
                f, s = table.get((area, code), (0, 0))
                failed += f
                surveyed += s
        if surveyed:
            result[project_id] = (failed, surveyed)
    return result


def _source_priorities(plan: Plan) -> dict[int, list[int]]:
    priorities: dict[int, list[int]] = defaultdict(list)
    rows = (
        Referral.objects.filter(target_key=f"plan:{plan.pk}")
        .exclude(decision__in=[Decision.RETURNED])
        .order_by()
        .values_list("result_project_id", "proposed_result_project_id", "project__priority")
    )
    for result, proposed, priority in rows:
        target = result or proposed
        if target and priority:
            priorities[target].append(priority)
    return priorities


_UNKNOWN = object()


def rank_plan(plan: Plan, *, survey_year: int | None | object = _UNKNOWN) -> int:
    """Set ``priority`` and ``evidence_score`` on the plan's projects; return how many were ranked.

    ``survey_year``: the survey to read, when the caller already knows it (a step run).
    """
    # A project an approved revision withdrew is out of the plan: it takes no rank.
    projects = list(
        plan.projects.filter(~withdrawn_exists())
        .order_by()
        .values(
            "pk",
            "issue__code",
            "villages_count",
            "households",
            "mode",
            "priority",
            "priority_locked",
        )
    )
    if not projects:
        return 0
    # Ranked within an issue by its code: within one province's plan a code is one issue;
    # a cluster's plan gathers the same issue from each province's frame (issue 17).
    locked_issues = {p["issue__code"] for p in projects if p["priority_locked"]}
    year = survey_year_for(plan.cycle_id) if survey_year is _UNKNOWN else survey_year
    failing = _failing(projects, year)  # type: ignore[arg-type]
    priorities = _source_priorities(plan)
    scored: dict[Any, list[tuple[float, int, str]]] = defaultdict(list)
    for p in projects:
        villages = max(p["villages_count"] or 1, 1)
        households = p["households"] or 0
        failed, surveyed = failing.get(p["pk"], (0, 0))
        share = failed / surveyed if surveyed else 0.0
        own = priorities.get(p["pk"]) or ([p["priority"]] if p["priority"] else [])
        mean_inverse = sum(1 / r for r in own) / len(own) if own else 0.0
        score = (
            10 * villages
            + 4 * math.log1p(households)
            + 20 * share
            + 3 * math.log1p(failed)
            + 5 * mean_inverse
            + (2 if p["mode"] == Mode.SUPPORT else 1)
        )
        note = (
            f"หมู่บ้านที่เสนอ {villages} · ครัวเรือน {households:,} · "
            f"ครัวเรือนไม่ผ่าน จปฐ. {failed:,}/{surveyed:,} ({share:.0%}) · "
            f"ลำดับความสำคัญจากพื้นที่เฉลี่ย {(1 / mean_inverse) if mean_inverse else 0:.1f}"
        )
        scored[p["issue__code"]].append((score, p["pk"], note))
    unlocked, locked = [], []
    for issue_id, items in scored.items():
        items.sort(key=lambda item: (-item[0], item[1]))
        for rank, (score, pk, note) in enumerate(items, start=1):
            if issue_id in locked_issues:
                locked.append((round(score, 3), note, pk))
            else:
                unlocked.append((round(score, 3), note, rank, pk))
    update_rows(Project, ("evidence_score", "engine_note", "priority"), unlocked)
    update_rows(Project, ("evidence_score", "engine_note"), locked)
    return len(unlocked) + len(locked)
