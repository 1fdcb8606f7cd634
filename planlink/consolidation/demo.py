"""A realistic, clearly synthetic planning year for one real province (or all of them).

Real: the province, its districts, tambons, local governments, agencies and the
survey indicators. Synthetic (``synthetic=True``, labelled ข้อมูลสังเคราะห์ on every
screen): the villages (หมู่ที่ 1…N), the household survey, the village plans and
every decision the simulation takes. Village plans are built from a vocabulary of
real kinds of projects; villages of a tambon share some needs, so the merge has
real work to do.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from planlink.areas.loaders import load_reference_data
from planlink.areas.models import Agency, Area
from planlink.areas.villages import generate_villages
from planlink.consolidation import vocabulary
from planlink.consolidation.merge import indicator_through
from planlink.consolidation.selectors import funnel
from planlink.consolidation.steps import run_cycle
from planlink.cycles.models import PlanningCycle
from planlink.cycles.services import cycle_create
from planlink.plans.frame import frame_ensure_default
from planlink.plans.models import Issue, Plan, PlanKind, PlanState, Project

DEFAULT_PROVINCE = "24"  # Chachoengsao
DEFAULT_CYCLE = 2570  # plans made in 2568 (2025); budget act FY2570 — decisions are known
PROJECTS_PER_VILLAGE = (12, 28)  # "a village plan holds tens of projects" (PROCESS.md)
SHARED_NEEDS_PER_TAMBON = (4, 8)
SHARED_NEED_TAKE_UP = 0.6

Progress = Callable[[str], None]


def ensure_reference_data() -> None:
    if not Area.objects.filter(code="24").exists() or not Agency.objects.exists():
        load_reference_data()
    try:
        from planlink.evidence.services.indicators import load_default_indicators

        load_default_indicators()
    except ImportError:  # pragma: no cover
        pass


def _village_plans(province: Area, cycle: PlanningCycle, *, seed: int) -> dict[str, int]:
    """Generate submitted village plans for every village of the province that has none."""
    issues = {
        issue.code: issue.pk for issue in Issue.objects.filter(province=province, cycle=cycle)
    }
    agencies = set(Agency.objects.values_list("pk", flat=True))
    indicator_ids = set()
    through = indicator_through()
    if through is not None:
        from planlink.evidence.models import Indicator

        indicator_ids = set(Indicator.objects.values_list("pk", flat=True))
    planned = set(
        Plan.objects.filter(
            kind=PlanKind.VILLAGE, cycle=cycle, scope_code__startswith=province.code
        ).values_list("owner_area_id", flat=True)
    )
    villages = list(
        Area.objects.within(province.code)
        .filter(level=Area.Level.VILLAGE)
        .exclude(code__in=planned)
        .order_by("code")
        .values_list("code", "parent_id", "name_th")
    )
    now = timezone.now()
    plans = [
        Plan(
            kind=PlanKind.VILLAGE,
            cycle=cycle,
            owner_area_id=code,
            scope_code=code,
            synthetic=True,
            state=PlanState.SUBMITTED,
            submitted_at=now,
            title=f"แผนพัฒนาหมู่บ้าน {name} ตำบล{tambon} (ข้อมูลสังเคราะห์)",
        )
        for code, tambon, name in villages
    ]
    tambon_names = dict(
        Area.objects.within(province.code)
        .filter(level=Area.Level.TAMBON)
        .values_list("code", "name_th")
    )
    for plan in plans:
        plan.title = plan.title.replace(
            f"ตำบล{plan.owner_area_id[:6]}", f"ตำบล{tambon_names.get(plan.owner_area_id[:6], '')}"
        )
    Plan.objects.bulk_create(plans, batch_size=2000)
    plan_ids = dict(
        Plan.objects.filter(
            kind=PlanKind.VILLAGE, cycle=cycle, owner_area_id__in=[v[0] for v in villages]
        ).values_list("owner_area_id", "pk")
    )
    shared: dict[str, list[vocabulary.ProjectKind]] = {}
    projects: list[Project] = []
    links: list[tuple[int, str, tuple[str, ...]]] = []
    for code, tambon, name in villages:
        if tambon not in shared:
            trng = random.Random(f"{seed}:tambon:{tambon}")
            shared[tambon] = [
                vocabulary.draw_kind(trng) for _ in range(trng.randint(*SHARED_NEEDS_PER_TAMBON))
            ]
        rng = random.Random(f"{seed}:village:{code}")
        kinds = [kind for kind in shared[tambon] if rng.random() < SHARED_NEED_TAKE_UP]
        kinds += [
            vocabulary.draw_kind(rng)
            for _ in range(rng.randint(*PROJECTS_PER_VILLAGE) - len(kinds))
        ]
        seen: set[str] = set()
        per_issue: dict[str, int] = {}
        label = f"{name} ตำบล{tambon_names.get(tambon, '')}".strip()
        for kind in kinds:
            if kind.key in seen:
                continue
            seen.add(kind.key)
            quantity = vocabulary.draw_quantity(kind, rng)
            per_issue[kind.issue_code] = per_issue.get(kind.issue_code, 0) + 1
            mode = vocabulary.draw_mode(kind, rng)
            projects.append(
                Project(
                    plan_id=plan_ids[code],
                    title=vocabulary.render_title(kind, rng, label, quantity)[:300],
                    rationale=vocabulary.render_rationale(kind, rng, label, quantity),
                    objective=vocabulary.render_objective(kind),
                    target_quantity=quantity,
                    target_unit=kind.target_unit,
                    budget=vocabulary.draw_budget(kind, rng, quantity) if mode != "self" else 0,
                    issue_id=issues.get(kind.issue_code),
                    mode=mode,
                    capacity_level=kind.capacity_level,
                    priority=per_issue[kind.issue_code],
                    households=rng.randint(8, 160),
                    villages_count=1,
                    suggested_agency_id=kind.agency_code if kind.agency_code in agencies else None,
                    duration_months=rng.choice([3, 6, 6, 12]),
                )
            )
            links.append(
                (
                    len(projects) - 1,
                    code,
                    tuple(c for c in kind.indicator_codes if c in indicator_ids),
                )
            )
    Project.objects.bulk_create(projects, batch_size=2000)
    Project.areas.through.objects.bulk_create(
        [Project.areas.through(project_id=projects[i].pk, area_id=code) for i, code, _ in links],
        batch_size=5000,
    )
    if through is not None:
        through.objects.bulk_create(
            [
                through(project_id=projects[i].pk, indicator_id=c)
                for i, _, codes in links
                for c in codes
            ],
            batch_size=5000,
        )
    return {"village_plans": len(plans), "village_projects": len(projects)}


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
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with transaction.atomic():
        generate_villages(province_code, seed=seed)
        cycle = cycle_create(fiscal_year=fiscal_year, synthetic=True)
        frame_ensure_default(province=province, cycle=cycle)
    if survey:
        try:
            from planlink.evidence.models import SurveyImport
            from planlink.evidence.services.generate import survey_generate

            year = fiscal_year - 3
            if (
                not SurveyImport.objects.filter(year=year, scope_code=province_code).exists()
                if hasattr(SurveyImport, "scope_code")
                else True
            ):
                say(f"สร้างข้อมูล จปฐ. สังเคราะห์ ปี {year} · synthetic household survey")
                survey_generate(province_code=province_code, year=year)
        except ImportError:  # pragma: no cover
            pass
    timings["survey"] = time.perf_counter() - started
    say(f"สร้างแผนหมู่บ้านสังเคราะห์ จังหวัด{province.name_th} · synthetic village plans")
    mark = time.perf_counter()
    with transaction.atomic():
        generated = _village_plans(province, cycle, seed=seed)
    timings["village_plans"] = time.perf_counter() - mark
    if not run:
        return {"generated": generated, "steps": {}, "timings": timings}
    mark = time.perf_counter()
    say("บูรณาการแผน ตำบล → อำเภอ → จังหวัด → ส่วนราชการ · running the cycle")
    steps = run_cycle(province_code=province_code, cycle=cycle)
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
    from planlink.consolidation.parallel import consolidate_provinces

    say = progress or (lambda message: None)
    codes = province_codes or list(
        Area.objects.provinces().exclude(code="10").values_list("code", flat=True)
    )
    for code in codes:
        demo_province(code, fiscal_year, seed=seed, progress=say, run=False)
    cycle = PlanningCycle.objects.get(pk=fiscal_year)
    steps = {}
    for level in ("tambon", "district", "province"):
        say(f"ขั้น {level} ทุกจังหวัด · {level} step, all provinces")
        steps[level] = consolidate_provinces(
            level=level, province_codes=codes, cycle=cycle, workers=workers
        )
    return {"provinces": len(codes), "steps": steps}


def demo_report(area_code: str, fiscal_year: int, province_name: str) -> dict[str, Any]:
    """The funnel as ``planlink demo --json`` prints it."""
    figures = funnel(area_code, fiscal_year)
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
        ("โครงการในแผนพัฒนาตำบล (tambon projects)", report["tambon_projects"], ""),
        ("  ส่ง อปท. บัญชีประสานโครงการ (sent to LAOs)", report["lao_coordination_items"], ""),
        ("  ส่งแผนพัฒนาอำเภอ (sent to districts)", report["sent_to_districts"], ""),
        ("โครงการในแผนความต้องการระดับอำเภอ (district projects)", report["district_projects"], ""),
        ("โครงการในแผนพัฒนาจังหวัด (province projects)", report["province_projects"], ""),
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
