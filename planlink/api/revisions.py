"""Plan revisions: ``/plans/{plan_id}/revisions`` and ``/projects/{project_id}/revisions``.

An accepted plan changes only through a revision (``planlink.plans.revisions``; the direct
``PATCH /projects/{id}`` of its projects answers 409 and points here). A revision is read by
whoever reads its plan and written by the plan's owner (``planlink.accounts.access.revisions``).
``POST /plans/{id}/revisions`` drafts one with its items in one call, and approves it too when
``approval`` is given; items may be added to a draft and the draft approved later.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from planlink.accounts.access import (
    access_meeting,
    access_plan,
    access_plan_for_revision,
    access_project,
    access_referral,
    access_revision,
)
from planlink.api.auth import caller
from planlink.api.project_schemas import ProjectFieldsIn
from planlink.api.schemas import ERRORS, ObjectId
from planlink.core.errors import DomainError
from planlink.core.types import Actor
from planlink.documents.revision_parts import current_forms, revision_approval_text
from planlink.plans.models import Plan, Project
from planlink.plans.revision_models import PlanRevision, RevisionItem
from planlink.plans.revisions import (
    describe_item,
    plan_revisions,
    project_revision_history,
    revision_add_project,
    revision_approve,
    revision_change_project,
    revision_create,
    revision_move_project,
    revision_withdraw_project,
)

router = Router()


# ------------------------------------------------------------------------------ shapes


class RevisionItemOut(Schema):
    id: int
    order: int
    action: str = Field(description="add | change | move | withdraw")
    action_label: str
    project_id: int | None = Field(description="for an added project: set once approved")
    project_title: str
    description_th: str = Field(description="what the item does, in Thai")
    changes: dict[str, Any] = Field(description="{field: [before, after]}")
    from_form: str
    to_form: str
    from_plan_id: int | None
    to_plan_id: int | None
    link_kind: str = Field(description="duplicate_of | merged_into | ''")
    linked_project_id: int | None
    reason: str

    @staticmethod
    def resolve_action_label(item: RevisionItem) -> str:
        return item.get_action_display()

    @staticmethod
    def resolve_project_title(item: RevisionItem) -> str:
        if item.project is not None:
            return item.project.title
        return str((item.data or {}).get("title", ""))

    @staticmethod
    def resolve_description_th(item: RevisionItem) -> str:
        return describe_item(item)


class MeetingRefOut(Schema):
    id: int
    held_on: dt.date
    committee: str

    @staticmethod
    def resolve_committee(meeting: Any) -> str:
        return str(meeting.committee.name_th)


class RevisionOut(Schema):
    id: int
    plan_id: int
    kind: str = Field(description="review | addition | change | correction")
    kind_label: str = Field(description="ทบทวน | เพิ่มเติม | เปลี่ยนแปลง | แก้ไข")
    number: int
    year: int = Field(description="B.E.")
    label: str = Field(description="as plan books print it: เพิ่มเติม ครั้งที่ 5/2567")
    state: str = Field(description="draft | approved")
    reason: str
    approver_name: str
    approved_on: dt.date | None
    approval_reference: str
    approval_th: str
    meeting: MeetingRefOut | None
    approved_at: dt.datetime | None
    created_at: dt.datetime
    items: list[RevisionItemOut]

    @staticmethod
    def resolve_kind_label(revision: PlanRevision) -> str:
        return revision.get_kind_display()

    @staticmethod
    def resolve_approval_th(revision: PlanRevision) -> str:
        return revision_approval_text(revision)

    @staticmethod
    def resolve_items(revision: PlanRevision) -> list[RevisionItem]:
        return list(revision.items.all())


class ProjectRevisionOut(RevisionItemOut):
    revision_id: int
    revision_label: str
    plan_id: int
    approved_on: dt.date | None

    @staticmethod
    def resolve_revision_label(item: RevisionItem) -> str:
        return item.revision.label

    @staticmethod
    def resolve_plan_id(item: RevisionItem) -> int:
        return item.revision.plan_id

    @staticmethod
    def resolve_approved_on(item: RevisionItem) -> dt.date | None:
        return item.revision.approved_on


class RevisionProjectIn(ProjectFieldsIn):
    title: str | None = Field(None, description="ชื่อโครงการ (required to add a project)")


class RevisionItemIn(Schema):
    action: Literal["add", "change", "move", "withdraw"]
    project_id: ObjectId | None = Field(None, description="the plan's project (not for add)")
    project: RevisionProjectIn | None = Field(
        None, description="add: the new project; change: only the fields that change"
    )
    expected_version: int | None = Field(
        None, description="change: the version you read (409 on approval if it moved on)"
    )
    to_form: str = Field("", description="move: ผ.02 | ผ.02/1 | ผ.02/2")
    to_plan_id: ObjectId | None = Field(None, description="move: another plan of the same owner")
    link_kind: Literal["", "duplicate_of", "merged_into"] = Field(
        "", description="withdraw: the project it duplicates or was merged into"
    )
    linked_project_id: ObjectId | None = None
    referral_id: ObjectId | None = Field(
        None,
        description="add: a need referred to the plan's owner; the project is copied from it "
        "and the referral is recorded as included when the revision is approved",
    )
    reason: str = Field("", description="เหตุผล (required to withdraw)")


class ApprovalIn(Schema):
    approved_on: dt.date = Field(description="วันที่อนุมัติ (A.D. ISO date)")
    approver_name: str = Field(description="ผู้อนุมัติ, e.g. นายก อบต. …")
    approval_reference: str = Field("", description="ประกาศ/หนังสือ/มติ")
    meeting_id: ObjectId | None = Field(None, description="the committee meeting, if any")


class RevisionIn(Schema):
    kind: Literal["review", "addition", "change", "correction"]
    year: int | None = Field(None, ge=2500, le=2700, description="B.E.; defaults to this year")
    number: int | None = Field(None, ge=1, le=999, description="defaults to the next free")
    reason: str = Field("", description="เหตุผลความจำเป็นในการแก้ไข/เพิ่มเติม")
    items: list[RevisionItemIn] = Field(default_factory=list, max_length=500)
    approval: ApprovalIn | None = Field(None, description="approve at once (all or nothing)")


# ------------------------------------------------------------------------------ helpers


def _plan_project(plan: Plan, project_id: int | None, what: str) -> Project:
    if project_id is None:
        raise DomainError(f"ต้องระบุ{what} (project_id)", "project_id is required")
    project = Project.objects.select_related("plan").filter(pk=project_id, plan=plan).first()
    if project is None:
        raise DomainError(f"ไม่พบ{what}รหัส {project_id} ในแผนนี้", f"no project {project_id} in plan")
    return project


def _project_data(body: RevisionProjectIn | None) -> dict[str, Any]:
    if body is None:
        raise DomainError("ต้องระบุข้อมูลโครงการ (project)", "the project's fields are required")
    return body.model_dump(exclude_unset=True)


def add_item(revision: PlanRevision, actor: Actor, body: RevisionItemIn) -> RevisionItem:
    plan = revision.plan
    if body.action == "add":
        if body.referral_id is not None:
            referral = access_referral(actor, body.referral_id, for_decision=True)
            data = body.project.model_dump(exclude_unset=True) if body.project else {}
            return revision_add_project(
                revision=revision, actor=actor, data=data, reason=body.reason, referral=referral
            )
        return revision_add_project(
            revision=revision, actor=actor, data=_project_data(body.project), reason=body.reason
        )
    project = _plan_project(plan, body.project_id, "โครงการ")
    if body.action == "change":
        return revision_change_project(
            revision=revision,
            actor=actor,
            project=project,
            data=_project_data(body.project),
            expected_version=body.expected_version,
            reason=body.reason,
        )
    if body.action == "move":
        to_plan = None
        if body.to_plan_id is not None:
            to_plan = access_plan(actor, body.to_plan_id, for_write=True)
        return revision_move_project(
            revision=revision,
            actor=actor,
            project=project,
            to_form=body.to_form,
            to_plan=to_plan,
            from_form=current_forms(plan).get(project.pk, "") if body.to_form else "",
            reason=body.reason,
        )
    linked = (
        _plan_project(plan, body.linked_project_id, "โครงการที่ซ้ำหรือรวมกัน")
        if body.linked_project_id is not None
        else None
    )
    return revision_withdraw_project(
        revision=revision,
        actor=actor,
        project=project,
        reason=body.reason,
        link_kind=body.link_kind,
        linked_project=linked,
    )


def approve(revision: PlanRevision, actor: Actor, body: ApprovalIn) -> PlanRevision:
    meeting = access_meeting(actor, body.meeting_id) if body.meeting_id is not None else None
    return revision_approve(
        revision=revision,
        actor=actor,
        approved_on=body.approved_on,
        approver_name=body.approver_name,
        approval_reference=body.approval_reference,
        meeting=meeting,
    )


def _one(revision_id: int) -> PlanRevision:
    return (
        PlanRevision.objects.select_related("meeting__committee")
        .prefetch_related("items__project", "items__linked_project", "items__to_plan")
        .get(pk=revision_id)
    )


# ------------------------------------------------------------------------------ routes


@router.get(
    "/plans/{plan_id}/revisions",
    response={200: list[RevisionOut], **ERRORS},
    summary="The plan's revisions (ทบทวน/เพิ่มเติม/เปลี่ยนแปลง/แก้ไข), approved first",
)
def revision_list(request: HttpRequest, plan_id: ObjectId) -> list[PlanRevision]:
    return list(plan_revisions(access_plan(caller(request), plan_id)))


@router.post(
    "/plans/{plan_id}/revisions",
    response={201: RevisionOut, **ERRORS},
    summary="Revise an accepted plan: a draft with its items, approved at once if approval is given",
)
def revision_post(request: HttpRequest, plan_id: ObjectId, body: RevisionIn) -> Status:
    actor = caller(request)
    plan = access_plan_for_revision(actor, plan_id)
    with transaction.atomic():
        revision = revision_create(
            plan=plan,
            actor=actor,
            kind=body.kind,
            year=body.year,
            number=body.number,
            reason=body.reason,
        )
        for item in body.items:
            add_item(revision, actor, item)
        if body.approval is not None:
            approve(revision, actor, body.approval)
    return Status(201, _one(revision.pk))


@router.get(
    "/plans/{plan_id}/revisions/{revision_id}",
    response={200: RevisionOut, **ERRORS},
    summary="One revision with its items and approval",
)
def revision_detail(request: HttpRequest, plan_id: ObjectId, revision_id: ObjectId) -> PlanRevision:
    return _one(access_revision(caller(request), revision_id, plan_id=plan_id).pk)


@router.post(
    "/plans/{plan_id}/revisions/{revision_id}/items",
    response={201: RevisionItemOut, **ERRORS},
    summary="Add an item (add/change/move/withdraw a project) to a draft revision",
)
def revision_item_post(
    request: HttpRequest, plan_id: ObjectId, revision_id: ObjectId, body: RevisionItemIn
) -> Status:
    actor = caller(request)
    revision = access_revision(actor, revision_id, plan_id=plan_id, for_write=True)
    return Status(201, add_item(revision, actor, body))


@router.post(
    "/plans/{plan_id}/revisions/{revision_id}/approve",
    response={200: RevisionOut, **ERRORS},
    summary="Record the approval (who, when, meeting) and apply the items, all or nothing",
)
def revision_approve_post(
    request: HttpRequest, plan_id: ObjectId, revision_id: ObjectId, body: ApprovalIn
) -> PlanRevision:
    actor = caller(request)
    revision = access_revision(actor, revision_id, plan_id=plan_id, for_write=True)
    return _one(approve(revision, actor, body).pk)


@router.get(
    "/projects/{project_id}/revisions",
    response={200: list[ProjectRevisionOut], **ERRORS},
    summary="A project's history across approved revisions",
)
def project_revisions(request: HttpRequest, project_id: ObjectId) -> list[RevisionItem]:
    return project_revision_history(access_project(caller(request), project_id))
