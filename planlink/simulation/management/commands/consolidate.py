"""``planlink consolidate`` with ``--auto-accept``: the engine's command, extended.

The simulation app comes before the engine in ``INSTALLED_APPS``, so this command is
the one ``planlink consolidate`` runs; without ``--auto-accept`` it is exactly the
engine's (``planlink.consolidation.management.commands.consolidate``).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from planlink.consolidation.management.commands.consolidate import Command as EngineCommand
from planlink.consolidation.services import StepResult
from planlink.cycles.models import PlanningCycle
from planlink.simulation.runs import simulate_cluster, simulate_step


class Command(EngineCommand):
    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--auto-accept",
            action="store_true",
            help=(
                "ยอมรับข้อเสนอและจำลองการตัดสินใจของผู้รับ (เฉพาะรอบปีสังเคราะห์) · accept the "
                "engine's proposals and simulate the receivers (synthetic cycles only)"
            ),
        )

    def step(self, cycle: PlanningCycle, options: dict[str, Any]) -> StepResult:
        if not options.get("auto_accept"):
            return super().step(cycle, options)
        if options["level"] == "cluster":
            return simulate_cluster(cluster_number=options["cluster"], cycle=cycle)
        return simulate_step(level=options["level"], area_code=options["area"], cycle=cycle)
