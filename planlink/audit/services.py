"""Write and read audit entries. Services call ``audit_record`` inside their transaction.

Every change a service makes passes here, so apps that keep derived tables (the roll-ups,
``planlink.rollups``) register an observer in ``AppConfig.ready``: it is told the object
and scope of each recorded change, inside the transaction, and must defer any work to
after the commit (``transaction.on_commit``). The audit app imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models

from planlink.audit.models import AuditEntry
from planlink.core.types import acting_user

if TYPE_CHECKING:
    from planlink.core.types import Actor


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


# Called as ``observer(obj=…, action=…, scope_code=…)`` after each audit row is written.
RECORD_OBSERVERS: list[Callable[..., None]] = []


def audit_record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
    scope_code: str = "",
    message: str = "",
) -> AuditEntry:
    user = acting_user(actor)
    entry = AuditEntry.objects.create(
        actor=user,
        actor_label=(user.get_username() if user else "ระบบ (system)"),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        scope_code=scope_code,
        changes={
            key: [_plain(a) for a in pair] if isinstance(pair, (list, tuple)) else _plain(pair)
            for key, pair in (changes or {}).items()
        },
        message=message[:500],
    )
    for observer in RECORD_OBSERVERS:
        observer(obj=obj, action=action, scope_code=scope_code)
    return entry


def diff(obj: models.Model, new_values: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for the fields whose value changes."""
    changes: dict[str, list[Any]] = {}
    for name, value in new_values.items():
        old = getattr(obj, name)
        if old != value:
            changes[name] = [_plain(old), _plain(value)]
    return changes


def audit_entries_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
