"""API tokens (โทเค็นสำหรับ API): create, check, revoke.

A token is ``pl_`` followed by 43 URL-safe random characters (256 bits). Only
its SHA-256 hash is stored, so a copy of the database does not let anyone call
the API; the token is shown once, when it is created.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from planlink.accounts.models import ApiToken
from planlink.audit.services import audit_record
from planlink.core.errors import DomainError, StateError

if TYPE_CHECKING:
    from planlink.core.types import Actor, User

TOKEN_PREFIX = "pl_"
SHOWN_PREFIX_LENGTH = 10
# Writing last_used_at on every request would turn every read into a write.
LAST_USED_PRECISION = dt.timedelta(minutes=5)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def token_create(
    *, user: User, name: str = "", actor: Actor = None, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token for ``user``; return the row and the token text (shown once)."""
    if not getattr(user, "pk", None) or not user.is_active:
        raise DomainError("ผู้ใช้นี้ถูกระงับหรือไม่มีอยู่", "the user is inactive or missing")
    name = (name or "").strip()
    if len(name) > 100:
        raise DomainError(
            "ชื่อโทเค็นยาวเกิน 100 ตัวอักษร", "the token name is longer than 100 characters"
        )
    if expires_at is not None and timezone.is_naive(expires_at):
        raise DomainError("วันหมดอายุต้องระบุเขตเวลา", "the expiry must be timezone-aware")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[:SHOWN_PREFIX_LENGTH],
        key_hash=token_hash(raw),
        expires_at=expires_at,
    )
    audit_record(
        actor=actor or user,
        action="token.create",
        obj=token,
        changes={"user": user.get_username(), "name": name, "prefix": token.prefix},
    )
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: Actor = None) -> ApiToken:
    if token.revoked_at is not None:
        raise StateError("โทเค็นนี้ถูกยกเลิกแล้ว", "the token is already revoked")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action="token.revoke",
        obj=token,
        changes={"user": token.user.get_username(), "prefix": token.prefix},
    )
    return token


def token_user(raw: str) -> Any | None:
    """The active user holding the live token ``raw``, or ``None``."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
