"""``planlink whatif --area 24 --cycle 2570 --envelope lao=50000000 --envelope RID=2e7 --json``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planlink.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "ถ้างบประมาณเท่านี้ ความต้องการใดได้/ไม่ได้ (ไม่บันทึกการตัดสินใจ) · "
        "Budget what-if: which needs the envelopes fund (writes nothing)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", required=True, help="รหัสพื้นที่ (จังหวัด/อำเภอ/ตำบล)")
        parser.add_argument("--cycle", type=int, required=True, help="ปีงบประมาณ พ.ศ.")
        parser.add_argument(
            "--envelope",
            action="append",
            default=[],
            metavar="SOURCE=BAHT",
            help="lao, pao, province, cluster, agency หรือรหัสส่วนราชการ (RID=…); ซ้ำได้",
        )
        parser.add_argument(
            "--issue-order",
            default="",
            help="ลำดับความสำคัญของประเด็น เช่น WATER,HEALTH · issues first, comma-separated",
        )
        parser.add_argument("--needs", action="store_true", help="list every need in the JSON")
        parser.add_argument("--save", default="", help="บันทึกสถานการณ์ชื่อนี้ · save as NAME")
        parser.add_argument("--xlsx", type=Path, help="ส่งออก Excel · write the scenario as .xlsx")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        from planlink.consolidation.whatif import parse_envelope, scenario_save, whatif

        try:
            envelopes: dict[str, Any] = {}
            for text in options["envelope"]:
                source, amount = parse_envelope(text)
                if source in envelopes:
                    raise DomainError(f"ระบุแหล่ง {source} ซ้ำ", f"source {source} given twice")
                envelopes[source] = amount
            order = [code.strip() for code in options["issue_order"].split(",") if code.strip()]
            result = whatif(
                area_code=options["area"],
                cycle=options["cycle"],
                envelopes=envelopes,
                issue_order=order,
            )
            saved = (
                scenario_save(result=result, name=options["save"], actor=None)
                if options["save"]
                else None
            )
        except DomainError as error:
            raise CommandError(str(error)) from error
        summary = result.summary()
        if saved is not None:
            summary["scenario"] = saved.pk
        if options["xlsx"]:
            from planlink.documents.whatif import whatif_xlsx

            options["xlsx"].write_bytes(whatif_xlsx(result, title=options["save"] or ""))
        if options["needs"]:
            summary["needs"] = [need.as_dict() for need in result.needs]
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        self.stdout.write(
            f"ได้รับงบ {summary['funded']:,} โครงการ {float(summary['funded_baht']):,.2f} บาท · "
            f"ไม่ได้ {summary['left_out']:,} โครงการ {float(summary['left_out_baht']):,.2f} บาท\n"
            f"ตำบลที่ไม่มีโครงการได้รับงบ {summary['tambons_without_funded_need']:,} จาก "
            f"{summary['tambons_with_needs']:,} · ครัวเรือนไม่ผ่าน จปฐ. ที่ครอบคลุม "
            f"{summary['households_covered']:,} จาก {summary['households_failing']:,}"
        )
        for source, use in summary["envelopes"].items():
            self.stdout.write(
                f"  {source:<14} {float(use['amount']):>18,.2f}  ใช้ {float(use['used']):,.2f}"
                f"  ได้ {use['funded']:,}  รอ {use['waiting']:,}"
            )
