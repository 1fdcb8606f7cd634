"""Funded items (``planlink.supply``) in the roll-ups: how many items were funded in an area,
and how many answered a recorded need (an officer confirmed the match, issue 13).

An item counts where it was located (its area code, else its province, else the nation) and
under the issue of the need it answers (``""`` when it answers none).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import connection
from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.db.models.functions import Coalesce

from planlink.areas.models import prefix_range


def _table(name: str) -> str:
    from django.apps import apps

    return connection.ops.quote_name(apps.get_model("supply", name)._meta.db_table)


def part(cycle_id: int, scope: str) -> tuple[str, list[Any]]:
    """A ``SELECT`` of the fill's union: one row per funded item of the province ``scope``."""
    from planlink.plans.models import Issue, Project
    from planlink.rollups.fill import MEASURES, _scope_filter

    place = "(CASE WHEN s.area_code <> '' THEN s.area_code ELSE s.province_code END)"
    where, params = _scope_filter(place, scope)
    project = connection.ops.quote_name(Project._meta.db_table)
    issue = connection.ops.quote_name(Issue._meta.db_table)
    code = f"""COALESCE((SELECT i.code FROM {project} j JOIN {issue} i ON i.id = j.issue_id
        WHERE j.id = s.matched_project_id), '')"""
    measures = {
        "funded_items": "1",
        "funded_items_answering_need": "CASE WHEN s.state = 'confirmed' THEN 1 ELSE 0 END",
    }
    values = ", ".join(f"{measures.get(name, '0')} AS m_{name}" for name in MEASURES)
    sql = (
        f"SELECT {place} AS area, {code} AS issue, {values} "
        f"FROM {_table('SupplyItem')} s WHERE s.cycle_id = %s AND {where}"
    )
    return sql, [cycle_id, *params]


def recount(area_code: str, cycle_id: int) -> dict[str, dict[str, int]]:
    """``{issue code: {funded_items, funded_items_answering_need}}`` inside ``area_code``."""
    from django.apps import apps

    items = apps.get_model("supply", "SupplyItem").objects.filter(cycle_id=cycle_id)
    items = items.annotate(
        place=Case(
            When(~Q(area_code=""), then=F("area_code")),
            default=F("province_code"),
            output_field=CharField(),
        )
    ).filter(prefix_range("place", area_code))
    rows: dict[str, dict[str, int]] = defaultdict(dict)
    for code, total, answered in (
        items.annotate(code=Coalesce("matched_project__issue__code", Value("")))
        .values("code")
        .annotate(total=Count("pk"), answered=Count("pk", filter=Q(state="confirmed")))
        .values_list("code", "total", "answered")
    ):
        rows[code] = {"funded_items": total, "funded_items_answering_need": answered}
    return rows
