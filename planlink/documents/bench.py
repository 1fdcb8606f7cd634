"""How fast a provincial plan book renders: ``run(projects=5000)`` for ``make bench``.

Builds a synthetic provincial development plan (ข้อมูลสังเคราะห์ — every plan is marked
``synthetic`` and its title says so) for Chachoengsao in a throw-away cycle (B.E. 2699),
with a share of its projects merged from synthetic district and tambon plans so the
lineage columns have work to do; times reading the book from the database (and counts
the queries: a fixed number whatever the number of projects), writing the .docx and
writing the PDF; then rolls everything back. The database must be migrated; the national
reference data is loaded (inside the same rolled-back transaction) if it is missing.
"""

from __future__ import annotations

import random
import time
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

__all__ = ["run"]

BENCH_CYCLE = 2699
PROVINCE = "24"
TITLES = [
    "ก่อสร้างถนนคอนกรีตเสริมเหล็ก", "ขุดลอกคลองสาธารณะ", "ก่อสร้างฝายชะลอน้ำ",
    "ปรับปรุงระบบประปาหมู่บ้าน", "ติดตั้งไฟฟ้าส่องสว่างสาธารณะ", "ฝึกอบรมอาชีพจักสานผักตบชวา",
    "ส่งเสริมการปลูกผักปลอดสารพิษ", "จัดตั้งศูนย์เรียนรู้ชุมชน", "ป้องกันและแก้ไขปัญหายาเสพติด",
    "ส่งเสริมสุขภาพผู้สูงอายุ", "ขุดเจาะบ่อบาดาลเพื่อการเกษตร", "ก่อสร้างรางระบายน้ำ",
]  # fmt: skip
OBJECTIVES = ["เพื่อให้ประชาชนสัญจรสะดวกและปลอดภัย", "เพื่อให้มีน้ำใช้ในการเกษตรตลอดปี",
              "เพื่อเพิ่มรายได้ให้ครัวเรือน", "เพื่อยกระดับคุณภาพชีวิตของผู้สูงอายุ"]  # fmt: skip
UNITS = ["เมตร", "แห่ง", "คน", "ครัวเรือน", "กิโลเมตร"]


class _Rollback(Exception):
    pass


def _setup(project_count: int, seed: int) -> Any:
    from planlink.areas.loaders import load_reference_data
    from planlink.areas.models import Area
    from planlink.cycles.services import cycle_create
    from planlink.plans.frame import frame_ensure_default
    from planlink.plans.models import Plan, PlanKind, Project
    from planlink.plans.services import plan_create
    from planlink.referrals.models import Decision, Referral, TargetKind

    if not Area.objects.filter(code=PROVINCE).exists():
        load_reference_data()
    randomness = random.Random(seed)
    cycle = cycle_create(fiscal_year=BENCH_CYCLE)
    province = Area.objects.get(code=PROVINCE)
    issues = frame_ensure_default(province=province, cycle=cycle)
    book = plan_create(
        actor=None,
        kind=PlanKind.PROVINCIAL_DEVELOPMENT,
        cycle=cycle,
        owner_area=province,
        title=f"แผนพัฒนาจังหวัดฉะเชิงเทรา (ข้อมูลสังเคราะห์ {project_count:,} โครงการ)",
        synthetic=True,
    )

    def projects_for(plan: Plan, count: int, label: str) -> list[Project]:
        rows = []
        for number in range(1, count + 1):
            issue = randomness.choice(issues)
            rows.append(
                Project(
                    plan=plan,
                    title=f"{randomness.choice(TITLES)} {label} ที่ {number}",
                    objective=randomness.choice(OBJECTIVES),
                    target_quantity=Decimal(randomness.randint(1, 2000)),
                    target_unit=randomness.choice(UNITS),
                    budget=Decimal(randomness.randint(50, 50_000)) * 1000,
                    duration_months=randomness.randint(1, 12),
                    issue=issue,
                    strategy_id=issue.strategy_id,
                    priority=number,
                    kpi="ดำเนินการแล้วเสร็จร้อยละ 100",
                    expected_result="ประชาชนได้รับประโยชน์",
                    responsible_unit="สำนักงานจังหวัดฉะเชิงเทรา",
                )
            )
        return Project.objects.bulk_create(rows, batch_size=1000)

    top = projects_for(book, project_count, "จ.ฉะเชิงเทรา")
    districts = list(Area.objects.filter(parent_id=PROVINCE).order_by("code"))
    referrals = []
    merged = top[: project_count // 5]  # a fifth came up from the districts
    for index, district in enumerate(districts):
        share = merged[index :: len(districts)]
        if not share:
            continue
        plan = plan_create(
            actor=None, kind=PlanKind.DISTRICT_NEEDS, cycle=cycle, owner_area=district,
            title=f"แผนความต้องการ{district.display_name} (ข้อมูลสังเคราะห์)", synthetic=True,
        )  # fmt: skip
        sources = projects_for(plan, len(share), district.display_name)
        for source, receiving in zip(sources, share, strict=True):
            referrals.append(
                Referral(
                    project=source, target_kind=TargetKind.PLAN, target_key=f"plan:{book.pk}",
                    to_plan=book, scope_code=PROVINCE, decision=Decision.INCLUDED,
                    result_project=receiving,
                )
            )  # fmt: skip
    Referral.objects.bulk_create(referrals, batch_size=1000)
    return book


def _page_count(pdf: bytes) -> int | None:
    """Pages of the PDF (with pypdfium2, a test dependency; ``None`` without it)."""
    try:
        import pypdfium2
    except ImportError:  # pragma: no cover
        return None
    return len(pypdfium2.PdfDocument(pdf))


def run(projects: int = 5000, seed: int = 2570, pdf: bool = True) -> dict[str, Any]:
    """Time a provincial plan book of ``projects`` synthetic projects; nothing is kept."""
    import django
    from django.conf import settings

    if not settings.configured:  # pragma: no cover - called from a bare interpreter
        import os

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planlink.settings")
        django.setup()
    from planlink.documents.plan_book import build_plan_book
    from planlink.documents.render import to_docx, to_pdf

    result: dict[str, Any] = {"projects": projects, "synthetic": True}
    try:
        with transaction.atomic():
            started = time.perf_counter()
            plan = _setup(projects, seed)
            result["setup_seconds"] = round(time.perf_counter() - started, 2)
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                document = build_plan_book(plan)
                result["read_seconds"] = round(time.perf_counter() - started, 2)
            result["read_queries"] = len(queries.captured_queries)
            started, cpu = time.perf_counter(), time.process_time()
            content = to_docx(document)
            result["docx_seconds"] = round(time.perf_counter() - started, 2)
            result["docx_cpu_seconds"] = round(time.process_time() - cpu, 2)
            result["docx_bytes"] = len(content)
            if pdf:
                started, cpu = time.perf_counter(), time.process_time()
                content = to_pdf(document)
                result["pdf_seconds"] = round(time.perf_counter() - started, 2)
                result["pdf_cpu_seconds"] = round(time.process_time() - cpu, 2)
                result["pdf_bytes"] = len(content)
                result["pdf_pages"] = _page_count(content)
            raise _Rollback
    except _Rollback:
        pass
    return result


if __name__ == "__main__":  # pragma: no cover
    import json
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    print(json.dumps(run(count), ensure_ascii=False, indent=2))  # noqa: T201
