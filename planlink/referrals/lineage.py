"""Lineage: where a need came from and where it went.

``trace(project)`` walks the referral graph both ways, a level at a time (a
handful of queries whatever the size: the chain village → tambon → district →
province → agency is at most six steps), and says the need's fate.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from planlink.plans.models import Mode, Project
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
        "target_kind": referral.target_kind,
        "target_key": referral.target_key,
        "decision": referral.decision,
        "decision_label": referral.get_decision_display(),
        "reason": referral.reason,
        "engine_reason": referral.engine_reason,
        "decided_at": referral.decided_at.isoformat() if referral.decided_at else None,
        "decided_by": referral.decided_by.get_username() if referral.decided_by_id else None,
        "decided_automatically": referral.decided_automatically,
        "amount": str(referral.amount) if referral.amount is not None else None,
        "funding_source": referral.funding_source,
        "fiscal_year": referral.fiscal_year,
    }


def _walk(start: Iterable[int], upward: bool) -> tuple[set[int], list[Referral]]:
    seen: set[int] = set(start)
    frontier = set(start)
    edges: list[Referral] = []
    for _ in range(MAX_DEPTH):
        if not frontier:
            break
        query = Referral.objects.select_related("decided_by")
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
        FundingRequest.objects.select_related("source_agency", "source_lao")
        .filter(project_id__in=descendant_ids)
        .order_by("id")
    )
    return {
        "project": _node(project),
        "ancestors": [_node(projects[i]) for i in sorted(ancestor_ids - {project.pk})],
        "descendants": [_node(projects[i]) for i in sorted(descendant_ids - {project.pk})],
        "referrals": [_edge(edges[i]) for i in sorted(edges)],
        "funding_requests": [_funding(request) for request in funding],
        "outcome": _outcome(
            project,
            [edges[i] for i in sorted(edges) if edges[i].project_id in descendant_ids],
            funding,
        ),
    }


def _funding(request: FundingRequest) -> dict[str, Any]:
    return {
        "id": request.pk,
        "project": request.project_id,
        "source": request.source,
        "source_label": (
            request.source_agency.name_th
            if request.source_agency_id
            else request.source_lao.full_name_th
            if request.source_lao_id
            else request.source_name or request.get_source_display()
        ),
        "fiscal_year": request.fiscal_year,
        "requested": str(request.requested),
        "approved": str(request.approved) if request.approved is not None else None,
        "status": request.status,
    }


LIVE = (Decision.PENDING,)


def fate(
    root: int,
    mode: str,
    nodes: set[int],
    edges: list[tuple[int, str, int | None]],
    funded_projects: set[int],
) -> str:
    """One status from a project's descendants and the edges among them.

    funded — a funded decision or an approved request anywhere downstream;
    in_progress — a pending referral, or the need sits in a plan that has not sent it on;
    not_funded — every path ended returned or not funded; self — a village keeps it;
    not_sent — nothing was sent.
    """
    if nodes & funded_projects or any(d == Decision.FUNDED for _, d, _ in edges):
        return "funded"
    if not edges:
        return "self" if mode == Mode.SELF else "not_sent"
    if any(d in LIVE for _, d, _ in edges):
        return "in_progress"
    sources = {s for s, _, _ in edges}
    if any(node not in sources for node in nodes if node != root):
        return "in_progress"
    return "not_funded"


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
    nodes = {project.pk} | {e.result_project_id for e in edges if e.result_project_id}
    approved = [request for request in funding if request.status == FundingStatus.APPROVED]
    status = fate(
        project.pk,
        project.mode,
        nodes,
        [(e.project_id, e.decision, e.result_project_id) for e in edges],
        {request.project_id for request in approved},
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
    elif status == "not_funded" and edges:
        result["reason"] = max(edges, key=lambda edge: edge.pk).reason
    return result


def outcomes_for(project_ids: Iterable[int]) -> dict[int, str]:
    """Bulk fate of many projects — for lists and roll-ups, a query per level."""
    ids = set(project_ids)
    modes = dict(Project.objects.filter(pk__in=ids).values_list("pk", "mode"))
    descendants: dict[int, set[int]] = {pid: {pid} for pid in ids}
    frontier = {pid: {pid} for pid in ids}
    by_source: dict[int, list[tuple[int, str, int | None]]] = {}
    fetched: set[int] = set()
    for _ in range(MAX_DEPTH):
        current = set().union(*frontier.values()) - fetched if frontier else set()
        if current:
            for row in Referral.objects.filter(project_id__in=current).values_list(
                "project_id", "decision", "result_project_id"
            ):
                by_source.setdefault(row[0], []).append(row)
            fetched |= current
        next_frontier = {}
        for root, nodes in frontier.items():
            following = {r for n in nodes for _, _, r in by_source.get(n, []) if r} - descendants[
                root
            ]
            if following:
                descendants[root] |= following
                next_frontier[root] = following
        frontier = next_frontier
        if not frontier:
            break
    everything = set().union(*descendants.values()) if descendants else set()
    approved = set(
        FundingRequest.objects.filter(
            project_id__in=everything, status=FundingStatus.APPROVED
        ).values_list("project_id", flat=True)
    )
    return {
        root: fate(
            root,
            modes.get(root, ""),
            nodes,
            [edge for n in nodes for edge in by_source.get(n, [])],
            approved,
        )
        for root, nodes in descendants.items()
    }
