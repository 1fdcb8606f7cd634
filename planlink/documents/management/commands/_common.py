"""Shared helpers of the documents commands (``plans``, ``export``, ``import``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandParser

from planlink.core.commands import UserFacingError
from planlink.core.errors import DomainError


def add_user_argument(parser: CommandParser) -> None:
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="act as this user (their access rules); without it the operator sees everything",
    )


def user_named(name: str | None) -> Any:
    if not name:
        return None
    user = get_user_model().objects.filter(username=name).first()
    if user is None:
        raise UserFacingError(f"ไม่พบผู้ใช้ '{name}'", f"no user named '{name}'")
    return user


def write_file(path: Path, content: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    except OSError as error:
        raise UserFacingError(
            f"เขียนไฟล์ {path} ไม่ได้: {error.strerror}", f"cannot write {path}: {error}"
        ) from error


def domain_to_user_error(error: DomainError) -> UserFacingError:
    return UserFacingError(error.message_th, error.message_en)
