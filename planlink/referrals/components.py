"""Components: one need in several places, grouped into one project, each place keeping its fate.

The rule (issue 12, "the same need"): two entries are a **duplicate** only if they ask for
the same kind of work on the same object *in the same place* (หมู่ที่/บ้าน/ตำบล and
segment — ช่วง/โซน/ตอน/ฝั่ง/กม.); the same work and object in **different places** is a
**shared need**. The tambon may group a shared need into one project (a programme, e.g.
"ก่อสร้างถนน คสล. หมู่ 3, 7"), whose ``ProjectComponent`` rows keep each place's location,
budget, households and sources; referrals, decisions and funding requests may name a
component, and the lineage (``lineage.trace``/``outcomes_for``) carries each village's need
through its own component, so funding one village's road never reads "funded" on another's.

This module holds what the engine's merge and the officers' review share:

* ``place_of`` — the place key of an entry: its plan's area code and the segment its title
  names (read by ``areas.places.read_places``);
* ``merged_fields`` — a merged project's figures from its sources (summed budget, households,
  villages; the best-ranked source's wording);
* ``plan_components`` — the components of each merged project (one per place), set-based;
* ``write_components`` — insert, update in place (same key) and delete, set-based;
* ``recompute_from_sources`` — after an officer splits, returns or adds a source, the
  engine-made project's figures, areas and components are recomputed from what remains.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db.models import Q

from planlink.areas.places import read_places
from planlink.core.bulk import insert_dicts, insert_rows, update_rows
from planlink.plans.models import CAPACITY_ORDER, Mode, Project, ProjectComponent
from planlink.referrals.models import Decision, Referral

# "หมู่ที่ 3" / "ม.3" / "หมู่ 3": a village's own number, dropped from a merged title.
VILLAGE_NUMBER = re.compile(r"\s*(?:หมู่ที่|หมู่|ม\.)\s*[0-9๐-๙]+")

# What the merge reads of each source (a pending or decided referral into a plan).
SOURCE_VALUES = (
    "pk",
    "project_id",
    "project__title",
    "project__rationale",
    "project__issue__code",
    "project__issue_id",
    "project__issue__strategy_id",
    "project__budget",
    "project__target_quantity",
    "project__target_unit",
    "project__households",
    "project__villages_count",
    "project__priority",
    "project__mode",
    "project__capacity_level",
    "project__suggested_agency_id",
    "project__objective",
    "project__plan__scope_code",
)

MERGED_FIELDS = (
    "title",
    "rationale",
    "objective",
    "issue_id",
    "strategy_id",
    "budget",
    "target_quantity",
    "target_unit",
    "households",
    "villages_count",
    "mode",
    "capacity_level",
    "suggested_agency_id",
)


@lru_cache(maxsize=200_000)
def title_segments(title: str) -> tuple[str, ...]:
    """The segments (ช่วง/ตอน/โซน/ฝั่ง/กม./ซอย) a title names, normalised: ("ช่วง 2",)."""
    return tuple(read_places(title or "").segments)


def place_of(title: str, area_code: str) -> tuple[str, str]:
    """(key, segment label) of an entry: "24010103" or "24010103|ช่วง 2" and "ช่วง 2".

    The area is the entry's plan scope (the village for a village plan): a level the title
    leaves out is inherited from it (issue 12, rule 3).
    """
    segments = title_segments(title)
    label = ", ".join(segments)
    return (f"{area_code}|{label}"[:80] if label else area_code), label[:200]


def merged_fields(members: list[dict[str, Any]]) -> dict[str, Any]:
    """The merged project: the best-ranked source's wording, summed budget and reach."""
    lead = min(members, key=lambda r: (r["project__priority"] or 10_000, r["project_id"]))
    units = {r["project__target_unit"] for r in members}
    quantities = [r["project__target_quantity"] for r in members]
    title = lead["project__title"]
    areas = len({r["project__plan__scope_code"] for r in members})
    if areas > 1:
        title = VILLAGE_NUMBER.sub("", title).strip()
        unit = "หมู่บ้าน" if all(len(r["project__plan__scope_code"]) == 8 for r in members) else "พื้นที่"
        title = f"{title} (รวม {areas} {unit})"
    agencies = Counter(
        r["project__suggested_agency_id"] for r in members if r["project__suggested_agency_id"]
    )
    capacity = max((r["project__capacity_level"] for r in members), key=CAPACITY_ORDER.index)
    return {
        "title": title[:300],
        "rationale": lead["project__rationale"] or "",
        "objective": lead["project__objective"] or "",
        "issue_id": lead["project__issue_id"],
        "strategy_id": lead["project__issue__strategy_id"],
        "budget": sum((r["project__budget"] or Decimal(0) for r in members), Decimal(0)),
        "target_quantity": (
            sum(quantities, Decimal(0)) if len(units) == 1 and None not in quantities else None
        ),
        "target_unit": lead["project__target_unit"] if len(units) == 1 else "",
        "households": sum(r["project__households"] or 0 for r in members),
        "villages_count": _villages(members),
        "mode": Mode.SUPPORT
        if any(r["project__mode"] == Mode.SUPPORT for r in members)
        else Mode.JOINT,
        "capacity_level": capacity,
        "suggested_agency_id": agencies.most_common(1)[0][0] if agencies else None,
    }


def _villages(members: list[dict[str, Any]]) -> int:
    """How many villages raised the need: per source area the most any of its sources says
    (a village that asked twice is one village; a tambon project counts its own villages)."""
    per_area: dict[str, int] = {}
    for row in members:
        area = row["project__plan__scope_code"]
        per_area[area] = max(per_area.get(area, 0), row["project__villages_count"] or 1)
    return sum(per_area.values())


@dataclass
class Place:
    """One component being built: a place and the sources that raised the need there."""

    key: str
    area_id: str | None
    place_th: str
    title: str
    budget: Decimal = Decimal(0)
    households: int | None = None
    sources_count: int = 0
    rank: tuple[int, int] = (10_000, 0)
    referrals: list[int] = field(default_factory=list)  # sources that are this place
    inherited: int = 0  # components of grouped sources merged into this place

    def add(
        self, title: str, budget: Any, households: Any, count: int, rank: tuple[Any, ...]
    ) -> None:
        self.budget += budget or Decimal(0)
        if households is not None:
            self.households = (self.households or 0) + households
        self.sources_count += count
        if rank < self.rank:
            self.rank, self.title = rank, title


@dataclass
class Layout:
    """How a merged project's sources fall into places."""

    places: list[Place]

    @property
    def is_shared_need(self) -> bool:
        """Two places or more: a programme whose places stay components."""
        return len(self.places) > 1

    @property
    def duplicates(self) -> int:
        """Sources beyond the first in each place: the true duplicates merged here (those a
        grouped source had merged below are counted there, not again)."""
        return sum(max(0, len(p.referrals) + p.inherited - 1) for p in self.places)


def source_components(project_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """The components of source projects (a programme sent on keeps its places)."""
    ids = sorted(set(project_ids))
    found: dict[int, list[dict[str, Any]]] = {}
    for start in range(0, len(ids), 5000):
        for row in (
            ProjectComponent.objects.filter(project_id__in=ids[start : start + 5000])
            .order_by("project_id", "order", "pk")
            .values(
                "project_id",
                "key",
                "area_id",
                "place_th",
                "title",
                "budget",
                "households",
                "sources_count",
            )
        ):
            found.setdefault(row["project_id"], []).append(dict(row))
    return found


def layout(parts: list[list[dict[str, Any]]], inherited: dict[int, list[dict[str, Any]]]) -> Layout:
    """The places of one merged project.

    ``parts``: the sources of each place as the matcher found them (duplicates together);
    a source that is itself a grouped project brings its own components instead (the same
    keys: a place stays itself as it goes up). Keys are the place of each part's best-ranked
    source (``place_of``); two parts the matcher kept apart never share one.
    """
    places: dict[str, Place] = {}
    from_parts: set[str] = set()
    for part in parts:
        plain = []
        for row in part:
            rank = (row["project__priority"] or 10_000, row["project_id"])
            for comp in inherited.get(row["project_id"], ()):
                spot = places.get(comp["key"])
                if spot is None:
                    spot = places[comp["key"]] = Place(
                        comp["key"], comp["area_id"], comp["place_th"], comp["title"]
                    )
                spot.add(
                    comp["title"], comp["budget"], comp["households"], comp["sources_count"], rank
                )
                spot.inherited += 1
            if row["project_id"] not in inherited:
                plain.append((rank, row))
        if not plain:
            continue
        plain.sort(key=lambda pair: pair[0])
        lead = plain[0][1]
        area = lead["project__plan__scope_code"]
        key, label = place_of(lead["project__title"], area)
        kept = {row.get("result_component__key") for _, row in plain}
        if len(kept) == 1 and None not in kept:  # the place it already is (a recompute)
            key = str(kept.pop())
        base, number = key, 2
        while key in from_parts:
            key, number = f"{base}#{number}"[:80], number + 1
        from_parts.add(key)
        spot = places.get(key)
        if spot is None:
            spot = places[key] = Place(key, area or None, label, lead["project__title"])
        for rank, row in plain:
            spot.add(
                row["project__title"],
                row["project__budget"],
                row["project__households"],
                1,
                rank,
            )
            spot.referrals.append(row["pk"])
    return Layout(sorted(places.values(), key=lambda place: place.key))


_COMPONENT_FIELDS = (
    "area_id",
    "place_th",
    "title",
    "budget",
    "households",
    "sources_count",
    "order",
)


def write_components(layouts: dict[int, Layout], *, existing: Iterable[int] = ()) -> dict[int, int]:
    """Make each project's components match its layout; {source referral: component id}.

    Set-based: one read of the current components of ``existing`` projects (those made
    before), one insert, one update, one delete. A project with one place has none. A
    component named by a referral or a funding request is never deleted.
    """
    existing = sorted(set(existing))
    current: dict[tuple[int, str], int] = {}
    for start in range(0, len(existing), 5000):
        for pk, project_id, key in ProjectComponent.objects.filter(
            project_id__in=existing[start : start + 5000]
        ).values_list("pk", "project_id", "key"):
            current[(project_id, key)] = pk
    wanted: set[tuple[int, str]] = set()
    inserts: list[dict[str, Any]] = []
    updates: list[list[Any]] = []
    for project_id, plan in layouts.items():
        if not plan.is_shared_need:
            continue
        for order, place in enumerate(plan.places, start=1):
            values = {
                "area_id": place.area_id if place.area_id and len(place.area_id) <= 8 else None,
                "place_th": place.place_th,
                "title": place.title[:300],
                "budget": place.budget,
                "households": place.households,
                "sources_count": place.sources_count,
                "order": order,
            }
            wanted.add((project_id, place.key))
            if (project_id, place.key) in current:
                updates.append(
                    [values[f] for f in _COMPONENT_FIELDS] + [current[(project_id, place.key)]]
                )
            else:
                inserts.append({"project_id": project_id, "key": place.key, **values})
    if updates:
        update_rows(ProjectComponent, _COMPONENT_FIELDS, updates)
    if inserts:
        insert_dicts(ProjectComponent, inserts)
    stale = [pk for pair, pk in current.items() if pair not in wanted]
    if stale:
        _delete_unnamed(stale)
    ids: dict[tuple[int, str], int] = {}
    made = sorted({project_id for project_id, _ in wanted})
    for start in range(0, len(made), 5000):
        for pk, project_id, key in ProjectComponent.objects.filter(
            project_id__in=made[start : start + 5000]
        ).values_list("pk", "project_id", "key"):
            ids[(project_id, key)] = pk
    return {
        referral: ids[(project_id, place.key)]
        for project_id, plan in layouts.items()
        if plan.is_shared_need
        for place in plan.places
        for referral in place.referrals
    }


def copy_components(copies: dict[int, int]) -> int:
    """Give each copy ``{source project: copy}`` the source's components (same keys)."""
    if not copies:
        return 0
    found = source_components(copies)
    rows = [
        {
            "project_id": copies[source],
            **{name: part[name] for name in ("key", "area_id", "place_th", "title", "budget")},
            "households": part["households"],
            "sources_count": part["sources_count"],
            "order": order,
        }
        for source, parts in found.items()
        for order, part in enumerate(parts, start=1)
    ]
    return insert_dicts(ProjectComponent, rows) if rows else 0


def _delete_unnamed(component_ids: list[int]) -> None:
    """Delete components no referral or funding request names (their sources let go)."""
    from planlink.referrals.models import FundingRequest

    named = set(
        Referral.objects.filter(component_id__in=component_ids).values_list(
            "component_id", flat=True
        )
    ) | set(
        FundingRequest.objects.filter(component_id__in=component_ids).values_list(
            "component_id", flat=True
        )
    )
    doomed = [pk for pk in component_ids if pk not in named]
    if doomed:
        Referral.objects.filter(result_component_id__in=doomed).update(result_component=None)
        ProjectComponent.objects.filter(pk__in=doomed).delete()


def live_sources(project_id: int) -> list[dict[str, Any]]:
    """The sources a project has now: decided into it, or pending and proposed into it."""
    return list(
        Referral.objects.filter(
            Q(result_project_id=project_id, decision__in=[Decision.MERGED, Decision.INCLUDED])
            | Q(proposed_result_project_id=project_id, decision=Decision.PENDING)
        )
        .order_by("pk")
        .values(*SOURCE_VALUES, "result_component__key")
    )


def set_areas(pairs: list[tuple[int, list[dict[str, Any]]]], *, replace: list[int]) -> None:
    """Each merged project covers its sources' areas and cites their survey indicators.

    ``replace`` are the projects that existed before (their links are rewritten).
    """
    if not pairs:
        return
    source_ids = list({row["project_id"] for _, members in pairs for row in members})
    through = Project.indicators.through
    areas: dict[int, set[str]] = {}
    indicators: dict[int, set[str]] = {}
    for start in range(0, len(source_ids), 5000):
        chunk = source_ids[start : start + 5000]
        for project_id, area_id in (
            Project.areas.through.objects.filter(project_id__in=chunk)
            .order_by()
            .values_list("project_id", "area_id")
        ):
            areas.setdefault(project_id, set()).add(area_id)
        for project_id, indicator_id in (
            through.objects.filter(project_id__in=chunk)
            .order_by()
            .values_list("project_id", "indicator_id")
        ):
            indicators.setdefault(project_id, set()).add(indicator_id)
    for start in range(0, len(replace), 5000):
        chunk = replace[start : start + 5000]
        Project.areas.through.objects.filter(project_id__in=chunk).delete()
        through.objects.filter(project_id__in=chunk).delete()
    area_rows, indicator_rows = [], []
    for project_id, members in pairs:
        for area in sorted(set().union(*(areas.get(r["project_id"], set()) for r in members))):
            area_rows.append((project_id, area))
        for code in sorted(set().union(*(indicators.get(r["project_id"], set()) for r in members))):
            indicator_rows.append((project_id, code))
    insert_rows(Project.areas.through, ("project", "area"), area_rows)
    insert_rows(through, ("project", "indicator"), indicator_rows)


def _places_of(members: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The sources of a project in places: as the engine placed them (their component), and
    a source added by hand at its own place (``place_of``: a duplicate joins its place)."""
    parts: dict[str, list[dict[str, Any]]] = {}
    for row in members:
        key = (
            row.get("result_component__key")
            or place_of(row["project__title"], row["project__plan__scope_code"])[0]
        )
        parts.setdefault(key, []).append(row)
    return [parts[key] for key in sorted(parts)]


def recompute_from_sources(project_ids: Iterable[int]) -> list[int]:
    """Recompute engine-made projects from the sources they have now; the ids recomputed.

    After an officer splits a source off, returns it, or adds one, a merged project's
    villages, households, budget, rationale, areas and components must say what remains
    (issue 12), not what the engine first merged. Projects a person made (no engine key,
    or split off by hand) keep their figures; a project left with no source is left as it is.
    """
    done = []
    for project_id in sorted(set(project_ids)):
        key = Project.objects.filter(pk=project_id).values_list("engine_key", flat=True).first()
        if not key or key.startswith(("split:", "from:")):
            continue
        members = live_sources(project_id)
        if not members:
            continue
        fields = merged_fields(members)
        Project.objects.filter(pk=project_id).update(**fields)
        set_areas([(project_id, members)], replace=[project_id])
        plan = layout(_places_of(members), source_components(r["project_id"] for r in members))
        assigned = write_components({project_id: plan}, existing=[project_id])
        changes = [(assigned.get(row["pk"]), row["pk"]) for row in members]
        update_rows(Referral, ("result_component",), changes)
        done.append(project_id)
    return done
