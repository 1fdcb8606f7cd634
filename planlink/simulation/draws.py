"""The lots the simulation draws: one seeded generator per decision, keyed by what is decided.

A lot is seeded by the kind of decision and by a stable key of the thing decided — the
project's year, plan (kind and owner), title, places and budget — never by a row id.
Ids are not stable: a run killed half-way leaves gaps in PostgreSQL's sequences, and a
re-run or a second year numbers rows differently. Keyed by content, a re-run, a run
resumed after a crash and an uninterrupted run decide exactly the same (issue 14).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from planlink.plans.models import Project

CHUNK = 5000


def lot(kind: str, key: object) -> random.Random:
    """The generator of one simulated decision."""
    return random.Random(f"planlink-sim:{kind}:{key}")


def project_keys(ids: Iterable[int]) -> dict[int, str]:
    """{project id: stable key}: ``year|plan kind|owner|title|budget|places``.

    Two projects share a key only when nothing but their ids tells them apart.
    """
    ids = sorted(set(ids))
    rows: dict[int, tuple[Any, ...]] = {}
    places: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        for pid, *fields in (
            Project.objects.filter(pk__in=chunk)
            .order_by()
            .values_list(
                "pk",
                "plan__cycle_id",
                "plan__kind",
                "plan__owner_area_id",
                "plan__owner_lao_id",
                "plan__owner_agency_id",
                "title",
                "budget",
            )
        ):
            rows[pid] = tuple(fields)
        for pid, area in (
            Project.areas.through.objects.filter(project_id__in=chunk)
            .order_by()
            .values_list("project_id", "area_id")
        ):
            places[pid].append(area)
    keys = {}
    for pid, (year, kind, area, lao, agency, title, budget) in rows.items():
        owner = area or lao or agency or ""
        keys[pid] = f"{year}|{kind}|{owner}|{title}|{budget}|{','.join(sorted(places[pid]))}"
    return keys
