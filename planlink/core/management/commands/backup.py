"""``planlink backup FILE`` — a consistent copy of the embedded database, while the app runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planlink.core.backup import backup_sqlite
from planlink.core.commands import UserFacingError


class Command(BaseCommand):
    help = "สำรองฐานข้อมูล SQLite ขณะระบบทำงาน · Back up the embedded database (online, consistent)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="ไฟล์สำรอง · the backup file to write")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            result = backup_sqlite(file)
        except UserFacingError as error:
            raise CommandError(f"{error.message_th}\n{error.message_en}") from error
        self.stdout.write(
            f"สำรองฐานข้อมูลแล้ว · backed up to {result.path} "
            f"({result.bytes:,} bytes, {result.migrations} migrations)"
        )
