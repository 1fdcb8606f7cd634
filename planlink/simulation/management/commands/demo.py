from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planlink.areas.models import Area
from planlink.areas.selectors import area_stats
from planlink.core.errors import DomainError
from planlink.simulation.demo import (
    DEFAULT_CYCLE,
    DEFAULT_PROVINCE,
    demo_national,
    demo_province,
    demo_report,
    ensure_reference_data,
    print_funnel,
)


class Command(BaseCommand):
    help = (
        "สร้างปีวางแผนสังเคราะห์และจำลองทั้งรอบ · Simulate a synthetic planning year and print the funnel"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province", default=DEFAULT_PROVINCE, help="province code (default 24, Chachoengsao)"
        )
        parser.add_argument(
            "--cycle", type=int, default=DEFAULT_CYCLE, help="fiscal year B.E. (default 2570)"
        )
        parser.add_argument(
            "--scale",
            choices=["province", "national"],
            default="province",
            help="national = all 76 provinces with villages (Bangkok has none)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=0,
            help="worker processes for --scale national (default: one per core)",
        )
        parser.add_argument(
            "--provinces",
            default="",
            help="with --scale national: only these province codes, comma-separated (e.g. 83,85)",
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_reference_data()
        quiet = options["json"]
        say = (lambda message: None) if quiet else (lambda message: self.stdout.write(message))
        if options["scale"] == "national":
            codes = list(Area.objects.provinces().exclude(code="10").values_list("code", flat=True))
            if options["provinces"]:
                wanted = [code.strip() for code in options["provinces"].split(",") if code.strip()]
                unknown = [code for code in wanted if code not in codes]
                if unknown:
                    raise CommandError(
                        f"ไม่พบจังหวัดที่มีหมู่บ้านรหัส {', '.join(unknown)} / "
                        f"no province with villages: {', '.join(unknown)}"
                    )
                codes = wanted
            area, name = "", "ทั้งประเทศ (ข้อมูลสังเคราะห์)"
        else:
            province = Area.objects.filter(
                code=options["province"], level=Area.Level.PROVINCE
            ).first()
            if province is None:
                raise CommandError(
                    f"ไม่พบจังหวัดรหัส {options['province']} / no province {options['province']}"
                )
            if province.code == "10":
                raise CommandError("กรุงเทพมหานครไม่มีหมู่บ้าน เลือกจังหวัดอื่น / Bangkok has no villages")
            codes, area, name = [province.code], province.code, province.name_th
        try:
            if options["scale"] == "national":
                demo_national(
                    options["cycle"],
                    workers=options["workers"] or None,
                    progress=say,
                    province_codes=codes,
                )
            else:
                for code in codes:
                    demo_province(code, options["cycle"], progress=say)
        except DomainError as error:
            raise CommandError(f"{error.message_th} / {error.message_en}") from error
        report = demo_report(area, options["cycle"], name)
        report["areas"] = area_stats()
        if quiet:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self.stdout.write("เขตการปกครอง (ข้อมูลจริง) · administrative areas (real data):")
            self.stdout.write(json.dumps(report["areas"], ensure_ascii=False))
            print_funnel(self.stdout.write, report)
