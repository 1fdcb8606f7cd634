from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planlink.consolidation.services import StepResult, consolidate
from planlink.core.commands import print_json
from planlink.core.errors import DomainError
from planlink.cycles.models import PlanningCycle


class Command(BaseCommand):
    """Run one step, as an officer does: the engine proposes, people decide.

    The simulation (``planlink.simulation``) extends this command with ``--auto-accept``.
    """

    help = "บูรณาการแผนหนึ่งขั้น (ตำบล/อำเภอ/จังหวัด) · Run one consolidation step"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--level", required=True, choices=["tambon", "district", "province"])
        parser.add_argument(
            "--area", required=True, help="area code; the step runs for every unit inside it"
        )
        parser.add_argument("--cycle", required=True, type=int, help="fiscal year B.E., e.g. 2570")
        parser.add_argument("--json", action="store_true")

    def step(self, cycle: PlanningCycle, options: dict[str, Any]) -> StepResult:
        return consolidate(level=options["level"], area_code=options["area"], cycle=cycle)

    def handle(self, *args: Any, **options: Any) -> None:
        cycle = PlanningCycle.objects.filter(pk=options["cycle"]).first()
        if cycle is None:
            raise CommandError(f"ไม่พบรอบปีงบประมาณ {options['cycle']} / no cycle {options['cycle']}")
        try:
            result = self.step(cycle, options)
        except DomainError as error:
            raise CommandError(f"{error.message_th} / {error.message_en}") from error
        if options["json"]:
            print_json(self, result.as_dict())
            return
        self.stdout.write(
            f"บูรณาการระดับ {options['level']} พื้นที่ {options['area']} ปีงบประมาณ {cycle.pk}: "
            f"{result.units} หน่วย (ข้าม {result.skipped})"
        )
        for key, value in sorted(result.counts.items()):
            self.stdout.write(f"  {key:<34}{value:>10,}")
