"""Benchmark: N synthetic households (Parquet and CSV) → stored aggregates at four levels.

For each format it reports the import time (checks + roll-up + database
write), the peak memory of the importing process, and the ratio to the floor:
the time DuckDB needs merely to scan every column of the same file. Target
(issue 5): 12 million households in under 60 s and 4 GB on 2 cores.

Each import runs in a fresh child process (``python -m planlink.simulation.survey_bench
--import FILE``) so its peak resident memory is its own. The database is the
one configured for Django (``DATABASE_URL`` or the SQLite file); the benchmark
adds synthetic villages (``simulation.villages.generate_villages``) until there are about
160 households per village, like the real country, and its imports are
marked synthetic.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HOUSEHOLDS_PER_VILLAGE = 160  # ~12 million households / ~75,000 villages
TARGET_SECONDS = 60.0
TARGET_MEGABYTES = 4096.0
# A year no real survey has, so the benchmark can clear it before each measured import.
BENCH_YEAR = 2599


def _peak_megabytes() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _villages_for(households: int) -> list[str]:
    """Enough village codes for ``households``; generates synthetic villages when short."""
    from planlink.areas.models import Area
    from planlink.simulation.villages import generate_villages

    wanted = max(1, households // HOUSEHOLDS_PER_VILLAGE)
    villages = Area.objects.filter(level=Area.Level.VILLAGE)
    if villages.count() < wanted:
        provinces = Area.objects.provinces().exclude(code="10").order_by("code")
        for province in provinces.values_list("code", flat=True):
            if villages.count() >= wanted:
                break
            if not villages.filter(code__startswith=province).exists():
                generate_villages(province)
    codes = list(villages.order_by("code").values_list("code", flat=True)[:wanted])
    if not codes:
        raise RuntimeError("no villages: load the areas first (planlink areas load)")
    return codes


def _scan_floor(path: Path) -> float:
    """Seconds for DuckDB to read every value of every column once (no checks, no grouping).

    ``count(column)`` alone would be answered from Parquet statistics without
    reading the data, so each column is summed (numbers) or its lengths summed (text).
    """
    from planlink.evidence.ingest.sources import connect, quote_identifier, quote_literal

    connection = connect()
    try:
        if path.suffix == ".parquet":
            relation = f"read_parquet({quote_literal(str(path))})"
        else:
            relation = f"read_csv({quote_literal(str(path))}, header = true, all_varchar = true)"
        described = connection.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()
        sums = ", ".join(
            f"sum(length({quote_identifier(name)}))"
            if kind == "VARCHAR"
            else f"sum({quote_identifier(name)})"
            for name, kind, *_ in described
        )
        started = time.perf_counter()
        connection.execute(f"SELECT {sums} FROM {relation}").fetchall()
        return time.perf_counter() - started
    finally:
        connection.close()


def measure_import(path: Path, *, year: int = BENCH_YEAR) -> dict[str, Any]:
    """Import one file in this process (what ``survey_import_households`` does, in two
    timed halves: the engine, then the database write); time, peak memory, rows stored."""
    from django.db.models import Count

    from planlink.evidence.ingest.households import aggregate_household_file
    from planlink.evidence.models import IndicatorAggregate, IndicatorSet
    from planlink.evidence.services.imports import (
        DEFAULT_MEMORY_LIMIT,
        survey_set,
        survey_store_aggregation,
        village_resolver,
    )

    indicator_set, codes = survey_set("JPT60", kind=IndicatorSet.Kind.JPT)
    started = time.perf_counter()
    monotonic_start = time.monotonic()
    aggregation = aggregate_household_file(
        path,
        indicator_codes=codes,
        resolve_villages=village_resolver,
        memory_limit=DEFAULT_MEMORY_LIMIT,
    )
    engine_seconds = time.perf_counter() - started
    survey_import = survey_store_aggregation(
        kind="households",
        path=path,
        year=year,
        indicator_set=indicator_set,
        codes=codes,
        aggregation=aggregation,
        user=None,
        synthetic=True,
        started=monotonic_start,
    )
    seconds = time.perf_counter() - started
    levels = dict(
        IndicatorAggregate.objects.filter(survey_import=survey_import)
        .values_list("level")
        .annotate(rows=Count("id"))
        .values_list("level", "rows")
    )
    return {
        "seconds": round(seconds, 2),
        "engine_seconds": round(engine_seconds, 2),
        "store_seconds": round(seconds - engine_seconds, 2),
        "peak_megabytes": round(_peak_megabytes(), 1),
        "rows_read": survey_import.rows_read,
        "villages": survey_import.villages,
        "aggregates_stored": survey_import.aggregates_stored,
        "aggregates_by_level": levels,
    }


def _clear_year(year: int) -> None:
    """A first import of the year is measured: remove the benchmark year (and, on
    PostgreSQL, its dead rows) first. Replacing a stored year would add the delete."""
    from django.db import connection

    from planlink.evidence.models import IndicatorAggregate

    IndicatorAggregate.objects.filter(year=year).delete()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {IndicatorAggregate._meta.db_table}")


def _import_in_child(path: Path, year: int) -> dict[str, Any]:
    environment = dict(os.environ)
    environment.setdefault("DJANGO_SETTINGS_MODULE", "planlink.settings")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "planlink.simulation.survey_bench",
            "--import",
            str(path),
            "--year",
            str(year),
        ],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"benchmark import failed:\n{completed.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def run(
    households: int,
    out_dir: Path,
    *,
    year: int = BENCH_YEAR,
    formats: tuple[str, ...] = ("parquet", "csv"),
    isolate: bool = True,
) -> dict[str, Any]:
    """Generate, scan and import ``households`` synthetic households per format.

    ``isolate=False`` imports in this process (tests; peak memory is then the
    whole process's). Returns the figures; ``main()`` prints them.
    """
    from planlink.evidence.models import IndicatorSet
    from planlink.evidence.services.indicators import load_default_indicators
    from planlink.simulation.households import write_synthetic_households

    load_default_indicators()
    out_dir.mkdir(parents=True, exist_ok=True)
    indicator_set = IndicatorSet.objects.get(code="JPT60")
    codes = list(indicator_set.indicators.order_by("number").values_list("code", flat=True))
    villages = _villages_for(households)
    results: dict[str, Any] = {
        "households": households,
        "villages": len(villages),
        "cores": os.cpu_count(),
        "target": {"seconds": TARGET_SECONDS, "megabytes": TARGET_MEGABYTES},
        "formats": {},
    }
    for file_format in formats:
        path = out_dir / f"synthetic_households_{households}.{file_format}"
        started = time.perf_counter()
        write_synthetic_households(
            path, households=households, village_codes=villages, indicator_codes=codes, seed=year
        )
        generated = time.perf_counter() - started
        floor = _scan_floor(path)
        _clear_year(year)
        measured = _import_in_child(path, year) if isolate else measure_import(path, year=year)
        measured.update(
            {
                "file_megabytes": round(path.stat().st_size / 1_048_576, 1),
                "generate_seconds": round(generated, 2),
                "scan_floor_seconds": round(floor, 4),
                "ratio_to_scan_floor": round(measured["seconds"] / floor, 1) if floor else None,
                "meets_target": measured["seconds"] < TARGET_SECONDS
                and measured["peak_megabytes"] < TARGET_MEGABYTES,
            }
        )
        results["formats"][file_format] = measured
    return results


def format_results(results: dict[str, Any]) -> str:
    lines = [
        f"จปฐ. import benchmark (ข้อมูลสังเคราะห์ · synthetic): {results['households']:,} households, "
        f"{results['villages']:,} villages, {results['cores']} cores; target < "
        f"{results['target']['seconds']:.0f} s and < {results['target']['megabytes']:.0f} MB",
        f"{'format':<8}{'file MB':>9}{'import s':>10}{'engine s':>10}{'store s':>9}"
        f"{'peak MB':>9}{'scan s':>8}{'ratio':>7}{'stored':>11}  target",
    ]
    for name, figures in results["formats"].items():
        lines.append(
            f"{name:<8}{figures['file_megabytes']:>9,.0f}{figures['seconds']:>10.1f}"
            f"{figures['engine_seconds']:>10.1f}{figures['store_seconds']:>9.1f}"
            f"{figures['peak_megabytes']:>9,.0f}{figures['scan_floor_seconds']:>8.1f}"
            f"{figures['ratio_to_scan_floor'] or 0:>7.1f}{figures['aggregates_stored']:>11,}  "
            f"{'met' if figures['meets_target'] else 'MISSED'}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=12_000_000)
    parser.add_argument("--out", type=Path, default=Path("var/bench/evidence"))
    parser.add_argument("--year", type=int, default=BENCH_YEAR)
    parser.add_argument("--import", dest="import_path", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planlink.settings")
    import django

    django.setup()
    if arguments.import_path is not None:
        sys.stdout.write(
            json.dumps(measure_import(arguments.import_path, year=arguments.year)) + "\n"
        )
        return
    results = run(arguments.households, arguments.out, year=arguments.year)
    sys.stdout.write(
        (json.dumps(results, indent=2) if arguments.json else format_results(results)) + "\n"
    )


if __name__ == "__main__":
    main()
