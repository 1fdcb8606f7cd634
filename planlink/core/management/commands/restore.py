"""``planlink restore FILE`` — put a backup back; refuses one from another schema version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planlink.core.backup import restore_sqlite
from planlink.core.commands import UserFacingError


class Command(BaseCommand):
    help = "กู้คืนฐานข้อมูลจากไฟล์สำรอง · Restore the embedded database from a backup"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="ไฟล์สำรองจาก planlink backup · a backup file")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            result, safety = restore_sqlite(file)
        except UserFacingError as error:
            raise CommandError(f"{error.message_th}\n{error.message_en}") from error
        self.stdout.write(
            f"กู้คืนแล้ว · restored {file} into {result.path} ({result.migrations} migrations); "
            f"ฐานข้อมูลเดิมเก็บไว้ที่ · the previous database was saved to {safety}"
        )
