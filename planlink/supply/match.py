"""Match funded items to the recorded needs they answer — place first (issue 13, build 3).

For an item located at area ``L`` in fiscal year ``Y`` the candidates are the needs of
``Y`` whose plan is at ``L`` or one of its ancestors and that were sent upward (they have
a referral out, at any level). A candidate is kept only if **every place it covers** (its
project areas, or its plan's area) lies on ``L``'s own line — inside ``L`` or above it —
so an item of หมู่ 9 never reaches a need of หมู่ 4, nor one of another ตำบล; a grouped
project (issue 12) whose places differ is compared component by component instead.

The decision is "the same need" rule (:func:`planlink.consolidation.matching.relation`:
same kind of work, same object, same place): only a ``duplicate`` scoring at least
``PROPOSE_THRESHOLD`` is proposed, with the rule's own Thai reason. Among equally good
candidates along one lineage the highest one is proposed (funding recorded there flows down
to every village need below it). People decide: nothing is funded until an officer confirms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

from django.db import transaction

from planlink.consolidation.matching import Matcher
from planlink.core.bulk import update_rows
from planlink.plans.models import Project, ProjectComponent
from planlink.referrals.models import Referral, TargetKind
from planlink.supply.models import ItemState, SupplyItem

PROPOSE_THRESHOLD = 0.5
NEAR_BEST = 0.05
_CHUNK = 500


@dataclass
class Candidate:
    project_id: int
    title: str
    plan_scope: str
    component_id: int | None = None
    places: tuple[str, ...] = ()
    agencies: set[str] = field(default_factory=set)
    components: list[Candidate] = field(default_factory=list)

    @property
    def scope(self) -> str:
        """The most specific code every place shares (what the title's places inherit)."""
        places = set(self.places)
        if len(places) == 1:
            return next(iter(places))
        return self.plan_scope


@dataclass(frozen=True)
class Proposal:
    project_id: int
    component_id: int | None
    score: float
    reason: str


def prefixes(code: str) -> list[str]:
    """The code and its ancestors' codes, widest first."""
    return [code[:length] for length in (2, 4, 6, 8) if length <= len(code)]


def on_line(code: str, places: tuple[str, ...]) -> bool:
    """Every place is inside ``code`` or above it (never beside it: another หมู่/ตำบล)."""
    return all(place.startswith(code) or code.startswith(place) for place in places)


# Many candidates share their places (every project of a plan without areas has the plan's
# scope; a tambon's components are its villages): an import asks the same question again.
_on_line_memo = lru_cache(maxsize=100_000)(on_line)


def is_cluster_scope(scope: str) -> bool:
    """A provincial cluster's plan (``C05``, issue 17)."""
    return scope.startswith("C")


def on_cluster_line(code: str, places: tuple[str, ...]) -> bool:
    """A cluster's project spans provinces (a road linking two): an item answers it when the
    item lies on the line of one of its places — inside it or above it."""
    return any(place.startswith(code) or code.startswith(place) for place in places)


def cluster_codes(province_codes: set[str]) -> dict[str, str]:
    """{province code: its cluster's code} for the provinces in a cluster."""
    from planlink.areas.models import Area, cluster_code

    return {
        code: cluster_code(number)
        for code, number in Area.objects.filter(
            code__in=province_codes, level="province", cluster__isnull=False
        ).values_list("code", "cluster__number")
        if number is not None
    }


_T = TypeVar("_T")


def _chunks(values: list[_T], size: int = _CHUNK) -> Iterator[list[_T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def load_candidates(keys: set[tuple[int, str]]) -> dict[tuple[int, str], list[Candidate]]:
    """The sent-upward needs of each (fiscal year, plan scope code), with places and agencies."""
    by_scope: dict[tuple[int, str], list[Candidate]] = defaultdict(list)
    by_year: dict[int, list[str]] = defaultdict(list)
    for year, scope in keys:
        by_year[year].append(scope)
    found: dict[int, Candidate] = {}
    for year, scopes in by_year.items():
        for chunk in _chunks(sorted(set(scopes))):
            rows = (
                Project.objects.filter(plan__cycle_id=year, plan__scope_code__in=chunk)
                .filter(pk__in=Referral.objects.values("project_id"))
                .values_list("pk", "title", "plan__scope_code")
            )
            for pk, title, scope in rows:
                candidate = Candidate(project_id=pk, title=title, plan_scope=scope)
                found[pk] = candidate
                by_scope[(year, scope)].append(candidate)
    ids = sorted(found)
    places: dict[int, list[str]] = defaultdict(list)
    through = Project.areas.through
    for id_chunk in _chunks(ids):
        for project_id, area_id in through.objects.filter(project_id__in=id_chunk).values_list(
            "project_id", "area_id"
        ):
            places[project_id].append(area_id)
        for project_id, agency in Referral.objects.filter(
            project_id__in=id_chunk, target_kind=TargetKind.AGENCY
        ).values_list("project_id", "to_agency_id"):
            found[project_id].agencies.add(agency)
        for pk, project_id, title, area_id in ProjectComponent.objects.filter(
            project_id__in=id_chunk
        ).values_list("pk", "project_id", "title", "area_id"):
            parent = found[project_id]
            parent.components.append(
                Candidate(
                    project_id=project_id,
                    title=title or parent.title,
                    plan_scope=parent.plan_scope,
                    component_id=pk,
                    places=(area_id,) if area_id else (),
                    agencies=parent.agencies,
                )
            )
    for pk, candidate in found.items():
        candidate.places = tuple(sorted(set(places.get(pk, ())))) or (candidate.plan_scope,)
    return by_scope


def _options(
    item: Any, candidates: list[Candidate], matcher: Matcher
) -> list[tuple[Candidate, float, str]]:
    code = item.area_code
    options: list[tuple[Candidate, float, str]] = []
    for candidate in candidates:
        if is_cluster_scope(candidate.plan_scope):
            pool = [candidate] if on_cluster_line(code, candidate.places) else []
        elif _on_line_memo(code, candidate.places):
            pool = [candidate]
        elif candidate.components:  # a grouped need: only its components in the item's place
            pool = [
                part
                for part in candidate.components
                if part.places and _on_line_memo(code, part.places)
            ]
        else:
            continue
        for option in pool:
            # a cluster's project is compared in the item's own place (it covers several)
            scope = code if is_cluster_scope(option.plan_scope) else option.scope
            found = matcher.relation(item.title, option.title, scope_a=code, scope_b=scope)
            if found.kind == "duplicate" and found.score >= PROPOSE_THRESHOLD:
                options.append((option, found.score, found.reason_th))
    return options


def _covers(places: tuple[str, ...], others: tuple[str, ...]) -> bool:
    """Every place of ``places`` is one of ``others``, inside one or above one."""
    return all(
        any(place.startswith(other) or other.startswith(place) for other in others)
        for place in places
    )


def _one_line(options: list[tuple[Candidate, float, str]]) -> bool:
    """The options are one need: of any two, the places of one are among the other's (one
    lineage's copies, or a place and its parent) — never two places beside each other."""
    places = [option[0].places for option in options if not is_cluster_scope(option[0].plan_scope)]
    return all(
        _covers(first, second) or _covers(second, first)
        for index, first in enumerate(places)
        for second in places[index + 1 :]
    )


def _choose(
    item: Any, options: list[tuple[Candidate, float, str]]
) -> tuple[Candidate, float, str] | None:
    """The best score; among those near it, the highest plan, then the item's own agency.

    None when the near-best needs sit in places beside each other (the item says only
    "ตำบลท่าสาป" and both หมู่ 4 and หมู่ 9 asked for a well): never a guess between places.
    """
    best = max(score for _, score, _ in options)
    near = [option for option in options if option[1] >= best - NEAR_BEST]
    if not _one_line(near):
        return None
    return min(
        near,
        key=lambda o: (
            # the highest plan first: a cluster's, then a province's, a district's …
            1 if is_cluster_scope(o[0].plan_scope) else (len(o[0].plan_scope) or 9),
            0 if item.agency_id and item.agency_id in o[0].agencies else 1,
            -o[1],
            o[0].project_id,
        ),
    )


def _reason(item: Any, option: Candidate, score: float, rule: str) -> str:
    parts = [rule, f"คะแนนความเหมือน {score:.0%}"]
    if item.location_text:
        parts.append(f"พื้นที่จากรายการ: {item.location_text}")
    if item.agency_id and item.agency_id in option.agencies:
        parts.append("ความต้องการนี้ส่งถึงหน่วยรับงบประมาณเดียวกัน")
    if option.component_id:
        parts.append("ตรงกับองค์ประกอบรายพื้นที่ของโครงการรวม")
    return "; ".join(parts)[:1000]


def find_proposals(items: list[Any], *, matcher: Matcher | None = None) -> dict[int, Proposal]:
    """The proposal of each item that has one, by the item's index in ``items`` (pure read).

    ``items`` are ``SupplyItem`` rows or items not yet written (``imports.PendingItem``):
    anything with ``pk``, ``title``, ``cycle_id``, ``area_code``, ``agency_id``,
    ``location_text`` and ``rejected_projects``.
    """
    matcher = matcher or Matcher()
    located = [(index, item) for index, item in enumerate(items) if item.area_code]
    keys = {(item.cycle_id, prefix) for _, item in located for prefix in prefixes(item.area_code)}
    # The needs of the item's provincial cluster too (its plans' scope is ``C05``, issue 17).
    clusters = cluster_codes({item.area_code[:2] for _, item in located})
    keys |= {
        (item.cycle_id, clusters[item.area_code[:2]])
        for _, item in located
        if item.area_code[:2] in clusters
    }
    by_scope = load_candidates(keys)
    years = {item.cycle_id for _, item in located}
    # What other items already took, among these candidates only (an option is always one of
    # them): the year's items of the whole country, read for each import, grew with the nation.
    # (The id list is one parameter however long: ``planlink.core.lookups``.)
    candidate_ids = {candidate.project_id for found in by_scope.values() for candidate in found}
    taken: set[tuple[int, int | None]] = set(
        SupplyItem.objects.filter(
            cycle_id__in=years,
            state__in=(ItemState.PROPOSED, ItemState.CONFIRMED),
            matched_project_id__in=list(candidate_ids),
        )
        .exclude(pk__in=[item.pk for item in items if item.pk])
        .values_list("matched_project_id", "matched_component_id")
    )
    proposals: dict[int, Proposal] = {}
    for index, item in located:
        rejected = set(item.rejected_projects or [])
        scopes = prefixes(item.area_code)
        if item.area_code[:2] in clusters:
            scopes.append(clusters[item.area_code[:2]])
        candidates = [
            candidate
            for prefix in scopes
            for candidate in by_scope.get((item.cycle_id, prefix), [])
            if candidate.project_id not in rejected
        ]
        options = [
            option
            for option in _options(item, candidates, matcher)
            if (option[0].project_id, option[0].component_id) not in taken
            and (option[0].project_id, None) not in taken
        ]
        if not options:
            continue
        chosen = _choose(item, options)
        if chosen is None:
            continue
        option, score, rule = chosen
        taken.add((option.project_id, option.component_id))
        proposals[index] = Proposal(
            project_id=option.project_id,
            component_id=option.component_id,
            score=round(score, 4),
            reason=_reason(item, option, score, rule),
        )
    return proposals


def propose_matches(items: list[SupplyItem], *, matcher: Matcher | None = None) -> int:
    """Propose a need for each unmatched item that answers one; returns how many."""
    open_items = [item for item in items if item.state == ItemState.UNMATCHED]
    proposals = find_proposals(open_items, matcher=matcher)
    rows = [
        (
            ItemState.PROPOSED,
            proposal.project_id,
            proposal.component_id,
            proposal.score,
            proposal.reason,
            open_items[index].pk,
        )
        for index, proposal in proposals.items()
    ]
    with transaction.atomic():
        update_rows(
            SupplyItem,
            ["state", "matched_project", "matched_component", "match_score", "match_reason"],
            rows,
        )
    return len(rows)
