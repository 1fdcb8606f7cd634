"""The title the public tracker shows for a need (``Project.public_title``).

A village types its needs' titles, and they may name a person ("ซ่อมถนนหน้าบ้านนายสมชาย").
The tracker masks such patterns (:mod:`planlink.core.privacy`); an officer of the area can
also give the need a plain public title ("ซ่อมถนนลูกรังในหมู่บ้าน"), which the tracker then
shows instead. Setting it is allowed in any plan state (it changes only what the public
reads, never the plan) and is audited; an empty title goes back to the masked one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from planlink.audit.services import audit_record
from planlink.core.errors import DomainError
from planlink.core.privacy import mask_personal
from planlink.plans.models import MAX_TITLE, Project

if TYPE_CHECKING:
    from planlink.core.types import Actor

_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_public_title(value: object) -> str:
    """The title as stored: spaces collapsed; refused when too long, holding control
    characters, or naming a person (a title, a phone or an ID number)."""
    text = "" if value is None else str(value)
    if _CONTROL.search(text):
        raise DomainError("ชื่อที่เปิดเผยมีอักขระที่ใช้ไม่ได้", "the public title holds control characters")
    text = _SPACES.sub(" ", text).strip()
    if len(text) > MAX_TITLE:
        raise DomainError(
            f"ชื่อที่เปิดเผยยาวเกิน {MAX_TITLE:,} ตัวอักษร",
            f"the public title is longer than {MAX_TITLE:,} characters",
        )
    if mask_personal(text) != text:
        raise DomainError(
            "ชื่อที่เปิดเผยยังมีชื่อบุคคล หมายเลขโทรศัพท์ หรือเลขประจำตัวประชาชน "
            f"โปรดตัดออก (เช่น {mask_personal(text)})",
            "the public title still names a person or holds a phone or ID number",
        )
    return text


@transaction.atomic
def project_set_public_title(*, project: Project, title: object, actor: Actor) -> Project:
    """Set (or clear, with ``""``) what the public tracker calls ``project``."""
    cleaned = clean_public_title(title)
    before = Project.objects.filter(pk=project.pk).values_list("public_title", flat=True).first()
    if before is None:
        raise DomainError("ไม่พบโครงการ", "no such project")
    if before == cleaned:
        project.public_title = cleaned
        return project
    Project.objects.filter(pk=project.pk).update(public_title=cleaned, updated_at=timezone.now())
    project.public_title = cleaned
    audit_record(
        actor=actor,
        action="project.public_title",
        obj=project,
        scope_code=project.plan.scope_code,
        changes={"public_title": [before, cleaned]},
    )
    return project


def public_title_of(project: Project) -> str:
    """What the public reads as the need's title: the officer's title, else the masked one."""
    return project.public_title or mask_personal(project.title)
