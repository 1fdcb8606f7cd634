"""What an officer does with the engine's proposals (the tambon review, and the same above).

The engine proposes; people decide (issue "consolidation engine", §4). Each
action is one transaction, audited, and is remembered by the engine: accepted
merges become settled projects, a split source gets a project of its own, a
rejected source is returned to its plan with the reason, and a rank set by hand
is locked against re-ranking.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q, QuerySet

from planlink.audit.services import audit_record
from planlink.consolidation.sending import send_routes
from planlink.core.errors import DomainError, StateError
from planlink.core.types import acting_user
from planlink.plans.models import Plan, Project, Route
from planlink.plans.services import plan_submit
from planlink.referrals.models import Decision, Referral
from planlink.referrals.services import referral_decide

if TYPE_CHECKING:
    from planlink.core.types import Actor

MAX_UP_PER_ISSUE = 2


def _require_editable(plan: Plan) -> None:
    if not plan.is_editable:
        raise StateError(
            "แผนนี้ส่งแล้ว แก้ไขข้อเสนอไม่ได้", "the plan was submitted; proposals are read-only"
        )


@transaction.atomic
def proposal_accept(*, tambon_project: Project, actor: Actor) -> int:
    """Accept the merge proposed into ``tambon_project``: decide each pending source."""
    _require_editable(tambon_project.plan)
    pending = list(
        Referral.objects.filter(proposed_result_project=tambon_project, decision=Decision.PENDING)
    )
    if not pending:
        raise DomainError("ไม่มีข้อเสนอที่รอพิจารณาสำหรับโครงการนี้", "no pending proposal for this project")
    decided_before = Referral.objects.filter(
        result_project=tambon_project, decision__in=[Decision.MERGED, Decision.INCLUDED]
    ).count()
    decision = Decision.MERGED if len(pending) + decided_before > 1 else Decision.INCLUDED
    for referral in pending:
        referral_decide(
            referral=referral,
            actor=actor,
            decision=decision,
            result_project=tambon_project,
            reason="ยืนยันข้อเสนอของระบบ",
        )
    return len(pending)


@transaction.atomic
def proposal_split(*, referral: Referral, actor: Actor) -> Project:
    """Take one source out of a proposed merge: it becomes a project of its own, included as such."""
    plan = referral.to_plan
    if referral.decision != Decision.PENDING or plan is None:
        raise StateError("แยกได้เฉพาะข้อเสนอที่รอพิจารณา", "only a pending proposal can be split")
    _require_editable(plan)
    source = referral.project
    own = Project.objects.create(
        plan=plan,
        title=source.title,
        rationale=source.rationale,
        objective=source.objective,
        target_quantity=source.target_quantity,
        target_unit=source.target_unit,
        budget=source.budget,
        issue=source.issue,
        strategy=source.issue.strategy if source.issue is not None else None,
        mode=source.mode,
        capacity_level=source.capacity_level,
        households=source.households,
        villages_count=source.villages_count or 1,
        suggested_agency=source.suggested_agency,
        engine_key=f"split:{referral.pk}",
        created_by=acting_user(actor),
    )
    own.areas.set(source.areas.all())
    referral_decide(
        referral=referral,
        actor=actor,
        decision=Decision.INCLUDED,
        result_project=own,
        reason="แยกออกจากข้อเสนอรวม (ความต้องการต่างกัน)",
    )
    audit_record(
        actor=actor,
        action="proposal.split",
        obj=own,
        scope_code=plan.scope_code,
        changes={"from_referral": referral.pk},
    )
    return own


@transaction.atomic
def proposal_reject(*, referral: Referral, actor: Actor, reason: str) -> Referral:
    """Return a source need to its plan with a reason (e.g. not a tambon matter)."""
    if referral.to_plan is not None:
        _require_editable(referral.to_plan)
    return referral_decide(
        referral=referral, actor=actor, decision=Decision.RETURNED, reason=reason
    )


@transaction.atomic
def project_rerank(*, project: Project, actor: Actor, priority: int) -> Project:
    """Set a rank by hand; the engine will leave this issue's ranks as the officer set them."""
    _require_editable(project.plan)
    if priority < 1:
        raise DomainError("ลำดับเริ่มที่ 1", "ranks start at 1")
    siblings = list(
        Project.objects.filter(plan=project.plan, issue=project.issue)
        .exclude(pk=project.pk)
        .order_by("priority", "pk")
    )
    ordered = siblings[: priority - 1] + [project] + siblings[priority - 1 :]
    for rank, item in enumerate(ordered, start=1):
        Project.objects.filter(pk=item.pk).update(priority=rank, priority_locked=True)
    project.refresh_from_db()
    audit_record(
        actor=actor,
        action="project.rerank",
        obj=project,
        scope_code=project.plan.scope_code,
        changes={"priority": priority},
    )
    return project


class UndecidedProposals(StateError):
    """The plan still has proposals nobody decided on; ``count`` says how many."""

    def __init__(self, count: int) -> None:
        super().__init__(
            f"ยังมีข้อเสนอรอพิจารณา {count:,} รายการ ส่งแผนไม่ได้ "
            "โปรดยืนยัน แยก หรือส่งคืนให้ครบก่อน (หรือส่งคืนที่เหลือพร้อมเหตุผล)",
            f"{count:,} proposal(s) are still undecided; decide them (or return the rest "
            "with a reason) before submitting",
        )
        self.count = count


def pending_proposals(plan: Plan) -> QuerySet[Referral]:
    """Sources sent to ``plan`` that nobody has decided on yet (รอพิจารณา)."""
    return Referral.objects.filter(to_plan=plan, decision=Decision.PENDING)


@transaction.atomic
def review_submit(
    *, plan: Plan, actor: Actor, return_rest_reason: str | None = None
) -> dict[str, int]:
    """ส่งแผน after a review: submit the plan (``plan_submit``), then send every project along
    the route the officer confirmed (``send_routes``): the LAO coordination list
    (บัญชีประสานโครงการ) and the top projects per issue to the level above. All or nothing.

    A plan with undecided proposals is refused (they would stay "รอพิจารณา" forever), unless
    the officer returns the rest explicitly with ``return_rest_reason``.
    """
    pending = list(pending_proposals(plan).select_related("to_plan"))
    if pending:
        reason = (return_rest_reason or "").strip()
        if return_rest_reason is None:
            raise UndecidedProposals(len(pending))
        if not reason:
            raise DomainError(
                "ต้องระบุเหตุผลที่ส่งคืนข้อเสนอที่เหลือ", "a reason is required to return the rest"
            )
        for referral in pending:
            proposal_reject(referral=referral, actor=actor, reason=reason)
    plan_submit(plan=plan, actor=actor)
    return send_routes(plan, actor=actor)


@transaction.atomic
def project_send_up(*, project: Project, actor: Actor, up: bool) -> list[Project]:
    """Tick or untick one project for the level above, keeping the others as they are;
    the 2-per-issue rule of ``proposals_choose_top`` applies (docs/reference/seeds/002 §5)."""
    plan = project.plan
    chosen = set(
        Project.objects.filter(plan=plan, proposed_route=Route.UP).values_list("pk", flat=True)
    )
    if up:
        chosen.add(project.pk)
    else:
        chosen.discard(project.pk)
    return proposals_choose_top(plan=plan, actor=actor, project_ids=sorted(chosen))


@transaction.atomic
def proposals_choose_top(*, plan: Plan, actor: Actor, project_ids: list[int]) -> list[Project]:
    """The officer's choice of what goes to the district: at most two per issue (docs/reference/seeds/002 §5)."""
    _require_editable(plan)
    chosen = list(Project.objects.filter(plan=plan, pk__in=project_ids).select_related("issue"))
    if len(chosen) != len(set(project_ids)):
        raise DomainError("บางโครงการไม่อยู่ในแผนนี้", "some projects are not in this plan")
    per_issue: dict[Any, int] = defaultdict(int)
    for project in chosen:
        per_issue[project.issue_id] += 1
        if per_issue[project.issue_id] > MAX_UP_PER_ISSUE:
            name = project.issue.name_th if project.issue is not None else "ไม่ระบุประเด็น"
            raise DomainError(
                f"ประเด็น {name} เลือกได้ไม่เกิน 2 โครงการ", "at most 2 projects per issue"
            )
    Project.objects.filter(plan=plan, proposed_route=Route.UP).exclude(pk__in=project_ids).update(
        proposed_route=Route.TAMBON
    )
    Project.objects.filter(pk__in=project_ids).update(proposed_route=Route.UP, priority_locked=True)
    audit_record(
        actor=actor,
        action="plan.choose_top",
        obj=plan,
        scope_code=plan.scope_code,
        changes={"projects": sorted(project_ids)},
    )
    return chosen


def proposal_groups(plan: Plan, projects: Iterable[Project] | None = None) -> list[dict[str, Any]]:
    """The review screen's data: each project of the plan with its sources and reasons.

    ``projects`` (of ``plan``) limits the result to one page of the screen."""
    if projects is None:
        projects = list(
            plan.projects.select_related("issue").order_by("issue__order", "priority", "pk")
        )
        linked = Q(proposed_result_project__plan=plan) | Q(result_project__plan=plan)
    else:
        projects = list(projects)
        ids = [project.pk for project in projects]
        linked = Q(proposed_result_project_id__in=ids) | Q(result_project_id__in=ids)
    sources: dict[int, list[Referral]] = defaultdict(list)
    for referral in Referral.objects.filter(linked).select_related("project__plan__owner_area"):
        target = referral.result_project_id or referral.proposed_result_project_id
        if target is not None:
            sources[target].append(referral)
    return [
        {
            "project": project,
            "sources": sorted(sources.get(project.pk, []), key=lambda r: r.pk),
            "pending": sum(
                1 for r in sources.get(project.pk, []) if r.decision == Decision.PENDING
            ),
            "reason": next(
                (r.engine_reason for r in sources.get(project.pk, []) if r.engine_reason), ""
            ),
        }
        for project in projects
    ]
