"""``planlink unlock USER`` — lift a sign-in lockout (django-axes) before it expires."""

from __future__ import annotations

from typing import Any

from axes.utils import reset
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "ปลดล็อกการเข้าสู่ระบบที่ถูกระงับ · Unlock a sign-in locked after wrong passwords"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", help="ชื่อผู้ใช้ · the account to unlock")
        parser.add_argument("--address", help="ปลดล็อกตามที่อยู่ IP · unlock one client address")
        parser.add_argument("--all", action="store_true", help="ปลดล็อกทั้งหมด · remove every lockout")

    def handle(
        self, *args: Any, username: str | None, address: str | None, all: bool, **options: Any
    ) -> None:
        if not (username or address or all):
            raise CommandError("ระบุชื่อผู้ใช้ --address หรือ --all\ngive a username, --address or --all")
        if all:
            removed = reset()
        else:
            removed = 0
            if username:
                removed += reset(username=username)
            if address:
                removed += reset(ip=address)
        self.stdout.write(f"ลบบันทึกการล็อก {removed} รายการ · removed {removed} lockout record(s)")
