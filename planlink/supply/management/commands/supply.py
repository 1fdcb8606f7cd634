"""``planlink supply …`` — import funded items, list them, re-run matching, print the measure."""

from __future__ import annotations

import json as jsonlib
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from planlink.core.commands import SubcommandCommand, UserFacingError, print_json
from planlink.core.errors import DomainError
from planlink.supply.models import Source


class Command(SubcommandCommand):
    help = "งบประมาณที่ได้รับจัดสรรจริง · Funded items: import, locate, match to needs"
    subcommands = {
        "import": "นำเข้ารายการที่ได้รับงบ (CSV/XLSX) · Import a file of funded items",
        "list": "รายการที่ได้รับงบของปี/พื้นที่ · List funded items of a year (and area)",
        "propose": "เสนอจับคู่รายการที่ยังไม่จับคู่อีกครั้ง · Propose matches for unmatched items again",
        "measure": "สัดส่วนงบที่ตอบความต้องการที่บันทึกไว้ · Share of funding that answers a recorded need",
    }

    def arguments_import(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--cycle", type=int, required=True, help="ปีงบประมาณ พ.ศ. (e.g. 2570)")
        parser.add_argument("--source", choices=Source.values, default=Source.BUDGET_ACT)
        parser.add_argument("--dry-run", action="store_true", help="check and locate only")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def arguments_list(self, parser: CommandParser) -> None:
        parser.add_argument("--cycle", type=int, required=True)
        parser.add_argument("--area", default="", help="DOPA code prefix, e.g. 95 or 950108")
        parser.add_argument("--json", action="store_true")

    def arguments_propose(self, parser: CommandParser) -> None:
        parser.add_argument("--cycle", type=int, required=True)
        parser.add_argument("--area", default="")
        parser.add_argument("--json", action="store_true")

    def arguments_measure(self, parser: CommandParser) -> None:
        parser.add_argument("--cycle", type=int, required=True)
        parser.add_argument("--area", default="")
        parser.add_argument(
            "--level", default="province", choices=["province", "district", "tambon", "village"]
        )
        parser.add_argument("--json", action="store_true")

    def handle_import(
        self,
        file: Path,
        cycle: int,
        source: str,
        dry_run: bool = False,
        json: bool = False,
        **_: Any,
    ) -> None:
        from planlink.supply.imports import import_supply
        from planlink.supply.reading import ImportRefused

        if not file.exists():
            raise CommandError(f"ไม่พบไฟล์ {file} / file not found: {file}")
        try:
            report = import_supply(
                file.read_bytes(), cycle_year=cycle, source=source, file_name=file.name,
                dry_run=dry_run,
            )  # fmt: skip
        except ImportRefused as error:
            if json:
                print_json(self, {"imported": False, **error.as_dict()})
            problems = [
                {**p, "problem": f"{p['problem']} / {p['problem_en']}"} for p in error.problems
            ]
            raise UserFacingError(error.message_th, error.message_en, problems) from error
        except DomainError as error:
            raise CommandError(f"{error.message_th}\n{error.message_en}") from error
        if json:
            print_json(self, {"imported": not dry_run, **report})
            return
        verb = "ตรวจแล้ว (ยังไม่บันทึก)" if dry_run else "นำเข้าแล้ว"
        created = report["would_create"] if dry_run else report["created"]
        self.stdout.write(
            f"{verb}: {report['rows']:,} แถว, ใหม่ {created:,}, มีอยู่แล้ว {report['unchanged']:,} "
            f"· {'checked' if dry_run else 'imported'}: {report['rows']:,} rows, {created:,} new, "
            f"{report['unchanged']:,} already there ({report['encoding']})"
        )
        located = ", ".join(f"{k} {v:,}" for k, v in sorted(report["located"].items()))
        self.stdout.write(f"  ระบุพื้นที่ได้ · located: {located}")
        if report["agencies_added"]:
            self.stdout.write(
                f"  หน่วยรับงบประมาณใหม่ (รอผู้ดูแลตรวจ) · new budgetary units for review: "
                f"{', '.join(report['agencies_added'])}"
            )
        if not dry_run:
            self.stdout.write(
                f"  เสนอจับคู่ {report['proposed']:,} · ได้รับงบโดยไม่มีคำขอที่บันทึกไว้ "
                f"{report['unmatched']:,} · proposed {report['proposed']:,}, "
                f"unmatched {report['unmatched']:,}"
            )

    def handle_list(self, cycle: int, area: str = "", json: bool = False, **_: Any) -> None:
        from planlink.supply.selectors import supply_list

        listing = supply_list(cycle, area)
        if json:
            self.stdout.write(jsonlib.dumps(listing, ensure_ascii=False, indent=2))
            return
        for row in listing["items"]:
            self.stdout.write(
                f"{row['ref'] or row['id']}\t{row['amount']}\t{row['state']}\t"
                f"{row['area_code'] or '-'} ({row['location_level']})\t{row['title'][:80]}"
            )
        self.stdout.write(f"รวม {len(listing['items']):,} รายการ · {len(listing['items']):,} items")

    def handle_propose(self, cycle: int, area: str = "", json: bool = False, **_: Any) -> None:
        from planlink.supply.match import propose_matches
        from planlink.supply.models import ItemState
        from planlink.supply.selectors import items_in

        items = list(items_in(cycle, area).filter(state=ItemState.UNMATCHED).order_by("pk"))
        proposed = propose_matches(items)
        if json:
            print_json(self, {"considered": len(items), "proposed": proposed})
            return
        self.stdout.write(
            f"เสนอจับคู่ {proposed:,} จาก {len(items):,} รายการ · proposed {proposed:,} of {len(items):,}"
        )

    def handle_measure(
        self, cycle: int, area: str = "", level: str = "province", json: bool = False, **_: Any
    ) -> None:
        from planlink.supply.selectors import answered_share, answered_total

        rows = answered_share(cycle, area=area, level=level)
        if json:
            print_json(self, {"total": answered_total(cycle, area=area), "areas": rows})
            return
        for row in rows:
            share = "-" if row["share_amount"] is None else f"{row['share_amount']:.0%}"
            self.stdout.write(
                f"{row['area_code'] or '-'}\t{row['name_th']}\t{row['items']:,} รายการ\t"
                f"{row['amount']} บาท\tตอบความต้องการ {share}"
            )
