from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "ตรวจชื่อโครงการซ้ำด้วยตัวจับคู่ของระบบ · Score Thai title pairs with the engine's matcher"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND")
        sub.required = True
        pairs = sub.add_parser(
            "pairs", help="อ่าน CSV คอลัมน์ a,b แล้วให้คะแนน · score a CSV with columns a,b"
        )
        pairs.add_argument("file", type=Path)
        pairs.add_argument("--json", action="store_true", help="one JSON object per line")

    def handle(self, *args: Any, **options: Any) -> None:
        from planlink.consolidation.matching import Matcher

        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"ไม่พบไฟล์ {path} / file not found")
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or not {"a", "b"} <= set(reader.fieldnames):
                raise CommandError("ไฟล์ต้องมีคอลัมน์ a และ b / the CSV needs columns a and b")
            rows = list(reader)
        matcher = Matcher()
        for row in rows:
            a, b = row["a"] or "", row["b"] or ""
            score = matcher.score(a, b)
            record = {"a": a, "b": b, "same": matcher.same(a, b), "score": round(score, 4)}
            if options["json"]:
                self.stdout.write(json.dumps(record, ensure_ascii=False))
            else:
                self.stdout.write(
                    f"{record['score']:.3f} {'ซ้ำ' if record['same'] else 'ต่าง'}  {a}  |  {b}"
                )
