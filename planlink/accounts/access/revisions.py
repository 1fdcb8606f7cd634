"""Plan revisions: read with their plan, drafted and approved by the plan's owner.

Part of :mod:`planlink.accounts.access`. A revision is read by whoever reads its plan
(``Access.plan_q``) and written — drafted, given items, approved — only by the plan's owner
(``Access.owns_plan``: the LAO's planner for its local development plan, the district for its
district plans, national administrators). Missing and forbidden look the same: ``NotFound``.
"""

from __future__ import annotations

from typing import Any

from planlink.accounts.access.core import access_for, access_plan
from planlink.core.errors import NotFound, PermissionDenied
from planlink.plans.models import Plan
from planlink.plans.revision_models import PlanRevision, RevisionItem


def can_revise_plan(user: Any, plan: Plan) -> bool:
    return access_for(user).owns_plan(plan)


def require_plan_reviser(user: Any, plan: Plan) -> None:
    if not can_revise_plan(user, plan):
        raise PermissionDenied(
            "คุณไม่มีสิทธิ์ปรับปรุงแผนนี้ (เฉพาะหน่วยงานเจ้าของแผน)",
            "only the plan's owner may revise it",
        )


def access_plan_for_revision(user: Any, plan_id: int) -> Plan:
    """The plan, readable by ``user`` (else ``NotFound``) and revisable by them (else 403)."""
    plan = access_plan(user, plan_id)
    require_plan_reviser(user, plan)
    return plan


def access_revision(
    user: Any, revision_id: int, *, plan_id: int | None = None, for_write: bool = False
) -> PlanRevision:
    access = access_for(user)
    revisions = PlanRevision.objects.filter(access.plan_q("plan__")).select_related("plan")
    if plan_id is not None:
        revisions = revisions.filter(plan_id=plan_id)
    revision = revisions.filter(pk=revision_id).first()
    if revision is None:
        raise NotFound("การปรับปรุงแผน", "plan revision")
    if for_write:
        require_plan_reviser(user, revision.plan)
    return revision


def access_revision_item(user: Any, item_id: int, *, for_write: bool = False) -> RevisionItem:
    access = access_for(user)
    item = (
        RevisionItem.objects.filter(access.plan_q("revision__plan__"))
        .select_related("revision__plan")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise NotFound("รายการปรับปรุงแผน", "revision item")
    if for_write:
        require_plan_reviser(user, item.revision.plan)
    return item
