"""``planlink rollups …``: rebuild the roll-up tables and check them against the ledger."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from planlink.areas.models import Area
from planlink.core.commands import SubcommandCommand, UserFacingError, print_json
from planlink.cycles.models import PlanningCycle
from planlink.rollups.services import rollups_rebuild
from planlink.rollups.verify import rollups_verify


class Command(SubcommandCommand):
    help = "ตารางสรุปผล: คำนวณใหม่ ตรวจสอบ · Roll-ups: rebuild, verify against the ledger"
    subcommands = {
        "rebuild": "คำนวณตารางสรุปผลของรอบใหม่ (ทำต่อจากที่ค้างได้) · Rebuild a cycle's roll-ups (resumable)",
        "verify": "นับใหม่จากทะเบียนการส่งต่อแล้วเทียบ · Recount an area from the ledger and compare",
    }

    def _common(self, parser: CommandParser, *, area_required: bool) -> None:
        parser.add_argument(
            "--cycle", type=int, required=True, metavar="YEAR", help="ปีงบประมาณ พ.ศ."
        )
        parser.add_argument(
            "--area", default="", required=area_required, metavar="CODE", help="รหัสพื้นที่ (DOPA)"
        )
        parser.add_argument("--json", action="store_true", help="แสดงผลเป็น JSON · print JSON")

    def arguments_rebuild(self, parser: CommandParser) -> None:
        self._common(parser, area_required=False)
        parser.add_argument(
            "--fresh",
            action="store_true",
            help="เริ่มใหม่ ไม่ทำต่อจากรอบที่ค้าง · start over instead of resuming",
        )

    def arguments_verify(self, parser: CommandParser) -> None:
        self._common(parser, area_required=False)

    def _check(self, cycle: int, area: str) -> None:
        if not PlanningCycle.objects.filter(pk=cycle).exists():
            raise UserFacingError(f"ไม่พบรอบการวางแผน ปี {cycle}", f"no planning cycle {cycle}")
        if area and not area.startswith("C") and not Area.objects.filter(code=area).exists():
            raise UserFacingError(f"ไม่พบพื้นที่รหัส {area}", f"no area with code {area}")

    def handle_rebuild(
        self, *, cycle: int, area: str, json: bool, fresh: bool, **options: Any
    ) -> None:
        self._check(cycle, area)
        if area.startswith("C"):
            raise UserFacingError(
                "สร้างใหม่ได้ทั้งรอบหรือรายจังหวัด", "rebuild a whole cycle or one province"
            )

        def report(done: int, total: int, code: str) -> None:
            if not json:
                self.stdout.write(f"  {done:,}/{total:,} {code}")

        result = rollups_rebuild(cycle_id=cycle, area_code=area, resume=not fresh, progress=report)
        if json:
            print_json(self, result)
        else:
            self.stdout.write(
                f"คำนวณใหม่ {result['refreshed']:,} จาก {result['provinces']:,} จังหวัด · "
                f"rebuilt {result['refreshed']:,} of {result['provinces']:,} province(s)"
            )

    def handle_verify(self, *, cycle: int, area: str, json: bool, **options: Any) -> None:
        self._check(cycle, area)
        differences = rollups_verify(area_code=area, cycle_id=cycle)
        if json:
            print_json(self, {"area": area, "cycle": cycle, "differences": differences})
        elif not differences:
            self.stdout.write(
                f"ตารางสรุปผลตรงกับทะเบียน · roll-ups match the ledger ({area or 'nation'}, {cycle})"
            )
        else:
            for item in differences:
                self.stdout.write(
                    f"{item['issue'] or '-':<10}{item['measure']:<32}"
                    f"roll-up {item['rollup']}  ledger {item['ledger']}"
                )
        if differences:
            raise UserFacingError(
                f"ตารางสรุปผลไม่ตรงกับทะเบียน {len(differences)} รายการ",
                f"{len(differences)} difference(s) between roll-ups and the ledger",
            )
