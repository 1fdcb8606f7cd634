"""``planlink tokens create|revoke|list`` — API tokens for scripts and other systems."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandParser

from planlink.accounts.models import ApiToken
from planlink.accounts.tokens import token_create, token_revoke
from planlink.core.commands import SubcommandCommand, UserFacingError, print_json
from planlink.core.errors import DomainError


class Command(SubcommandCommand):
    help = "โทเค็นสำหรับเรียก API · API tokens"
    subcommands = {
        "create": "สร้างโทเค็นให้ผู้ใช้ (แสดงครั้งเดียว) · Create a token for a user (shown once)",
        "revoke": "ยกเลิกโทเค็น · Revoke a token",
        "list": "แสดงโทเค็น (ไม่แสดงตัวโทเค็น) · List tokens (never the secret)",
    }

    def arguments_create(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="username")
        parser.add_argument("--name", default="", help="what the token is for")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def arguments_revoke(self, parser: CommandParser) -> None:
        parser.add_argument("id", nargs="?", type=int, help="token id (see `tokens list`)")
        parser.add_argument("--prefix", default="", help="or the token's first characters")

    def arguments_list(self, parser: CommandParser) -> None:
        parser.add_argument("--user", default="", help="only this user's tokens")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle_create(self, user: str, name: str = "", json: bool = False, **_: Any) -> None:
        person = get_user_model().objects.filter(username=user).first()
        if person is None:
            raise UserFacingError(f"ไม่พบผู้ใช้ '{user}'", f"no user '{user}'")
        try:
            token, raw = token_create(user=person, name=name)
        except DomainError as error:
            raise UserFacingError(error.message_th, error.message_en) from error
        if json:
            print_json(self, {"id": token.pk, "user": user, "name": name, "token": raw})
            return
        self.stdout.write(
            "โทเค็นใหม่ (เก็บไว้ให้ดี จะไม่แสดงอีก) · New token (keep it; it is not shown again):"
        )
        self.stdout.write(raw)

    def handle_revoke(self, id: int | None = None, prefix: str = "", **_: Any) -> None:  # noqa: A002
        if id is None and not prefix:
            raise UserFacingError("ระบุเลขที่หรือคำนำหน้าของโทเค็น", "give a token id or --prefix")
        tokens = ApiToken.objects.select_related("user")
        found = list(tokens.filter(pk=id) if id is not None else tokens.filter(prefix=prefix))
        if len(found) != 1:
            raise UserFacingError(
                "ไม่พบโทเค็น หรือพบมากกว่าหนึ่งรายการ", "no such token, or more than one matched"
            )
        try:
            token_revoke(token=found[0])
        except DomainError as error:
            raise UserFacingError(error.message_th, error.message_en) from error
        self.stdout.write(
            f"ยกเลิกโทเค็น {found[0].prefix}… ของ {found[0].user.get_username()} แล้ว · revoked"
        )

    def handle_list(self, user: str = "", json: bool = False, **_: Any) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("id")
        if user:
            tokens = tokens.filter(user__username=user)
        rows = [
            {
                "id": token.pk,
                "user": token.user.get_username(),
                "name": token.name,
                "prefix": token.prefix,
                "created_at": token.created_at.isoformat(),
                "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
                "revoked": token.revoked_at is not None,
            }
            for token in tokens
        ]
        if json:
            print_json(self, rows)
            return
        if not rows:
            self.stdout.write("ไม่มีโทเค็น · no tokens")
        for row in rows:
            state = "ยกเลิกแล้ว/revoked" if row["revoked"] else "ใช้งานได้/active"
            self.stdout.write(
                f"{row['id']:>5}  {row['prefix']}…  {row['user']}  {row['name']}  {state}"
            )
