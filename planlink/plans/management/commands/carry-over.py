"""``planlink carry-over --from 2570 --to 2571 [--expire-after 3] [--area CODE] [--json]``."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planlink.core.errors import DomainError
from planlink.plans.carryover import DEFAULT_EXPIRE_AFTER, carry_over


class Command(BaseCommand):
    help = (
        "ยกความต้องการที่ยังไม่ได้รับงบประมาณไปแผนหมู่บ้านปีถัดไป (มีอายุ) · "
        "Carry unfunded village needs into the next cycle, with an expiry"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="from_year", type=int, required=True, help="พ.ศ. ต้นทาง")
        parser.add_argument("--to", dest="to_year", type=int, required=True, help="พ.ศ. ปลายทาง")
        parser.add_argument(
            "--expire-after",
            type=int,
            default=DEFAULT_EXPIRE_AFTER,
            help=(
                "ปิดความต้องการที่รอเกินจำนวนปีนี้ว่าหมดอายุ · close needs that waited longer "
                f"than this many years as expired (default {DEFAULT_EXPIRE_AFTER})"
            ),
        )
        parser.add_argument("--area", default="", help="เฉพาะพื้นที่ (รหัส) · only this area")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = carry_over(
                from_year=options["from_year"],
                to_year=options["to_year"],
                expire_after=options["expire_after"],
                area_code=options["area"],
            )
        except DomainError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            return
        self.stdout.write(
            f"ยกความต้องการจากปี {result.from_year} ไปปี {result.to_year}: "
            f"ยกไป {result.carried:,} · หมดอายุ {result.expired:,} · "
            f"ยกไปแล้วก่อนหน้า {result.already_carried:,}\n"
            f"carried {result.carried:,}, expired {result.expired:,}, "
            f"already carried {result.already_carried:,}"
        )
