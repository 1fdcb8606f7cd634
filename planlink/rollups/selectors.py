"""Reads of the roll-up tables: a handful of rows per page, whatever the size of the area.

Every function answers from :mod:`planlink.rollups.models` in one query (never from the
ledger), after ``fresh`` — one indexed query that finds no stale province, normally (a
province whose committed change no refresh has caught up with is refreshed first). Areas are code prefixes: ``""`` the nation, 2 digits a province, … 8 a village;
``C01`` … ``C18`` a provincial cluster.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils.dateparse import parse_datetime

from planlink.core.compiled import hot_cursor
from planlink.rollups.models import (
    ALL_ISSUES,
    BAHT_MEASURES,
    FUNDING_SOURCES,
    MEASURES,
    AgencyCount,
    AreaCount,
    CycleVersion,
    Level,
    PlanCount,
    StaleProvince,
)

LEVEL_BY_LENGTH = {0: Level.NATION, 2: Level.PROVINCE, 4: Level.DISTRICT, 6: Level.TAMBON}
CHILD_LENGTH = {0: 2, 2: 4, 4: 6, 6: 8}


def fresh(cycle_id: int) -> None:
    from planlink.rollups.services import rollups_ensure_fresh

    rollups_ensure_fresh(cycle_id)


def level_of(area_code: str) -> str:
    if area_code.startswith("C"):
        return Level.CLUSTER
    return LEVEL_BY_LENGTH.get(len(area_code), Level.VILLAGE)


def empty_measures() -> dict[str, Any]:
    return {name: (Decimal(0) if name in BAHT_MEASURES else 0) for name in MEASURES}


def _values(row: dict[str, Any] | None) -> dict[str, Any]:
    measures = empty_measures()
    if row:
        for name in MEASURES:
            measures[name] = row[name] if row[name] is not None else measures[name]
    return measures


def area_measures(area_code: str, cycle_id: int, issue_code: str = ALL_ISSUES) -> dict[str, Any]:
    """The measures of one area (every issue together by default): one row."""
    fresh(cycle_id)
    row = (
        AreaCount.objects.filter(
            cycle_id=cycle_id, level=level_of(area_code), area_code=area_code, issue_code=issue_code
        )
        .values(*MEASURES)
        .first()
    )
    return _values(row)


def measures_by_issue(area_code: str, cycle_id: int) -> dict[str, dict[str, Any]]:
    """``{issue code: measures}`` of one area, without the every-issue row."""
    fresh(cycle_id)
    rows = (
        AreaCount.objects.filter(cycle_id=cycle_id, level=level_of(area_code), area_code=area_code)
        .exclude(issue_code=ALL_ISSUES)
        .values("issue_code", *MEASURES)
    )
    return {row["issue_code"]: _values(row) for row in rows}


def child_measures(area_code: str, cycle_id: int) -> dict[str, dict[str, Any]]:
    """``{child code: measures}`` for the areas one level below ``area_code`` (the maps)."""
    fresh(cycle_id)
    length = CHILD_LENGTH.get(len(area_code))
    if length is None:
        return {}
    rows = AreaCount.objects.filter(
        cycle_id=cycle_id,
        level=LEVEL_BY_LENGTH.get(length, Level.VILLAGE),
        issue_code=ALL_ISSUES,
        area_code__gte=area_code,
        area_code__lt=area_code + ":",
    ).values("area_code", *MEASURES)
    return {row["area_code"]: _values(row) for row in rows}


def funnel(area_code: str, cycle_id: int) -> dict[str, Any]:
    """The funnel from village needs to funding — the keys and meaning of
    ``consolidation.selectors.funnel`` (which counts the ledger), read from one row."""
    m = area_measures(area_code, cycle_id)
    by_source = {
        source: (m[f"funded_{source}"], m[f"funded_{source}_baht"])
        for source in FUNDING_SOURCES
        if m[f"funded_{source}"]
    }
    funded_count = m["agency_funded"] + sum(n for n, _ in by_source.values())
    funded_baht = m["agency_funded_baht"] + sum((b for _, b in by_source.values()), Decimal(0))
    return {
        "cycle": cycle_id,
        "area": area_code,
        "villages": m["village_plans"],
        "village_projects": m["needs_raised"],
        "village_budget_baht": str(m["needs_budget"]),
        "kept_by_villages": m["kept_by_villages"],
        "collected_by_tambons": m["collected_by_tambons"],
        "duplicates_merged": m["duplicates_merged"],
        "shared_need_groups": m["shared_need_groups"],
        "shared_need_components": m["shared_need_components"],
        "tambon_projects": m["tambon_projects"],
        "lao_coordination_items": m["lao_coordination_items"],
        "sent_to_districts": m["sent_to_districts"],
        "district_projects": m["district_projects"],
        "pao_items": m["pao_items"],
        "province_projects": m["province_projects"],
        "cluster_projects": m["cluster_projects"],
        "sent_to_agencies": m["sent_to_agencies"],
        "sent_to_agencies_baht": str(m["sent_to_agencies_baht"]),
        "agency_requests": m["agency_requests"],
        "agency_requests_baht": str(m["agency_requests_baht"]),
        "agency_funded": m["agency_funded"],
        "agency_funded_baht": str(m["agency_funded_baht"]),
        "funded_by_source": {
            source: {"projects": n, "baht": str(b)} for source, (n, b) in sorted(by_source.items())
        },
        "funded_projects": funded_count,
        "funded_baht": str(funded_baht),
        "funded_items": m["funded_items"],
        "funded_items_answering_need": m["funded_items_answering_need"],
    }


def funded_items(area_code: str, cycle_id: int) -> dict[str, Any]:
    """Funded items located in the area and the share that answered a recorded need — the
    shape of ``supply.selectors.answered_total``, read from one roll-up row."""
    m = area_measures(area_code, cycle_id)
    items, answered = m["funded_items"], m["funded_items_answering_need"]
    amount, answered_amount = m["funded_items_baht"], m["funded_items_answering_need_baht"]
    return {
        "items": items,
        "amount": f"{amount:.2f}",
        "answered_items": answered,
        "answered_amount": f"{answered_amount:.2f}",
        "proposed_items": m["funded_items_proposed"],
        "unrequested_items": items - answered,
        "share_items": round(answered / items, 4) if items else None,
        "share_amount": round(float(answered_amount) / float(amount), 4) if amount else None,
    }


def plan_states(area_code: str, cycle_id: int, kind: str) -> dict[str, int]:
    """Plans of ``kind`` inside the area per state (one row)."""
    fresh(cycle_id)
    row = (
        PlanCount.objects.filter(
            cycle_id=cycle_id, level=level_of(area_code), area_code=area_code, plan_kind=kind
        )
        .values("draft", "submitted", "accepted", "returned")
        .first()
    )
    if row is None:
        return {"draft": 0, "submitted": 0, "accepted": 0, "returned": 0}
    return {
        "draft": row["draft"],
        "submitted": row["submitted"],
        "accepted": row["accepted"],
        "returned": row["returned"],
    }


def late_children(
    area_code: str, cycle_id: int, kind: str, *, deadline: dt.date | None, today: dt.date
) -> dict[str, int]:
    """``{child code: units late}`` for the plan ``kind`` (its milestone's ``deadline``)."""
    fresh(cycle_id)
    length = CHILD_LENGTH.get(len(area_code))
    if length is None or deadline is None:
        return {}
    passed = today > deadline
    rows = PlanCount.objects.filter(
        cycle_id=cycle_id,
        level=LEVEL_BY_LENGTH.get(length, Level.VILLAGE),
        plan_kind=kind,
        area_code__gte=area_code,
        area_code__lt=area_code + ":",
    )
    return {
        row.area_code: row.late(deadline_passed=passed)
        for row in rows
        if row.late(deadline_passed=passed)
    }


def agency_answers(area_code: str, cycle_id: int) -> list[dict[str, Any]]:
    """Per line agency: projects the area sent and the answers (province or nation rows)."""
    fresh(cycle_id)
    rows = AgencyCount.objects.filter(cycle_id=cycle_id, area_code=area_code).order_by(
        "-sent", "agency_code"
    )
    return [
        {
            "code": row.agency_code,
            "sent": row.sent,
            "pending": row.pending,
            "included": row.included,
            "funded": row.funded,
            "not_funded": row.not_funded,
            "returned": row.returned,
            "funded_baht": row.funded_baht,
        }
        for row in rows
    ]


def version(cycle_id: int) -> tuple[int, dt.datetime | None]:
    """The cycle's roll-up version and when it was last refreshed (ETag, Last-Modified, the
    key of the cached public pages).

    Every public request asks, so it is one plain query (no ORM): the version row and whether
    any province of the cycle is stale; only then (or with no version row yet) ``fresh`` and
    read again.
    """
    versions = connection.ops.quote_name(CycleVersion._meta.db_table)
    stale = connection.ops.quote_name(StaleProvince._meta.db_table)
    with hot_cursor() as cursor:
        cursor.execute(
            f"SELECT version, refreshed_at, EXISTS (SELECT 1 FROM {stale} WHERE cycle_id = %s)"
            f" FROM {versions} WHERE cycle_id = %s",
            [cycle_id, cycle_id],
        )
        found = cursor.fetchone()
    if found is not None and not found[2]:
        return int(found[0]), _moment(found[1])
    fresh(cycle_id)
    again = CycleVersion.objects.filter(cycle_id=cycle_id).values_list("version", "refreshed_at")
    row = again.first()
    return (row[0], row[1]) if row else (0, None)


# What ``current_version`` answered, kept by this process for PLANLINK_VERSION_SECONDS
# (production: 1 s): {wanted year: (until, answer)}. Every public request asks, and on
# PostgreSQL that one round trip was most of a kept page's cost under load (docs/
# benchmarks.md). A refresh made in this process forgets them at once (``bump_version``);
# another process's refresh shows here within that second — well inside the minute any
# cache may keep the public JSON.
_kept_versions: dict[int | None, tuple[float, tuple[int, int, dt.datetime | None]]] = {}


def forget_kept_versions() -> None:
    """This process asks the database again on the next public request."""
    _kept_versions.clear()


def current_version(wanted_year: int | None) -> tuple[int, int, dt.datetime | None] | None:
    """The cycle a public page shows — ``wanted_year`` when there is such a cycle, else the
    newest — with its roll-up version and refresh time, in one plain query (the public pages
    ask on every request; the answer is kept for ``PLANLINK_VERSION_SECONDS``). ``None``: no
    cycle at all. A stale province or no version row yet goes through :func:`version`
    (refresh first)."""
    seconds = float(settings.PLANLINK_VERSION_SECONDS)
    if seconds > 0:
        kept = _kept_versions.get(wanted_year)
        if kept is not None and kept[0] > time.monotonic():
            return kept[1]
    found = current_version_with(wanted_year, "")[0]
    if seconds > 0 and found is not None:
        if len(_kept_versions) > 100:  # years asked by address: a few in real use
            _kept_versions.clear()
        _kept_versions[wanted_year] = (time.monotonic() + seconds, found)
    return found


def current_version_with(
    wanted_year: int | None, also_sql: str
) -> tuple[tuple[int, int, dt.datetime | None] | None, Any]:
    """:func:`current_version`, and the value of the scalar SQL expression ``also_sql`` (the
    caller's own, with no parameters; ``""``: none) read in the same statement — one round
    trip for a kept signed-in page (issue 16)."""
    from planlink.cycles.models import PlanningCycle

    quote = connection.ops.quote_name
    cycles = quote(PlanningCycle._meta.db_table)
    versions = quote(CycleVersion._meta.db_table)
    stale = quote(StaleProvince._meta.db_table)
    also = f", ({also_sql})" if also_sql else ", NULL"
    with hot_cursor() as cursor:
        cursor.execute(
            f"SELECT c.fiscal_year, v.version, v.refreshed_at,"
            f" EXISTS (SELECT 1 FROM {stale} s WHERE s.cycle_id = c.fiscal_year){also}"
            f" FROM {cycles} c LEFT JOIN {versions} v ON v.cycle_id = c.fiscal_year"
            f" WHERE c.fiscal_year = COALESCE("
            f"(SELECT w.fiscal_year FROM {cycles} w WHERE w.fiscal_year = %s),"
            f" (SELECT MAX(n.fiscal_year) FROM {cycles} n))",
            [wanted_year],
        )
        found = cursor.fetchone()
    if found is None:
        return None, None
    year = int(found[0])
    if found[1] is None or found[3]:
        number, refreshed = version(year)
        return (year, number, refreshed), found[4]
    return (year, int(found[1]), _moment(found[2])), found[4]


def _moment(value: Any) -> dt.datetime | None:
    """A timestamp as the database driver gave it (SQLite: text in UTC) → an aware datetime."""
    if value is None or isinstance(value, dt.datetime):
        return value
    parsed = parse_datetime(str(value))
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed
