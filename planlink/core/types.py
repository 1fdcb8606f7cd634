"""Types shared by the domain's public functions.

``Actor`` is who acts on a service: a signed-in user, the anonymous visitor of a public
page, or ``None`` for the system (the engine, the operator's command line). Services never
take ``Any`` for a user.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, Union

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

# Forward references: importing django.contrib.auth.models needs the app registry ready.
Actor: TypeAlias = Union["AbstractBaseUser", "AnonymousUser", None]  # noqa: UP007
User: TypeAlias = "AbstractBaseUser"

__all__ = ["Actor", "User"]
