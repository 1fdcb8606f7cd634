from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planlink.areas.models import Area
from planlink.consolidation.selectors import funnel
from planlink.core.commands import print_json
from planlink.core.errors import DomainError
from planlink.simulation.guard import synthetic_cycle
from planlink.simulation.runs import simulate_cycle


class Command(BaseCommand):
    help = (
        "จำลองทั้งรอบ ตำบล→อำเภอ→จังหวัด→ส่วนราชการ (ยอมรับอัตโนมัติ เฉพาะรอบปีสังเคราะห์) · "
        "Run a whole cycle (simulation; synthetic cycles only)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", required=True, help="province code, e.g. 24")
        parser.add_argument("--cycle", required=True, type=int, help="fiscal year B.E., e.g. 2570")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["province"]
        if not Area.objects.filter(code=code, level=Area.Level.PROVINCE).exists():
            raise CommandError(f"ไม่พบจังหวัดรหัส {code} / no province {code}")
        try:
            cycle = synthetic_cycle(options["cycle"])
            steps = simulate_cycle(province_code=code, cycle=cycle)
        except DomainError as error:
            raise CommandError(f"{error.message_th} / {error.message_en}") from error
        result = {"steps": steps, "funnel": funnel(code, cycle.pk)}
        if options["json"]:
            print_json(self, result)
            return
        for level, counts in steps.items():
            self.stdout.write(
                f"{level}: "
                + ", ".join(
                    f"{k}={v}" for k, v in counts.items() if k not in ("level", "area", "cycle")
                )
            )
        for key, value in result["funnel"].items():
            self.stdout.write(f"  {key:<28}{value}")
