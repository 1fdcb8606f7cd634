from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from planlink.areas.loaders import load_reference_data
from planlink.areas.selectors import area_stats
from planlink.areas.villages import load_lao_coverage, load_villages
from planlink.core.commands import SubcommandCommand, print_json


class Command(SubcommandCommand):
    help = "เขตการปกครอง อปท. และส่วนราชการ · Areas, local governments and agencies"
    subcommands = {
        "load": "โหลดจังหวัด อำเภอ ตำบล อปท. ส่วนราชการ (ทำซ้ำได้) · Load reference data (idempotent)",
        "stats": "นับจำนวนพื้นที่แต่ละระดับ · Count areas per level",
        "load-villages": "นำเข้ารายชื่อหมู่บ้าน (village_code,name_th) · Import a village list",
        "load-lao-coverage": "นำเข้าพื้นที่รับผิดชอบของ อปท. (lao_code,tambon_code) · Import LAO coverage",
    }

    def arguments_load(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the change report as JSON")

    def arguments_stats(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print JSON")

    def arguments_load_villages(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def arguments_load_lao_coverage(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle_load(self, json: bool = False, **_: Any) -> None:
        report = load_reference_data()
        if json:
            print_json(self, report.as_dict())
            return
        self.stdout.write(
            f"โหลดข้อมูลอ้างอิงแล้ว: เปลี่ยนแปลง {report.changed} รายการ · "
            f"reference data loaded: {report.changed} change(s)"
        )
        for name, count in report.created.items():
            self.stdout.write(f"  {name}: +{count} new, {report.updated.get(name, 0)} updated")

    def handle_stats(self, json: bool = False, **_: Any) -> None:
        stats = area_stats()
        if json:
            print_json(self, stats)
            return
        labels = {
            "clusters": "กลุ่มจังหวัด",
            "provinces": "จังหวัด",
            "districts": "อำเภอ/เขต",
            "tambons": "ตำบล/แขวง",
            "villages": "หมู่บ้าน",
            "local_governments": "อปท.",
            "agencies": "ส่วนราชการ",
        }
        for key, value in stats.items():
            self.stdout.write(f"{labels[key]:<14} {key:<18} {value:>8,}")

    def handle_load_villages(self, file: Path, **_: Any) -> None:
        result = load_villages(file)
        self.stdout.write(
            f"นำเข้าหมู่บ้าน {result['rows']} แถว (ใหม่ {result['created']}, ปรับปรุง {result['updated']}) · "
            f"imported {result['rows']} villages"
        )

    def handle_load_lao_coverage(self, file: Path, **_: Any) -> None:
        result = load_lao_coverage(file)
        self.stdout.write(
            f"นำเข้าพื้นที่รับผิดชอบ อปท. {result['created']} รายการ · imported {result['created']} coverage rows"
        )
