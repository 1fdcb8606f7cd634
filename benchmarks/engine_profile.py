"""Profile one province's three engine steps in one process, and split the time.

``python benchmarks/engine_profile.py OUTDIR [PROVINCE]`` (default 24), run from a tree's
root: a fresh SQLite data directory, the real areas, the province's synthetic villages and
village plans (labelled synthetic), then the tambon, district and province steps with the
simulated receivers, each under ``cProfile`` with a CPU clock (``time.process_time``). Writes
``OUTDIR/<step>.prof`` (read them with ``pstats``) and ``OUTDIR/report.json``: per step the
CPU and wall seconds and the profiled seconds spent in the simulated receivers and in the
roll-up refresh (the outermost calls into those modules).

It also runs in a ``git archive`` of an older commit (before ``planlink/simulation`` existed,
when the receivers were ``planlink/consolidation/simulate.py``): copy this file there and run
it from that tree, to compare the engine alone (docs/benchmarks.md).
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _outer_seconds(stats: pstats.Stats, prefixes: tuple[str, ...]) -> float:
    """Profiled seconds of calls into files under ``prefixes`` from anywhere else."""
    total = 0.0
    for func, (_cc, _nc, _tt, _ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if not any(prefix in func[0] for prefix in prefixes):
            continue
        for caller, caller_stats in callers.items():
            if not any(prefix in caller[0] for prefix in prefixes):
                total += caller_stats[3]
    return total


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    province_code = sys.argv[2] if len(sys.argv) > 2 else "24"
    os.environ["PLANLINK_DATA_DIR"] = tempfile.mkdtemp(prefix="engine-profile-")
    os.environ["PLANLINK_DEBUG"] = "0"
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planlink.settings")
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from planlink.areas.models import Area
    from planlink.plans.frame import frame_ensure_default

    new = os.path.isdir("planlink/simulation")
    run: Any
    if new:
        from planlink.plans.cluster_frame import cluster_frame_ensure_default
        from planlink.simulation import plans as synthetic_plans
        from planlink.simulation.demo import ensure_reference_data
        from planlink.simulation.guard import synthetic_cycle
        from planlink.simulation.receivers import SIMULATED_CLUSTER_WIDE
        from planlink.simulation.runs import simulate_provinces as run
        from planlink.simulation.villages import generate_villages

        receivers = ("planlink/simulation/",)
    else:  # an older tree: the receivers lived in the engine's package
        from planlink.consolidation.demo import (  # type: ignore[import-not-found]
            _village_plans,
            ensure_reference_data,
        )

        from planlink.areas.villages import generate_villages  # type: ignore[no-redef]
        from planlink.consolidation.parallel import consolidate_provinces as run
        from planlink.cycles.services import cycle_create  # type: ignore[attr-defined]

        receivers = ("planlink/consolidation/simulate.py",)
    call_command("migrate", verbosity=0)
    ensure_reference_data()
    cycle = synthetic_cycle(2570) if new else cycle_create(fiscal_year=2570, synthetic=True)
    province = Area.objects.get(code=province_code)
    with transaction.atomic():
        generate_villages(province.code)
        frame_ensure_default(province=province, cycle=cycle)
        if new:
            if province.cluster is not None:
                cluster_frame_ensure_default(
                    cluster=province.cluster, cycle=cycle, cluster_wide=SIMULATED_CLUSTER_WIDE
                )
            synthetic_plans.village_plans(province, cycle, seed=2568)
        else:
            _village_plans(province, cycle, seed=2568)
    report: dict[str, dict[str, float]] = {}
    for level in ("tambon", "district", "province"):
        profile = cProfile.Profile(time.process_time)
        cpu, wall = _cpu(), time.perf_counter()
        profile.enable()
        run(level=level, province_codes=[province_code], cycle=cycle, workers=1)
        profile.disable()
        cpu, wall = _cpu() - cpu, time.perf_counter() - wall
        profile.dump_stats(str(out / f"{level}.prof"))
        stats = pstats.Stats(profile)
        report[level] = {
            "cpu": round(cpu, 2),
            "wall": round(wall, 2),
            "receivers": round(_outer_seconds(stats, receivers), 2),
            "rollups": round(_outer_seconds(stats, ("planlink/rollups/",)), 2),
        }
        print(level, report[level], flush=True)
    (out / "report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
