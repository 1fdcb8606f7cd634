from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planlink.consolidation.services import StepResult, consolidate, consolidate_cluster
from planlink.core.commands import print_json
from planlink.core.errors import DomainError
from planlink.cycles.models import PlanningCycle


class Command(BaseCommand):
    """Run one step, as an officer does: the engine proposes, people decide.

    The simulation (``planlink.simulation``) extends this command with ``--auto-accept``.
    """

    help = "บูรณาการแผนหนึ่งขั้น (ตำบล/อำเภอ/จังหวัด/กลุ่มจังหวัด) · Run one consolidation step"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--level", required=True, choices=["tambon", "district", "province", "cluster"]
        )
        parser.add_argument(
            "--area", default="", help="area code; the step runs for every unit inside it"
        )
        parser.add_argument(
            "--cluster",
            type=int,
            default=None,
            help="กลุ่มจังหวัดที่ (1–18) สำหรับ --level cluster · provincial cluster number",
        )
        parser.add_argument("--cycle", required=True, type=int, help="fiscal year B.E., e.g. 2570")
        parser.add_argument("--json", action="store_true")

    def step(self, cycle: PlanningCycle, options: dict[str, Any]) -> StepResult:
        if options["level"] == "cluster":
            return consolidate_cluster(cluster_number=options["cluster"], cycle=cycle)
        return consolidate(level=options["level"], area_code=options["area"], cycle=cycle)

    def handle(self, *args: Any, **options: Any) -> None:
        cycle = PlanningCycle.objects.filter(pk=options["cycle"]).first()
        if cycle is None:
            raise CommandError(f"ไม่พบรอบปีงบประมาณ {options['cycle']} / no cycle {options['cycle']}")
        if options["level"] == "cluster" and options.get("cluster") is None:
            raise CommandError("ระบุ --cluster (กลุ่มจังหวัดที่ 1–18) / give --cluster N")
        if options["level"] != "cluster" and not options.get("area"):
            raise CommandError("ระบุ --area (รหัสพื้นที่) / give --area CODE")
        try:
            result = self.step(cycle, options)
        except DomainError as error:
            raise CommandError(f"{error.message_th} / {error.message_en}") from error
        if options["json"]:
            print_json(self, result.as_dict())
            return
        self.stdout.write(
            f"บูรณาการระดับ {options['level']} พื้นที่ {result.area} ปีงบประมาณ {cycle.pk}: "
            f"{result.units} หน่วย (ข้าม {result.skipped})"
        )
        for key, value in sorted(result.counts.items()):
            self.stdout.write(f"  {key:<34}{value:>10,}")
