"""What the roll-ups cost the engine, and what they save a reader (issue 16).

``python -m benchmarks.rollups_run --database sqlite|postgres [--province 24] --out FILE``
creates a fresh database, generates the demo year of one province and runs its three engine
steps as a national run runs them (``simulate_provinces``); each step ends by refreshing the province's roll-ups, and this measures that refresh
apart from the step. Then it times the funnel read from the roll-ups (one row) against the
same funnel counted from the ledger (``consolidation.selectors.funnel``), for the province
and for the nation, and checks that both give the same numbers (``planlink rollups verify``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.engine_run import _configure, _drop


def _best(function, repeat: int = 5) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--province", default="24")
    parser.add_argument("--cycle", type=int, default=2570)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="planlink-rollups-") as scratch:
        name = _configure(args.database, Path(scratch))
        try:
            result = _run(args.province, args.cycle)
            result["database"] = args.database
        finally:
            _drop(name)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))


def _run(province: str, fiscal_year: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from planlink.areas.loaders import load_reference_data

    load_reference_data()
    from planlink.consolidation import steps
    from planlink.consolidation.models import ConsolidationRun
    from planlink.consolidation.selectors import funnel as ledger_funnel
    from planlink.plans.models import Project
    from planlink.rollups.selectors import funnel
    from planlink.rollups.services import rollups_refresh
    from planlink.rollups.verify import rollups_verify
    from planlink.simulation.demo import demo_province

    refreshes: list[float] = []

    def timed_refresh(**kwargs):  # noqa: ANN003, ANN202
        started = time.perf_counter()
        found = rollups_refresh(**kwargs)
        refreshes.append(time.perf_counter() - started)
        return found

    steps.rollups_refresh = timed_refresh  # type: ignore[attr-defined]
    # The year's village plans, then each step as a national run does it (statistics kept
    # fresh per province on PostgreSQL, ``consolidation.parallel``), in this one process.
    demo_province(province, fiscal_year, survey=False, run=False)
    from planlink.cycles.models import PlanningCycle
    from planlink.simulation.runs import LEVELS, simulate_provinces

    cycle = PlanningCycle.objects.get(pk=fiscal_year)
    for level in LEVELS:
        simulate_provinces(level=level, province_codes=[province], cycle=cycle, workers=1)
    runs = {
        run.level: (run.finished_at - run.started_at).total_seconds()
        for run in ConsolidationRun.objects.filter(area_code=province)
    }
    engine = sum(runs.values())
    maintenance = sum(refreshes)
    reads = {}
    for code in (province, ""):
        rollup = _best(lambda code=code: funnel(code, fiscal_year))
        ledger = _best(lambda code=code: ledger_funnel(code, fiscal_year), repeat=2)
        reads[code or "nation"] = {"rollup_ms": rollup * 1000, "ledger_ms": ledger * 1000}
    differences = {
        code or "nation": len(rollups_verify(area_code=code, cycle_id=fiscal_year))
        for code in ("", province, province + "01")
    }
    return {
        "province": province,
        "projects": Project.objects.count(),
        "engine_steps_s": runs,
        "engine_s": engine,
        "refreshes_s": refreshes,
        "refresh_median_s": statistics.median(refreshes) if refreshes else 0.0,
        "maintenance_share": maintenance / engine if engine else 0.0,
        "funnel_reads": reads,
        "verify_differences": differences,
    }


if __name__ == "__main__":
    main()
