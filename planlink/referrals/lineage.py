"""Lineage: where a need came from and where it went.

``trace(project)`` walks the referral graph both ways, a level at a time (a
handful of queries whatever the size: the chain village → tambon → district →
province → agency is at most six steps), and says the need's fate.

Components (issue 12): when a village's need became one place (component) of a grouped
project, the walk carries that place upward — by the referral's ``result_component``, and
then by the component's key, which the upper projects' components keep. A referral, a
decision or a funding request that names another component does not concern this need; one
that names none concerns every place. So funding the road of หมู่ 7 leaves the road of
หมู่ 3 unfunded on the tracker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, NamedTuple

from planlink.plans.models import Mode, Project, ProjectComponent
from planlink.referrals.models import Decision, FundingRequest, FundingStatus, Referral

MAX_DEPTH = 12


def _node(project: Project) -> dict[str, Any]:
    plan = project.plan
    return {
        "id": project.pk,
        "title": project.title,
        "budget": str(project.budget),
        "mode": project.mode,
        "plan": {
            "id": plan.pk,
            "kind": plan.kind,
            "kind_label": plan.get_kind_display(),
            "title": plan.title,
            "state": plan.state,
            "scope_code": plan.scope_code,
            "synthetic": plan.synthetic,
        },
    }


def _edge(referral: Referral) -> dict[str, Any]:
    return {
        "id": referral.pk,
        "from_project": referral.project_id,
        "to_project": referral.result_project_id,
        "component": _component(referral.component) if referral.component else None,
        "to_component": (
            _component(referral.result_component) if referral.result_component else None
        ),
        "target_kind": referral.target_kind,
        "target_key": referral.target_key,
        "decision": referral.decision,
        "decision_label": referral.get_decision_display(),
        "reason": referral.reason,
        "engine_reason": referral.engine_reason,
        "decided_at": referral.decided_at.isoformat() if referral.decided_at else None,
        "decided_by": referral.decided_by.get_username() if referral.decided_by else None,
        "decided_automatically": referral.decided_automatically,
        "amount": str(referral.amount) if referral.amount is not None else None,
        "funding_source": referral.funding_source,
        "fiscal_year": referral.fiscal_year,
    }


def _component(component: ProjectComponent) -> dict[str, Any]:
    return {
        "id": component.pk,
        "project": component.project_id,
        "key": component.key,
        "place": component.place_label,
        "title": component.title,
        "budget": str(component.budget),
        "households": component.households,
    }


def _walk(start: Iterable[int], upward: bool) -> tuple[set[int], list[Referral]]:
    seen: set[int] = set(start)
    frontier = set(start)
    edges: list[Referral] = []
    for _ in range(MAX_DEPTH):
        if not frontier:
            break
        query = Referral.objects.select_related(
            "decided_by", "component__area", "result_component__area"
        )
        if upward:
            found = list(query.filter(result_project_id__in=frontier))
            following = {ref.project_id for ref in found}
        else:
            found = list(query.filter(project_id__in=frontier))
            following = {ref.result_project_id for ref in found if ref.result_project_id}
        edges.extend(found)
        frontier = following - seen
        seen |= following
    return seen, edges


def trace(project: Project) -> dict[str, Any]:
    """Every ancestor and descendant of ``project`` with the decisions between them."""
    ancestor_ids, up_edges = _walk([project.pk], upward=True)
    descendant_ids, down_edges = _walk([project.pk], upward=False)
    ids = ancestor_ids | descendant_ids
    projects = {p.pk: p for p in Project.objects.select_related("plan").filter(pk__in=ids)}
    edges = {edge.pk: edge for edge in up_edges + down_edges}
    funding = list(
        FundingRequest.objects.select_related("source_agency", "source_lao", "component")
        .filter(project_id__in=descendant_ids)
        .order_by("id")
    )
    components = list(
        ProjectComponent.objects.select_related("area").filter(project=project).order_by("order")
    )
    carried, reached = _carry(
        project.pk,
        {
            edge.pk: (
                edge.project_id,
                edge.result_project_id,
                _key(edge.component),
                _key(edge.result_component),
            )
            for edge in down_edges
        },
    )
    # The need's own path: what concerns another place of a grouped project further up (the
    # road of หมู่ 7 funded) is not part of the path of หมู่ 3's road.
    up_ids = {edge.pk for edge in up_edges}
    shown = {pk: edge for pk, edge in edges.items() if pk in up_ids or pk in carried}
    concerning = [r for r in funding if _applies(_key(r.component), reached.get(r.project_id))]
    return {
        "project": _node(project),
        "components": [
            {**_component(c), "outcome": _outcome_of(project, c.key, down_edges, funding)}
            for c in components
        ],
        "ancestors": [_node(projects[i]) for i in sorted(ancestor_ids - {project.pk})],
        "descendants": [
            _node(projects[i]) for i in sorted(descendant_ids - {project.pk}) if i in reached
        ],
        "referrals": [_edge(shown[i]) for i in sorted(shown)],
        "funding_requests": [_funding(request) for request in concerning],
        "outcome": _outcome(project, [shown[i] for i in sorted(shown) if i in carried], concerning),
    }


def _key(component: ProjectComponent | None) -> str | None:
    return component.key if component is not None else None


# The place of the need at a node: a component key, or ``WHOLE`` when the need is the whole
# project there (a village need merged whole, or the root project itself).
WHOLE = ""


def _applies(named: str | None, places: set[str] | None) -> bool:
    """Does something that names component ``named`` (None: the whole project) concern the
    need, which sits at ``places`` of that node (``WHOLE``: it is the whole project)?"""
    if places is None:
        return False
    return named is None or WHOLE in places or named in places


def _carry(
    root: int, edges: dict[int, tuple[int, int | None, str | None, str | None]], place: str = WHOLE
) -> tuple[set[int], dict[int, set[str]]]:
    """Follow the need of ``root`` (at ``place`` there) downstream through ``edges``
    ({id: (from, to, component named, result component)}): the edges that carry it and the
    places it reaches at each node."""
    by_source: dict[int, list[tuple[int, int | None, str | None, str | None]]] = {}
    for pk, (source, result, named, result_key) in edges.items():
        by_source.setdefault(source, []).append((pk, result, named, result_key))
    reached: dict[int, set[str]] = {root: {place}}
    carried: set[int] = set()
    frontier = [(root, place)]
    while frontier:
        node, here = frontier.pop()
        for pk, result, named, result_key in by_source.get(node, ()):
            if not _applies(named, {here}):
                continue
            carried.add(pk)
            if result is None:
                continue
            there = result_key or (named if here == WHOLE and named else here)
            if there not in reached.setdefault(result, set()):
                reached[result].add(there)
                frontier.append((result, there))
    return carried, reached


def _outcome_of(
    project: Project, place: str, edges: list[Referral], funding: list[FundingRequest]
) -> dict[str, Any]:
    """The outcome of one component (place) of ``project``."""
    carried, reached = _carry(
        project.pk,
        {
            edge.pk: (
                edge.project_id,
                edge.result_project_id,
                _key(edge.component),
                _key(edge.result_component),
            )
            for edge in edges
        },
        place,
    )
    return _outcome(
        project,
        [edge for edge in edges if edge.pk in carried],
        [r for r in funding if _applies(_key(r.component), reached.get(r.project_id))],
    )


def _funding(request: FundingRequest) -> dict[str, Any]:
    return {
        "id": request.pk,
        "project": request.project_id,
        "source": request.source,
        "source_label": (
            request.source_agency.name_th
            if request.source_agency
            else request.source_lao.full_name_th
            if request.source_lao
            else request.source_name or request.get_source_display()
        ),
        "fiscal_year": request.fiscal_year,
        "requested": str(request.requested),
        "approved": str(request.approved) if request.approved is not None else None,
        "status": request.status,
    }


FATE_LABELS = {
    "funded": ("ได้รับงบประมาณ", "funded"),
    "in_progress": ("อยู่ระหว่างดำเนินการ", "in progress"),
    "not_funded": ("ไม่ได้รับงบประมาณ/ส่งคืน", "not funded or returned"),
    "self": ("หมู่บ้านดำเนินการเอง", "done by the village"),
    "not_sent": ("ยังไม่ได้ส่งต่อ", "not sent on yet"),
}


def _outcome(
    project: Project, edges: list[Referral], funding: list[FundingRequest]
) -> dict[str, Any]:
    """The fate of the need from ``edges`` that carry it and the ``funding`` that concerns it."""
    approved = [request for request in funding if request.status == FundingStatus.APPROVED]
    last = latest_step(
        [Step(e.decision, e.decided_at or e.created_at, "referral", e.pk, e.reason) for e in edges]
        + [Step(r.status, r.decided_at or r.created_at, "funding", r.pk, r.reason) for r in funding]
    )
    status = status_of(
        project.mode,
        last,
        funded=bool(approved) or any(e.decision == Decision.FUNDED for e in edges),
    )
    label_th, label_en = FATE_LABELS[status]
    result: dict[str, Any] = {"status": status, "label_th": label_th, "label_en": label_en}
    if status == "funded":
        funded_edges = [edge for edge in edges if edge.decision == Decision.FUNDED]
        result["amount"] = str(
            sum((e.amount or Decimal(0) for e in funded_edges), Decimal(0))
            + sum((r.approved or Decimal(0) for r in approved), Decimal(0))
        )
        result["sources"] = sorted(
            {e.funding_source for e in funded_edges}
            | {_funding(r)["source_label"] for r in approved}
        )
        result["fiscal_years"] = sorted(
            {e.fiscal_year for e in funded_edges if e.fiscal_year}
            | {r.fiscal_year for r in approved}
        )
    elif status == "not_funded" and last is not None:
        result["reason"] = last.reason
        result["closed_by"] = last.decision
    return result


# The decisions that end a step: a referral returned or refused, a funding request refused or
# withdrawn. Any other step (sent and waiting, included, merged, a request filed) goes on.
CLOSING = frozenset(
    {Decision.RETURNED, Decision.NOT_FUNDED, FundingStatus.REJECTED, FundingStatus.WITHDRAWN}
)


class Step(NamedTuple):
    """One step of a need's path: a referral's decision or a funding request's status, and
    when it happened (decided, else sent or filed)."""

    decision: str
    at: dt.datetime | None
    kind: str
    pk: int
    reason: str


def latest_step(steps: Iterable[Step]) -> Step | None:
    """The step that happened last (decided or sent); ties by kind and id, so it is stable."""
    found = list(steps)
    if not found:
        return None
    floor = dt.datetime.min.replace(tzinfo=dt.UTC)
    return max(found, key=lambda step: (step.at or floor, step.kind == "funding", step.pk))


def status_of(mode: str, last: Step | None, *, funded: bool) -> str:
    """A need's badge: its latest decision along the lineage, outcomes flowing back down.

    funded — a funded referral or an approved request anywhere the need reached (final);
    not_funded — the latest step returned it or refused its funding (shown with its reason);
    in_progress — the latest step goes on (sent and waiting, included, merged, requested);
    self — a village keeps it; not_sent — nothing was sent.
    """
    if funded:
        return "funded"
    if last is None:
        return "self" if mode == Mode.SELF else "not_sent"
    if last.decision in CLOSING:
        return "not_funded"
    return "in_progress"


class Story(NamedTuple):
    """What the tracker says of one need: its badge, and when it was returned or refused, the
    decision and its reason; ``collected`` — it went into a tambon plan (merged or included)."""

    status: str
    collected: bool
    closed_by: str = ""
    reason: str = ""


def outcomes_for(project_ids: Iterable[int]) -> dict[int, str]:
    """Bulk fate of many projects — for lists and roll-ups, a query per level."""
    return {pk: story.status for pk, story in stories_for(project_ids).items()}


INTO_TAMBON_DECISIONS = (Decision.MERGED, Decision.INCLUDED)


def stories_for(project_ids: Iterable[int]) -> dict[int, Story]:
    """Bulk :class:`Story` of many projects — a query per level of the lineage, whatever
    their number. Each need is followed through its own place (component) upward, as in
    ``trace``, and its badge is its latest step (``status_of``)."""
    ids = set(project_ids)
    modes = dict(Project.objects.filter(pk__in=ids).values_list("pk", "mode"))
    # (source, decision, result, component named, result component, receiving plan kind,
    #  when, id, reason) by source project.
    by_source: dict[int, list[tuple[Any, ...]]] = {}
    fetched: set[int] = set()
    # Each root's states: (node, place) pairs reached, and the edges that carried the need.
    reached: dict[int, dict[int, set[str]]] = {pid: {pid: {WHOLE}} for pid in ids}
    carried: dict[int, list[tuple[Any, ...]]] = {pid: [] for pid in ids}
    frontier: dict[int, list[tuple[int, str]]] = {pid: [(pid, WHOLE)] for pid in ids}
    for _ in range(MAX_DEPTH):
        current = {node for states in frontier.values() for node, _ in states} - fetched
        if current:
            for row in Referral.objects.filter(project_id__in=current).values_list(
                "project_id", "decision", "result_project_id", "component__key",
                "result_component__key", "to_plan__kind", "decided_at", "created_at", "id",
                "reason",
            ):  # fmt: skip
                by_source.setdefault(row[0], []).append(row)
            fetched |= current
        next_frontier: dict[int, list[tuple[int, str]]] = {}
        for root, states in frontier.items():
            for node, here in states:
                for row in by_source.get(node, ()):
                    _source, _decision, result, named, result_key = row[:5]
                    if not _applies(named, {here}):
                        continue
                    carried[root].append(row)
                    if result is None:
                        continue
                    there = result_key or (named if here == WHOLE and named else here)
                    places = reached[root].setdefault(result, set())
                    if there not in places:
                        places.add(there)
                        next_frontier.setdefault(root, []).append((result, there))
        frontier = next_frontier
        if not frontier:
            break
    everything = {node for nodes in reached.values() for node in nodes}
    requests: dict[int, list[tuple[Any, ...]]] = {}
    for request in FundingRequest.objects.filter(project_id__in=everything).values_list(
        "project_id", "component__key", "status", "decided_at", "created_at", "id", "reason"
    ):
        requests.setdefault(request[0], []).append(request)
    stories: dict[int, Story] = {}
    for root, nodes in reached.items():
        edges = list(dict.fromkeys(carried[root]))
        concerning = [
            row
            for node, places in nodes.items()
            for row in requests.get(node, ())
            if _applies(row[1], places)
        ]
        funded = any(row[1] == Decision.FUNDED for row in edges) or any(
            row[2] == FundingStatus.APPROVED for row in concerning
        )
        last = latest_step(
            [Step(row[1], row[6] or row[7], "referral", row[8], row[9]) for row in edges]
            + [Step(row[2], row[3] or row[4], "funding", row[5], row[6]) for row in concerning]
        )
        status = status_of(modes.get(root, ""), last, funded=funded)
        collected = any(
            row[0] == root and row[5] == "tambon" and row[1] in INTO_TAMBON_DECISIONS
            for row in edges
        )
        closed = status == "not_funded" and last is not None
        stories[root] = Story(
            status=status,
            collected=collected,
            closed_by=last.decision if closed and last else "",
            reason=last.reason if closed and last else "",
        )
    return stories
