"""One engine benchmark run in its own process (so peak memory is its own).

``python -m benchmarks.engine_run --villages 10000 --database sqlite|postgres --out FILE``
creates a fresh database, loads the real areas, generates a labelled synthetic
planning year for as many real provinces as it takes to reach the village
count, then runs every step — tambon, district, province (with simulated
receivers) — timing each, and measures the floor: reading every village
project and writing as many rows, with nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path


def _configure(database: str, scratch: Path) -> str:
    os.environ["PLANLINK_DATA_DIR"] = str(scratch)
    os.environ["PLANLINK_DEBUG"] = "0"  # no SQL log: a production-like process
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planlink.settings")
    if database == "postgres":
        name = f"planlink_bench_{os.getpid()}"
        import psycopg

        with psycopg.connect(
            "host=127.0.0.1 user=postgres dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
        return name
    os.environ.pop("DATABASE_URL", None)
    return ""


def _drop(name: str) -> None:
    if not name:
        return
    from django.db import connections

    connections.close_all()
    import psycopg

    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _time_rollup_refreshes(log: Path) -> None:
    """Time every roll-up refresh the steps make (in the workers too: they are forked after
    this), one JSON line each, with the step it belonged to (``_mark_step``)."""
    from planlink.consolidation import cluster, steps

    def timed(refresh):  # noqa: ANN001, ANN202
        def run(**kwargs):  # noqa: ANN003, ANN202
            mark = time.perf_counter()
            try:
                return refresh(**kwargs)
            finally:
                step = os.environ.get("BENCH_STEP", "")
                line = {"step": step, "seconds": time.perf_counter() - mark}
                with log.open("a", encoding="utf-8") as out:
                    out.write(json.dumps(line) + "\n")

        return run

    steps.rollups_refresh = timed(steps.rollups_refresh)
    cluster.rollups_refresh = timed(cluster.rollups_refresh)


def _mark_step(log: Path, level: str) -> None:
    os.environ["BENCH_STEP"] = level  # inherited by the step's forked workers


def _refresh_seconds(log: Path) -> dict[str, float]:
    totals: dict[str, float] = {}
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            totals[row["step"]] = totals.get(row["step"], 0.0) + row["seconds"]
    return {step: round(seconds, 1) for step, seconds in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--villages", type=int, required=True)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--cycle", type=int, default=2570)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--workers", type=int, default=0, help="engine worker processes (default: one per core)"
    )
    parser.add_argument(
        "--projects-per-village",
        default="",
        help="LOW,HIGH projects drawn per village plan (default: the demo's 12,28)",
    )
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="leave the PostgreSQL database in place (its URL is printed), e.g. for the load run",
    )
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="planlink-bench-"))
    name = _configure(args.database, scratch)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from planlink.areas.models import Area
    from planlink.consolidation.parallel import default_workers
    from planlink.consolidation.selectors import funnel
    from planlink.plans.cluster_frame import cluster_frame_ensure_default
    from planlink.plans.frame import frame_ensure_default
    from planlink.plans.models import Project
    from planlink.simulation import plans as synthetic_plans
    from planlink.simulation.demo import ensure_reference_data
    from planlink.simulation.guard import synthetic_cycle
    from planlink.simulation.receivers import SIMULATED_CLUSTER_WIDE
    from planlink.simulation.runs import simulate_clusters, simulate_provinces
    from planlink.simulation.villages import generate_villages

    refresh_log = scratch / "rollup-refreshes.jsonl"
    _time_rollup_refreshes(refresh_log)

    if args.projects_per_village:
        low, high = (int(v) for v in args.projects_per_village.split(","))
        synthetic_plans.PROJECTS_PER_VILLAGE = (low, high)
    try:
        call_command("migrate", verbosity=0)
        ensure_reference_data()
        cycle = synthetic_cycle(args.cycle)
        provinces, villages = [], 0
        started = time.perf_counter()
        for province in Area.objects.provinces().exclude(code="10").order_by("code"):
            if villages >= args.villages:
                break
            with transaction.atomic():
                villages += generate_villages(province.code)["villages_created"]
                frame_ensure_default(province=province, cycle=cycle)
                if province.cluster is not None:  # the cluster step's frame (issue 17)
                    cluster_frame_ensure_default(
                        cluster=province.cluster, cycle=cycle, cluster_wide=SIMULATED_CLUSTER_WIDE
                    )
                synthetic_plans.village_plans(province, cycle, seed=2568)
            provinces.append(province.code)
        generation = time.perf_counter() - started
        projects = Project.objects.filter(plan__kind="village").count()
        workers = args.workers or default_workers()
        steps, worker_peak, by_province = {}, 0, {}

        def cpu() -> float:
            """CPU seconds of this process and its finished workers (not the database's)."""
            own = resource.getrusage(resource.RUSAGE_SELF)
            kids = resource.getrusage(resource.RUSAGE_CHILDREN)
            return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

        steps_cpu: dict[str, float] = {}
        load_before = os.getloadavg()
        for level in ("tambon", "district", "province"):
            _mark_step(refresh_log, level)
            mark = time.perf_counter()
            cpu_mark = cpu()
            outcome = simulate_provinces(
                level=level, province_codes=provinces, cycle=cycle, workers=workers
            )
            steps[level] = time.perf_counter() - mark
            steps_cpu[level] = cpu() - cpu_mark
            worker_peak = max(worker_peak, outcome.get("worker_peak_memory_mb", 0))
            for code, seconds in outcome["seconds_by_province"].items():
                by_province[code] = by_province.get(code, 0.0) + seconds
        # The cluster step (issue 17): every cluster of these provinces, after the province step.
        mark = time.perf_counter()
        cpu_mark = cpu()
        _mark_step(refresh_log, "cluster")
        simulate_clusters(province_codes=provinces, cycle=cycle, workers=workers)
        steps["cluster"] = time.perf_counter() - mark
        steps_cpu["cluster"] = cpu() - cpu_mark
        total = sum(steps.values())
        # The floor: read every village project once, write as many rows once.
        mark = time.perf_counter()
        with connection.cursor() as cursor, transaction.atomic():
            cursor.execute(
                "CREATE TEMPORARY TABLE bench_floor (project_id bigint, title varchar(300), budget numeric(16,2), issue_id bigint)"
            )
            rows = (
                Project.objects.filter(plan__kind="village")
                .order_by()
                .values_list("pk", "title", "budget", "issue_id")
                .iterator(chunk_size=5000)
            )
            batch: list[tuple] = []
            for pk, title, budget, issue in rows:
                batch.append((pk, title, str(budget), issue))
                if len(batch) == 5000:
                    cursor.executemany("INSERT INTO bench_floor VALUES (%s, %s, %s, %s)", batch)
                    batch = []
            if batch:
                cursor.executemany("INSERT INTO bench_floor VALUES (%s, %s, %s, %s)", batch)
            cursor.execute("DROP TABLE bench_floor")
        floor = time.perf_counter() - mark
        parent_peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        one_province = sorted(by_province.items(), key=lambda item: item[1])
        result = {
            "database": args.database,
            "villages": villages,
            "provinces": len(provinces),
            "projects_per_village": list(synthetic_plans.PROJECTS_PER_VILLAGE),
            "village_projects": projects,
            "generation_seconds": round(generation, 1),
            "steps_seconds": {k: round(v, 1) for k, v in steps.items()},
            "total_seconds": round(total, 1),
            # wall time depends on what else runs: CPU seconds and the load average say how
            # much of the machine the run had (the database server's CPU is not counted)
            "steps_cpu_seconds": {k: round(v, 1) for k, v in steps_cpu.items()},
            "total_cpu_seconds": round(sum(steps_cpu.values()), 1),
            "load_average_before_steps": [round(x, 2) for x in load_before],
            "load_average_after_steps": [round(x, 2) for x in os.getloadavg()],
            # The roll-ups' refresh after each province's step (issue 16), timed in the
            # workers: seconds summed over the refreshes (wall, each in its own process).
            "rollup_refresh_seconds": (refreshes := _refresh_seconds(refresh_log)),
            "rollup_refresh_share_of_steps": {
                level: round(refreshes.get(level, 0.0) / seconds, 3) if seconds else None
                for level, seconds in steps.items()
            },
            "projects_per_second": round(projects / total) if total else None,
            "floor_seconds": round(floor, 2),
            "ratio_to_floor": round(total / floor, 1) if floor else None,
            "workers": workers,
            "generation_peak_memory_mb": parent_peak,
            "worker_peak_memory_mb": worker_peak,
            # The engine's memory at its peak, at most: the parent plus every worker at its own
            # peak (forked workers share the parent's pages, so the true figure is lower).
            "peak_memory_mb": parent_peak + workers * worker_peak if workers > 1 else parent_peak,
            "province_seconds": {
                "median": round(one_province[len(one_province) // 2][1], 1),
                "largest": list(one_province[-1]),
                **({"24": round(by_province["24"], 1)} if "24" in by_province else {}),
            },
            "funnel": {
                k: v
                for k, v in funnel("", cycle.pk).items()
                if k
                in (
                    "village_projects",
                    "duplicates_merged",
                    "tambon_projects",
                    "district_projects",
                    "province_projects",
                    "sent_to_agencies",
                    "agency_requests",
                    "funded_projects",
                )
            },
        }
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        print(json.dumps(result, ensure_ascii=False))
    finally:
        if args.keep_database and name:
            print(f"DATABASE_URL=postgres://postgres@127.0.0.1:5432/{name}", file=sys.stderr)
        else:
            _drop(name)


if __name__ == "__main__":
    sys.exit(main())
