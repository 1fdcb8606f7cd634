"""Reads of the funded items: the listing contract and the measure of needs funded.

``supply_list`` is the shape of ``planlink supply list --json`` and ``GET /api/v1/supply``
(issue 13, build 4). ``answered_share`` is the measure (build 5): per area and level, the
share of funded baht and of funded items that answer a recorded need (a confirmed match),
for roll-ups, the funnel, dashboards and the tracker.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from planlink.accounts.access.public import PUBLIC_PLAN_STATES
from planlink.areas.models import Area, prefix_range
from planlink.supply.models import ItemState, SupplyItem

LEVEL_LENGTH = {"province": 2, "district": 4, "tambon": 6, "village": 8}


def items_in(
    cycle: int, area: str = "", base: QuerySet[SupplyItem] | None = None
) -> QuerySet[SupplyItem]:
    """The items of a fiscal year; with ``area``, those located inside it (code prefix)."""
    query = (base if base is not None else SupplyItem.objects.all()).filter(cycle_id=cycle)
    if area:
        query = query.filter(prefix_range("area_code", area))
    return query


def item_row(item: SupplyItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "ref": item.ref,
        "title": item.title,
        "amount": f"{item.amount:.2f}",
        "agency": item.funder_name,
        "area_code": item.area_code,
        "location_level": item.location_level,
        "location_text": item.location_text,
        "matched_project": item.matched_project_id,
        "match_score": item.match_score,
        "match_reason": item.match_reason,
        "state": item.state,
    }


def supply_list(
    cycle: int, area: str = "", *, base: QuerySet[SupplyItem] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """``{"items": [{ref, title, amount, agency, area_code, location_level, location_text,
    matched_project, match_score, match_reason, state}, …]}`` (and the item ``id``)."""
    rows = items_in(cycle, area, base).select_related("agency", "lao").order_by("pk")
    return {"items": [item_row(item) for item in rows.iterator(chunk_size=2000)]}


def review_queue(base: QuerySet[SupplyItem], cycle: int | None = None) -> QuerySet[SupplyItem]:
    """Proposed matches waiting for an officer, oldest first."""
    query = base.filter(state=ItemState.PROPOSED)
    if cycle:
        query = query.filter(cycle_id=cycle)
    return query.select_related("agency", "lao", "matched_project", "matched_project__plan")


def _share(part: Decimal | int, whole: Decimal | int) -> float | None:
    return round(float(part) / float(whole), 4) if whole else None


def answered_share(
    cycle: int, *, area: str = "", level: str = "province", base: QuerySet[SupplyItem] | None = None
) -> list[dict[str, Any]]:
    """Per area at ``level`` inside ``area``: funded items and baht, and the share of each
    that answers a recorded need (a confirmed match). Items located only above ``level``
    are counted in a row with ``area_code`` = the higher code they reached (``level_reached``)."""
    if level not in LEVEL_LENGTH:
        raise ValueError(f"unknown level {level}")
    length = LEVEL_LENGTH[level]
    totals: dict[str, dict[str, Any]] = {}
    rows = (
        items_in(cycle, area, base)
        .values("area_code", "state")
        .annotate(n_items=Count("id"), n_amount=Sum("amount"))
    )
    for row in rows:
        code = (row["area_code"] or "")[:length]
        entry = totals.setdefault(
            code,
            {"area_code": code, "items": 0, "amount": Decimal(0), "answered_items": 0,
             "answered_amount": Decimal(0), "proposed_items": 0},
        )  # fmt: skip
        entry["items"] += row["n_items"]
        entry["amount"] += row["n_amount"] or Decimal(0)
        if row["state"] == ItemState.CONFIRMED:
            entry["answered_items"] += row["n_items"]
            entry["answered_amount"] += row["n_amount"] or Decimal(0)
        elif row["state"] == ItemState.PROPOSED:
            entry["proposed_items"] += row["n_items"]
    names = dict(Area.objects.filter(code__in=list(totals)).values_list("code", "name_th"))
    result = []
    for code in sorted(totals):
        entry = totals[code]
        entry["name_th"] = names.get(code, "ไม่ทราบพื้นที่" if not code else code)
        entry["level"] = level if len(code) == length else _level_of(code)
        entry["share_items"] = _share(entry["answered_items"], entry["items"])
        entry["share_amount"] = _share(entry["answered_amount"], entry["amount"])
        entry["amount"] = f"{entry['amount']:.2f}"
        entry["answered_amount"] = f"{entry['answered_amount']:.2f}"
        result.append(entry)
    return result


def _level_of(code: str) -> str:
    for name, length in LEVEL_LENGTH.items():
        if len(code) == length:
            return name
    return "none"


def answered_total(
    cycle: int, *, area: str = "", base: QuerySet[SupplyItem] | None = None
) -> dict[str, Any]:
    """One line for an area: items, baht, and the shares that answer a recorded need."""
    query = items_in(cycle, area, base)
    figures = query.aggregate(
        n_items=Count("id"),
        n_amount=Sum("amount"),
        n_answered=Count("id", filter=Q(state=ItemState.CONFIRMED)),
        n_answered_amount=Sum("amount", filter=Q(state=ItemState.CONFIRMED)),
        n_proposed=Count("id", filter=Q(state=ItemState.PROPOSED)),
    )
    amount = figures["n_amount"] or Decimal(0)
    answered = figures["n_answered_amount"] or Decimal(0)
    return {
        "items": figures["n_items"],
        "amount": f"{amount:.2f}",
        "answered_items": figures["n_answered"],
        "answered_amount": f"{answered:.2f}",
        "proposed_items": figures["n_proposed"],
        "unrequested_items": figures["n_items"] - figures["n_answered"],
        "share_items": _share(figures["n_answered"], figures["n_items"]),
        "share_amount": _share(answered, amount),
    }


def funded_in_area(cycle: int, area: str, *, limit: int = 200) -> list[dict[str, Any]]:
    """For the tracker: what was funded in an area (public: no officer names), and whether it
    answered a recorded need."""
    rows = (
        items_in(cycle, area)
        .select_related("agency", "lao", "matched_project__plan")
        .order_by("-amount", "pk")[:limit]
    )
    return [
        {
            "title": item.title,
            "amount": item.amount,
            "agency": item.funder_name,
            "area_code": item.area_code,
            "location_text": item.location_text,
            "answered": item.state == ItemState.CONFIRMED,
            "state": item.state,
            "state_label": item.get_state_display(),
            "matched_project_title": (
                item.matched_project.title
                if item.matched_project and item.matched_project.plan.state in PUBLIC_PLAN_STATES
                else ""
            ),
            "matched_project_public_title": (
                item.matched_project.public_title
                if item.matched_project and item.matched_project.plan.state in PUBLIC_PLAN_STATES
                else ""
            ),
            "synthetic": item.synthetic,
        }
        for item in rows
    ]
