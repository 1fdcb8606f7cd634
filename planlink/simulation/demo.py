"""A realistic, clearly synthetic planning year for one real province (or all of them).

Real: the province, its districts, tambons, local governments, agencies and the
survey indicators. Synthetic (``synthetic=True``, labelled ข้อมูลสังเคราะห์ on every
screen): the villages (หมู่ที่ 1…N), the household survey, the village plans and
every decision the simulation takes. The year runs through the engine's steps with the
simulated receivers deciding (``runs``); a real (non-synthetic) cycle of the same year
is refused before anything is written.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.db import transaction

from planlink.areas.loaders import load_reference_data
from planlink.areas.models import Agency, Area, cluster_code
from planlink.consolidation import vocabulary
from planlink.cycles.models import PlanningCycle
from planlink.evidence.models import SurveyImport
from planlink.evidence.services.indicators import load_default_indicators
from planlink.plans.cluster_frame import cluster_frame_ensure_default
from planlink.plans.frame import frame_ensure_default
from planlink.rollups.selectors import funnel  # one roll-up row, even for the nation
from planlink.simulation.dates import simulate_submission_dates
from planlink.simulation.guard import require_synthetic, synthetic_cycle
from planlink.simulation.plans import village_plans
from planlink.simulation.receivers import SIMULATED_CLUSTER_WIDE
from planlink.simulation.runs import LEVELS, simulate_clusters, simulate_cycle, simulate_provinces
from planlink.simulation.surveys import survey_generate
from planlink.simulation.villages import generate_villages

DEFAULT_PROVINCE = "24"  # Chachoengsao
DEFAULT_CYCLE = 2570  # plans made in 2568 (2025); budget act FY2570 — decisions are known

Progress = Callable[[str], None]


def ensure_reference_data() -> None:
    if not Area.objects.filter(code="24").exists() or not Agency.objects.exists():
        load_reference_data()
    load_default_indicators()


def has_survey(province_code: str, year: int) -> bool:
    """Is there already a household survey of ``year`` covering the province (synthetic
    or real)? The demo then reuses it instead of generating it again."""
    return any(
        province_code in codes.split(",")
        for codes in SurveyImport.objects.filter(year=year).values_list("province_codes", flat=True)
    )


def demo_province(
    province_code: str,
    fiscal_year: int,
    *,
    seed: int = 2568,
    progress: Progress | None = None,
    survey: bool = True,
    run: bool = True,
) -> dict[str, Any]:
    """Generate the synthetic year for one province and (``run``) run the whole cycle."""
    say = progress or (lambda message: None)
    province = Area.objects.get(code=province_code, level=Area.Level.PROVINCE)
    existing = PlanningCycle.objects.filter(pk=fiscal_year).first()
    if existing is not None:
        require_synthetic(existing)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with transaction.atomic():
        generate_villages(province_code, seed=seed)
        cycle = synthetic_cycle(fiscal_year)
        frame_ensure_default(province=province, cycle=cycle)
        if province.cluster is not None:  # the cluster's frame (issue 17)
            cluster_frame_ensure_default(
                cluster=province.cluster, cycle=cycle, cluster_wide=SIMULATED_CLUSTER_WIDE
            )
    year = fiscal_year - 3
    if survey and not has_survey(province_code, year):
        say(f"สร้างข้อมูล จปฐ. สังเคราะห์ ปี {year} · synthetic household survey")
        survey_generate(province_code=province_code, year=year)
    timings["survey"] = time.perf_counter() - started
    say(f"สร้างแผนหมู่บ้านสังเคราะห์ จังหวัด{province.name_th} · synthetic village plans")
    mark = time.perf_counter()
    with transaction.atomic():
        generated = village_plans(province, cycle, seed=seed)
    timings["village_plans"] = time.perf_counter() - mark
    if not run:
        return {"generated": generated, "steps": {}, "timings": timings}
    mark = time.perf_counter()
    say("บูรณาการแผน ตำบล → อำเภอ → จังหวัด → ส่วนราชการ · running the cycle")
    steps = simulate_cycle(province_code=province_code, cycle=cycle)
    # the year's plans were sent inside their milestones' windows, not all today
    simulate_submission_dates(cycle, province_code)
    timings["cycle"] = time.perf_counter() - mark
    return {"generated": generated, "steps": steps, "timings": timings}


def demo_national(
    fiscal_year: int,
    *,
    seed: int = 2568,
    workers: int | None = None,
    progress: Progress | None = None,
    province_codes: list[str] | None = None,
) -> dict[str, Any]:
    """Every province (or ``province_codes``): generate its synthetic year, then run each
    step over all of them at once in worker processes (``planlink.consolidation.parallel``)."""
    say = progress or (lambda message: None)
    codes = province_codes or list(
        Area.objects.provinces().exclude(code="10").values_list("code", flat=True)
    )
    for code in codes:
        demo_province(code, fiscal_year, seed=seed, progress=say, run=False)
    cycle = PlanningCycle.objects.get(pk=fiscal_year)
    steps: dict[str, Any] = {}
    for level in LEVELS:
        say(f"ขั้น {level} ทุกจังหวัด · {level} step, all provinces")
        steps[level] = simulate_provinces(
            level=level, province_codes=codes, cycle=cycle, workers=workers
        )
    say("ขั้นกลุ่มจังหวัด · cluster step, every cluster")
    steps["cluster"] = simulate_clusters(province_codes=codes, cycle=cycle)
    simulate_submission_dates(cycle)
    return {"provinces": len(codes), "steps": steps}


def demo_report(area_code: str, fiscal_year: int, province_name: str) -> dict[str, Any]:
    """The funnel as ``planlink demo --json`` prints it."""
    figures = funnel(area_code, fiscal_year)
    if len(area_code) == 2:
        # The province's cluster ran with what this province sent (issue 17).
        cluster = (
            Area.objects.filter(code=area_code).values_list("cluster__number", flat=True).first()
        )
        figures["cluster_projects"] = (
            funnel(cluster_code(cluster), fiscal_year)["cluster_projects"] if cluster else 0
        )
    return {
        "synthetic": True,
        "label": vocabulary.SYNTHETIC_LABEL,
        "cycle": fiscal_year,
        "province": area_code or "all",
        "province_name_th": province_name,
        **{key: value for key, value in figures.items() if key not in ("cycle", "area")},
    }


def print_funnel(write: Callable[[str], None], report: dict[str, Any]) -> None:
    """The funnel in the manner of the manual's FY2559 figures."""

    def baht(value: str) -> str:
        return f"{float(value) / 1_000_000:,.2f} ล้านบาท"

    province = report["province_name_th"]
    write(f"PlanLink — {report['label']}")
    write(f"ปีงบประมาณ พ.ศ. {report['cycle']} · {province} · หมู่บ้าน {report['villages']:,} แห่ง")
    rows = [
        (
            "ความต้องการจากแผนหมู่บ้าน (needs raised)",
            report["village_projects"],
            baht(report["village_budget_baht"]),
        ),
        ("  หมู่บ้านทำเอง (kept by villages)", report["kept_by_villages"], ""),
        ("  รวมความต้องการซ้ำ (duplicates merged)", report["duplicates_merged"], ""),
        (
            "  ความต้องการร่วมหลายพื้นที่ (shared-need groups)",
            report.get("shared_need_groups", 0),
            f"{report.get('shared_need_components', 0):,} พื้นที่ (components)",
        ),
        ("โครงการในแผนพัฒนาตำบล (tambon projects)", report["tambon_projects"], ""),
        ("  ส่ง อปท. บัญชีประสานโครงการ (sent to LAOs)", report["lao_coordination_items"], ""),
        ("  ส่งแผนพัฒนาอำเภอ (sent to districts)", report["sent_to_districts"], ""),
        ("โครงการในแผนความต้องการระดับอำเภอ (district projects)", report["district_projects"], ""),
        ("โครงการในแผนพัฒนาจังหวัด (province projects)", report["province_projects"], ""),
        ("โครงการในแผนพัฒนากลุ่มจังหวัด (cluster projects)", report.get("cluster_projects", 0), ""),
        (
            "  เสนอส่วนราชการ (sent to agencies)",
            report["sent_to_agencies"],
            baht(report["sent_to_agencies_baht"]),
        ),
        (
            "  บรรจุในคำของบประมาณ (included)",
            report["agency_requests"],
            baht(report["agency_requests_baht"]),
        ),
        (
            "  ส่วนราชการจัดสรรงบประมาณ (funded by agencies)",
            report["agency_funded"],
            baht(report["agency_funded_baht"]),
        ),
        (
            "ได้รับงบประมาณทุกแหล่ง (funded, all sources)",
            report["funded_projects"],
            baht(report["funded_baht"]),
        ),
    ]
    for label, count, money in rows:
        write(f"{label:<58}{count:>10,}  {money}")
    for source, figures in report["funded_by_source"].items():
        write(f"    แหล่ง {source:<12}{figures['projects']:>8,}  {baht(figures['baht'])}")
