"""Types shared by the domain's public functions.

``Actor`` is who acts on a service: a signed-in user, the anonymous visitor of a public
page, or ``None`` for the system (the engine, the operator's command line). ``User`` is a
signed-in person (``settings.AUTH_USER_MODEL``). Services never take ``Any`` for a user.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, Union

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.auth.models import User as AuthUser

# Forward references: importing django.contrib.auth.models needs the app registry ready.
User: TypeAlias = "AuthUser"
Actor: TypeAlias = Union["AuthUser", "AnonymousUser", None]  # noqa: UP007

__all__ = ["Actor", "User", "acting_user"]


def acting_user(actor: Actor) -> User | None:
    """The person to record as ``created_by``/``decided_by``: a saved, signed-in user, else
    ``None`` (the system, an anonymous visitor)."""
    from django.contrib.auth.models import AnonymousUser

    if actor is None or isinstance(actor, AnonymousUser) or not actor.pk:
        return None
    return actor
