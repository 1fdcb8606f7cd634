"""Funded items (``planlink.supply``) in the roll-ups: how many items were funded in an area,
and how many answered a recorded need (an officer confirmed the match, issue 13).

An item counts where it was located (its area code; the nation only when it has none, as
``supply.selectors.items_in`` reads it) and under the issue of the need it answers (``""``
when it answers none).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce

from planlink.areas.models import prefix_range

if TYPE_CHECKING:
    from planlink.rollups.fill import Part


def _table(name: str) -> str:
    from django.apps import apps

    return connection.ops.quote_name(apps.get_model("supply", name)._meta.db_table)


def part(cycle_id: int, scope: str) -> Part:
    """The fill's source for funded items: their measures per place and issue in the
    province ``scope``."""
    from planlink.plans.models import Issue, Project
    from planlink.rollups.fill import Part, _scope_filter

    place = "s.area_code"
    where, params = _scope_filter(place, scope)
    project = connection.ops.quote_name(Project._meta.db_table)
    issue = connection.ops.quote_name(Issue._meta.db_table)
    code = f"""COALESCE((SELECT i.code FROM {project} j JOIN {issue} i ON i.id = j.issue_id
        WHERE j.id = s.matched_project_id), '')"""
    confirmed = "s.state = 'confirmed'"
    measures = {
        "funded_items": "1",
        "funded_items_baht": "s.amount",
        "funded_items_answering_need": f"CASE WHEN {confirmed} THEN 1 ELSE 0 END",
        "funded_items_answering_need_baht": f"CASE WHEN {confirmed} THEN s.amount ELSE 0 END",
        "funded_items_proposed": "CASE WHEN s.state = 'proposed' THEN 1 ELSE 0 END",
    }
    source = f"FROM {_table('SupplyItem')} s WHERE s.cycle_id = %s AND {where}"
    return Part(place, code, source, [cycle_id, *params], measures)


def places(cycle_id: int) -> set[str]:
    """The area codes where the cycle's funded items are located."""
    from django.apps import apps

    items = apps.get_model("supply", "SupplyItem").objects.filter(cycle_id=cycle_id)
    return set(items.order_by().values_list("area_code", flat=True).distinct())


def recount(area_code: str, cycle_id: int) -> dict[str, dict[str, Any]]:
    """``{issue code: funded-item measures}`` inside ``area_code``."""
    from django.apps import apps

    items = apps.get_model("supply", "SupplyItem").objects.filter(
        prefix_range("area_code", area_code), cycle_id=cycle_id
    )
    confirmed = Q(state="confirmed")
    rows: dict[str, dict[str, Any]] = defaultdict(dict)
    for values in (
        items.annotate(code=Coalesce("matched_project__issue__code", Value("")))
        .values("code")
        .annotate(
            funded_items=Count("pk"),
            funded_items_baht=Sum("amount"),
            funded_items_answering_need=Count("pk", filter=confirmed),
            funded_items_answering_need_baht=Sum("amount", filter=confirmed),
            funded_items_proposed=Count("pk", filter=Q(state="proposed")),
        )
    ):
        rows[values.pop("code")] = values
    return rows
