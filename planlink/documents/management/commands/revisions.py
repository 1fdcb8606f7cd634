"""``planlink revisions list --plan ID [--json]`` and ``planlink revisions show --plan ID
--revision N [--json]`` — a plan's revisions (ทบทวน/เพิ่มเติม/เปลี่ยนแปลง/แก้ไข), read-only.

The same selectors and access rules as ``GET /api/v1/plans/{id}/revisions[/{revision_id}]``
(``plans.revisions.plan_revisions``, ``accounts.access.access_plan``/``access_revision``) and the
same JSON keys as the API's ``RevisionOut``. ``--revision`` is the revision's id (as in the API);
``--user NAME`` reads as that person (their access rules), without it the operator reads all.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import CommandParser
from django.core.serializers.json import DjangoJSONEncoder

from planlink.accounts.access import access_plan, access_revision
from planlink.core.commands import SubcommandCommand, UserFacingError, print_json
from planlink.core.errors import DomainError
from planlink.documents.revision_parts import revision_approval_text
from planlink.plans.models import Plan
from planlink.plans.revision_models import PlanRevision, RevisionItem
from planlink.plans.revisions import describe_item, plan_revisions

from ._common import add_user_argument, domain_to_user_error, user_named


def _date(value: dt.date | None) -> str | None:
    """Dates and times written as the API writes them (Django's JSON encoder)."""
    return str(DjangoJSONEncoder().default(value)) if value is not None else None


def item_json(item: RevisionItem) -> dict[str, Any]:
    """One item, keyed as the API's ``RevisionItemOut``."""
    title = item.project.title if item.project is not None else (item.data or {}).get("title", "")
    return {
        "id": item.pk,
        "order": item.order,
        "action": item.action,
        "action_label": item.get_action_display(),
        "project_id": item.project_id,
        "project_title": str(title),
        "description_th": describe_item(item),
        "changes": item.changes,
        "from_form": item.from_form,
        "to_form": item.to_form,
        "from_plan_id": item.from_plan_id,
        "to_plan_id": item.to_plan_id,
        "link_kind": item.link_kind,
        "linked_project_id": item.linked_project_id,
        "reason": item.reason,
    }


def revision_json(revision: PlanRevision) -> dict[str, Any]:
    """One revision, keyed as the API's ``RevisionOut``."""
    meeting = revision.meeting
    return {
        "id": revision.pk,
        "plan_id": revision.plan_id,
        "kind": revision.kind,
        "kind_label": revision.get_kind_display(),
        "number": revision.number,
        "year": revision.year,
        "label": revision.label,
        "state": revision.state,
        "reason": revision.reason,
        "approver_name": revision.approver_name,
        "approved_on": _date(revision.approved_on),
        "approval_reference": revision.approval_reference,
        "approval_th": revision_approval_text(revision),
        "meeting": (
            {
                "id": meeting.pk,
                "held_on": _date(meeting.held_on),
                "committee": str(meeting.committee.name_th),
            }
            if meeting is not None
            else None
        ),
        "approved_at": _date(revision.approved_at),
        "created_at": _date(revision.created_at),
        "items": [item_json(item) for item in revision.items.all()],
    }


class Command(SubcommandCommand):
    help = "การปรับปรุงแผน (อ่านอย่างเดียว) · A plan's revisions, read-only"
    subcommands = {
        "list": "การปรับปรุงแผนทั้งหมดของแผน · Every revision of a plan",
        "show": "การปรับปรุงแผนหนึ่งครั้งพร้อมรายการ · One revision with its items",
    }

    def _arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", type=int, required=True, help="plan id")
        parser.add_argument("--json", action="store_true", help="print JSON")
        add_user_argument(parser)

    def arguments_list(self, parser: CommandParser) -> None:
        self._arguments(parser)

    def arguments_show(self, parser: CommandParser) -> None:
        self._arguments(parser)
        parser.add_argument("--revision", type=int, required=True, help="revision id")

    def _plan(self, plan_id: int, user: str | None) -> Plan:
        actor = user_named(user)
        try:
            if actor is not None:
                return access_plan(actor, plan_id)
            plan = Plan.objects.filter(pk=plan_id).first()
        except DomainError as error:
            raise domain_to_user_error(error) from error
        if plan is None:
            raise UserFacingError(f"ไม่พบแผนรหัส {plan_id}", f"no plan {plan_id}")
        return plan

    def handle_list(self, plan: int, json: bool = False, user: str | None = None, **_: Any) -> None:
        found = self._plan(plan, user)
        revisions = [revision_json(revision) for revision in plan_revisions(found)]
        if json:
            print_json(self, revisions)
            return
        if not revisions:
            self.stdout.write(f"แผน {found.pk} ยังไม่มีการปรับปรุงแผน · no revisions")
            return
        for row in revisions:
            self.stdout.write(
                f"{row['id']:>6}  {row['label']}  {row['state']}  "
                f"{row['approval_th'] or '-'}  ({len(row['items'])} รายการ · items)"
            )

    def handle_show(
        self,
        plan: int,
        revision: int,
        json: bool = False,
        user: str | None = None,
        **_: Any,
    ) -> None:
        found = self._plan(plan, user)
        actor = user_named(user)
        try:
            if actor is not None:
                access_revision(actor, revision, plan_id=found.pk)
        except DomainError as error:
            raise domain_to_user_error(error) from error
        chosen = plan_revisions(found).filter(pk=revision).first()
        if chosen is None:
            raise UserFacingError(
                f"ไม่พบการปรับปรุงแผนรหัส {revision} ของแผน {found.pk}",
                f"no revision {revision} of plan {found.pk}",
            )
        row = revision_json(chosen)
        if json:
            print_json(self, row)
            return
        self.stdout.write(f"{row['label']} ({row['state']})")
        if row["approval_th"]:
            self.stdout.write(row["approval_th"])
        if row["reason"]:
            self.stdout.write(f"เหตุผล · reason: {row['reason']}")
        for item in row["items"]:
            self.stdout.write(f"  {item['order']}. {item['description_th']}")
