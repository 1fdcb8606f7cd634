"""``make bench``: matching quality, the engine at growing scale on both databases, survey
imports and document rendering. Prints tables and writes them to ``var/bench/``.

Options (environment): ``BENCH_VILLAGES=1000,3000`` (default ``10000,30000,75000``: the last
is the full national year, every province), ``BENCH_DATABASES=sqlite,postgres``, ``BENCH_HOUSEHOLDS=12000000``,
``BENCH_DOCUMENT_PROJECTS=5000``, ``BENCH_SUPPLY_ITEMS=50000``, ``BENCH_ONLY=matching,engine,evidence,documents,load,supply``
(``load``: the production server under 50 concurrent clients, ``benchmarks/load.py``).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

OUT = Path("var/bench")


def _machine() -> str:
    memory = ""
    try:
        with open("/proc/meminfo") as handle:
            memory = f", {int(handle.readline().split()[1]) // 1024 // 1024} GiB RAM"
    except OSError:
        pass
    return f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores{memory} · Python {platform.python_version()}"


def bench_matching() -> dict:
    """Issue 12: P/R/F1 per kind on the frozen evaluation part, the baseline, pairs/s."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planlink.settings")
    from benchmarks.matching import run

    return run()


def bench_engine() -> list[dict]:
    scales = [int(v) for v in os.environ.get("BENCH_VILLAGES", "10000,30000,75000").split(",")]
    databases = os.environ.get("BENCH_DATABASES", "sqlite,postgres").split(",")
    results = []
    print("\n== Consolidation engine: every step with simulated receivers (synthetic year) ==")
    print("(1 prov s: median seconds for one province, all three steps)")
    header = f"{'db':<9}{'villages':>9}{'projects':>10}{'tambon s':>9}{'district s':>11}{'province s':>11}{'total s':>9}{'proj/s':>8}{'×floor':>8}{'peak MB':>9}{'1 prov s':>9}"
    print(header)
    for database in databases:
        for villages in scales:
            out = OUT / f"engine_{database}_{villages}.json"
            completed = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.engine_run",
                    "--villages",
                    str(villages),
                    "--database",
                    database,
                    "--out",
                    str(out),
                ],
                capture_output=True,
                text=True,
            )
            if completed.returncode != 0:
                print(
                    f"{database:<9}{villages:>9}  failed: {completed.stderr.strip().splitlines()[-1:]}"
                )
                continue
            row = json.loads(out.read_text(encoding="utf-8"))
            results.append(row)
            s = row["steps_seconds"]
            print(
                f"{database:<9}{row['villages']:>9,}{row['village_projects']:>10,}{s['tambon']:>9}{s['district']:>11}"
                f"{s['province']:>11}{row['total_seconds']:>9}{row['projects_per_second']:>8,}"
                f"{row['ratio_to_floor']:>8}{row['peak_memory_mb']:>9,}"
                f"{row['province_seconds']['median']:>9}"
            )
    for database in databases:
        rows = [r for r in results if r["database"] == database]
        if len(rows) >= 2:
            first, last = rows[0], rows[-1]
            growth = (last["total_seconds"] / first["total_seconds"]) / (
                last["villages"] / first["villages"]
            )
            print(
                f"{database}: time grows {growth:.2f}× per unit of villages (1.00 = linear); "
                f"{last['villages']:,} villages took {last['total_seconds'] / 60:.1f} min "
                f"with {last['workers']} workers; peak memory {last['peak_memory_mb']:,} MB"
            )
    return results


def bench_evidence() -> dict | None:
    from planlink.simulation import survey_bench as bench

    households = int(os.environ.get("BENCH_HOUSEHOLDS", "12000000"))
    print(f"\n== Survey import: {households:,} synthetic households ==")
    result = bench.run(households, OUT / "evidence")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return result


def bench_documents() -> dict | None:
    from planlink.documents import bench

    projects = int(os.environ.get("BENCH_DOCUMENT_PROJECTS", "5000"))
    print(f"\n== Provincial plan book with {projects:,} projects ==")
    result = bench.run(projects)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return result


def bench_supply() -> dict | None:
    """Issue 13: 50,000 synthetic funded items (real area names) imported, located, matched."""
    items = int(os.environ.get("BENCH_SUPPLY_ITEMS", "50000"))
    out = OUT / f"supply_{items}.json"
    print(f"\n== Funded items: {items:,} synthetic budget-bill rows imported, located, matched ==")
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.supply", "--items", str(items), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        print(f"failed: {completed.stderr.strip().splitlines()[-1:]}")
        return None
    result = json.loads(out.read_text(encoding="utf-8"))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return result


def bench_rollups() -> list[dict]:
    """Roll-up maintenance against the engine steps, and the funnel read against a recount."""
    databases = os.environ.get("BENCH_DATABASES", "sqlite,postgres").split(",")
    province = os.environ.get("BENCH_ROLLUP_PROVINCE", "24")
    print(f"\n== Roll-ups: one province's demo year ({province}), refresh after each step ==")
    print(
        f"{'db':<11}{'projects':>9}{'steps s':>9}{'refresh s':>10}{'share':>7}"
        f"{'funnel prov ms':>15}{'recount ms':>11}{'funnel nation ms':>17}{'recount ms':>11}{'diffs':>6}"
    )
    results = []
    for database in databases:
        out = OUT / f"rollups_{database}.json"
        completed = subprocess.run(
            [sys.executable, "-m", "benchmarks.rollups_run", "--database", database]
            + ["--province", province, "--out", str(out)],
            capture_output=True,
            text=True,
        )
        if completed.returncode != 0:
            print(f"{database}: failed\n{completed.stderr[-2000:]}")
            continue
        result = json.loads(out.read_text())
        reads = result["funnel_reads"]
        print(
            f"{database:<11}{result['projects']:>9,}{result['engine_s']:>9.1f}"
            f"{sum(result['refreshes_s']):>10.2f}{result['maintenance_share']:>7.1%}"
            f"{reads[province]['rollup_ms']:>15.2f}{reads[province]['ledger_ms']:>11.0f}"
            f"{reads['nation']['rollup_ms']:>17.2f}{reads['nation']['ledger_ms']:>11.0f}"
            f"{sum(result['verify_differences'].values()):>6}"
        )
        results.append(result)
    return results


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    only = set(
        os.environ.get("BENCH_ONLY", "matching,engine,evidence,documents,load,supply").split(",")
    )
    print(f"PlanLink benchmarks · {time.strftime('%Y-%m-%d %H:%M')} · {_machine()}")
    report: dict = {"machine": _machine(), "when": time.strftime("%Y-%m-%dT%H:%M:%S")}
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planlink.settings")
    django.setup()
    if "matching" in only:
        report["matching"] = bench_matching()
    if "engine" in only:
        report["engine"] = bench_engine()
    if "evidence" in only:
        report["evidence"] = bench_evidence()
    if "documents" in only:
        report["documents"] = bench_documents()
    if "supply" in only:
        report["supply"] = bench_supply()
    if "rollups" in only:
        report["rollups"] = bench_rollups()
    if "load" in only:
        from benchmarks.load import bench_load

        report["load"] = bench_load()
    (OUT / "report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
    print(f"\nwritten: {OUT / 'report.json'}")


if __name__ == "__main__":
    main()
