"""Plan books (เล่มแผน) for every plan kind, from the database.

A book has a cover (ปก), contents (สารบัญ), then:

* ส่วนที่ 1 ข้อมูลทั่วไปของแผน — owner, cycle, state with B.E. dates, totals;
* ส่วนที่ 2 สรุปโครงการ — projects and budget per year by strategy (ยุทธศาสตร์) and issue
  (ประเด็น), and by how the community means to carry them out (ทำเอง/ทำร่วม/ขอรับการ
  สนับสนุน — the village-plan self-reliance criterion, docs/reference/PROCESS.md rule 6);
* ส่วนที่ 3 บัญชีโครงการ — in landscape, a table per strategy and issue: ที่, โครงการ,
  วัตถุประสงค์, เป้าหมาย, งบประมาณ per fiscal year, ระยะเวลา, ที่มา (its sources in the
  lineage) and การส่งต่อและผล (where it went and what became of it), with a รวม row.

The local development plan of an LAO (แผนพัฒนาท้องถิ่น) follows the DLA forms instead:
see :mod:`planlink.documents.lao_forms`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from decimal import Decimal
from itertools import groupby

from django.utils import timezone

from planlink.documents.book_data import MODE_TH, BookProject, PlanFacts, load_plan
from planlink.documents.book_parts import (
    LANDSCAPE_WIDTH_CM,
    PORTRAIT_WIDTH_CM,
    general_part,
    spread,
    strategy_title,
    year_cells,
    year_sums,
    years_label,
)
from planlink.documents.lao_forms import build_local_development_plan
from planlink.documents.model import (
    Cover,
    Document,
    HeaderGroup,
    Heading,
    Paragraph,
    Section,
    Sheet,
    Table,
)
from planlink.documents.revision_parts import approved_revisions, revision_part, revision_sheet
from planlink.documents.xlsx_thai import BAHT_FORMAT, INTEGER_FORMAT
from planlink.plans.models import Mode, Plan, PlanKind

__all__ = ["LANDSCAPE_WIDTH_CM", "PORTRAIT_WIDTH_CM", "build_plan_book", "spread", "years_label"]


def build_plan_book(plan: Plan, *, as_of: datetime.date | None = None) -> Document:
    """The plan book of any plan; an LAO's local development plan gets the DLA forms."""
    if plan.kind == PlanKind.LOCAL_DEVELOPMENT:
        return build_local_development_plan(plan, as_of=as_of)
    facts = load_plan(plan)
    plan = facts.plan
    as_of = as_of or timezone.localdate()
    document = Document(
        title=plan.title,
        file_stem=f"plan-{plan.pk}",
        cover=Cover(
            title=plan.get_kind_display(),
            subtitle=years_label(facts.years),
            owner=facts.location,
            date=as_of,
        ),
        contents=True,
        synthetic=plan.synthetic,
    )
    general_part(document, facts)
    _summary_part(document, facts)
    _project_part(document, facts)
    revisions = approved_revisions(plan)  # printed as the LAO forms print them
    revision_part(document, f"{plan.get_kind_display()} {years_label(facts.years)}", revisions)
    document.sheets = [_summary_sheet(facts), _projects_sheet(facts)]
    if revisions:
        document.sheets.append(revision_sheet(revisions))
    return document


def _grouped(
    facts: PlanFacts,
) -> Iterator[tuple[tuple[int, str], list[tuple[tuple[int, str, str], list[BookProject]]]]]:
    ordered = sorted(
        facts.projects,
        key=lambda item: (item.strategy_key, item.issue_key, item.project.priority or 10**9),
    )
    for strategy_key, by_strategy in groupby(ordered, key=lambda item: item.strategy_key):
        issues = [
            (issue_key, list(items))
            for issue_key, items in groupby(by_strategy, key=lambda item: item.issue_key)
        ]
        yield strategy_key, issues


def _summary_rows(facts: PlanFacts) -> tuple[list[list[object]], set[int]]:
    years = facts.years
    rows: list[list[object]] = []
    bold: set[int] = set()
    for strategy_key, issues in _grouped(facts):
        items = [item for _, group in issues for item in group]
        bold.add(len(rows))
        sums = year_sums(items, years)
        rows.append([strategy_title(strategy_key), len(items), *sums, sum(sums, Decimal("0"))])
        for issue_key, group in issues:
            sums = year_sums(group, years)
            rows.append([f"    {issue_key[2]}", len(group), *sums, sum(sums, Decimal("0"))])
    sums = year_sums(facts.projects, years)
    bold.add(len(rows))
    rows.append(["รวมทั้งสิ้น", len(facts.projects), *sums, sum(sums, Decimal("0"))])
    return rows, bold


def _summary_part(document: Document, facts: PlanFacts) -> None:
    years = facts.years
    rows, bold = _summary_rows(facts)
    document.add(
        Heading("ส่วนที่ 2 สรุปโครงการตามยุทธศาสตร์และประเด็น"),
        Table(
            headers=[
                "ยุทธศาสตร์/ประเด็น",
                "จำนวน\nโครงการ",
                HeaderGroup("งบประมาณ (บาท)", [str(year) for year in years]),
                "รวม\n(บาท)",
            ],
            rows=rows,
            number_columns=frozenset(range(1, len(years) + 3)),
            bold_rows=frozenset(bold),
            widths_cm=spread([6, 1.6, *[2.6] * len(years), 2.8], PORTRAIT_WIDTH_CM),
        ),
        Heading("วิธีดำเนินการของโครงการ", 2),
    )
    count = len(facts.projects) or 1
    mode_rows: list[list[object]] = []
    for mode in Mode:
        items = [item for item in facts.projects if item.project.mode == mode]
        mode_rows.append(
            [
                MODE_TH[mode],
                len(items),
                f"{len(items) * 100 / count:.1f}",
                sum((item.project.budget for item in items), Decimal("0")),
            ]
        )
    document.add(
        Table(
            headers=["วิธีดำเนินการ", "จำนวนโครงการ", "ร้อยละ", "งบประมาณ (บาท)"],
            rows=mode_rows,
            number_columns=frozenset({1, 2, 3}),
            widths_cm=spread([5, 3, 2.5, 4], PORTRAIT_WIDTH_CM),
        )
    )


PROJECT_WEIGHTS = {"no": 0.9, "title": 4.2, "objective": 3.2, "target": 2.3, "year": 2.3,
                   "duration": 1.4, "from": 3.6, "to": 3.6}  # fmt: skip


def project_table_headers(years: Sequence[int]) -> list[str | HeaderGroup]:
    return [
        "ที่",
        "โครงการ",
        "วัตถุประสงค์",
        "เป้าหมาย",
        HeaderGroup("งบประมาณ", [f"{year}\n(บาท)" for year in years]),
        "ระยะเวลา\n(เดือน)",
        "ที่มา",
        "การส่งต่อและผล",
    ]


def _project_part(document: Document, facts: PlanFacts) -> None:
    years = facts.years
    weights = [PROJECT_WEIGHTS[name] for name in ("no", "title", "objective", "target")]
    weights += [PROJECT_WEIGHTS["year"]] * len(years)
    weights += [PROJECT_WEIGHTS[name] for name in ("duration", "from", "to")]
    widths = spread(weights, LANDSCAPE_WIDTH_CM)
    numbers = frozenset({0, *range(4, 5 + len(years))})
    document.add(Section(landscape=True), Heading("ส่วนที่ 3 บัญชีโครงการ"))
    if not facts.projects:
        document.add(Paragraph("แผนนี้ยังไม่มีโครงการ"))
    for strategy_key, issues in _grouped(facts):
        document.add(Heading(strategy_title(strategy_key), 2))
        for issue_key, group in issues:
            rows: list[list[object]] = []
            for number, item in enumerate(group, start=1):
                project = item.project
                rows.append(
                    [
                        number,
                        item.title_with_places,
                        project.objective,
                        item.target,
                        *year_cells(item, years),
                        project.duration_months,
                        item.lineage.came_from,
                        item.lineage.went_to,
                    ]
                )
            rows.append(
                ["", f"รวม {len(group):,} โครงการ", "", "", *year_sums(group, years), "", "", ""]
            )
            document.add(
                Heading(f"ประเด็น: {issue_key[2]}", 3),
                Table(
                    project_table_headers(years),
                    rows,
                    number_columns=numbers,
                    bold_rows=frozenset({len(rows) - 1}),
                    widths_cm=widths,
                    font_size_pt=14 if len(years) > 2 else None,
                ),
            )


def _summary_sheet(facts: PlanFacts) -> Sheet:
    rows, _ = _summary_rows(facts)
    headers = ["ยุทธศาสตร์/ประเด็น", "จำนวนโครงการ"]
    headers += [f"งบประมาณ {year} (บาท)" for year in facts.years] + ["รวม (บาท)"]
    return Sheet("สรุป", headers, [[str(row[0]).strip(), *row[1:]] for row in rows])


def _projects_sheet(facts: PlanFacts) -> Sheet:
    years = facts.years
    headers = ["รหัสโครงการ", "ยุทธศาสตร์", "ประเด็น", "ลำดับความสำคัญ", "ชื่อโครงการ",
               "วัตถุประสงค์", "จำนวนเป้าหมาย", "หน่วยนับ"]  # fmt: skip
    headers += [f"งบประมาณ {year} (บาท)" for year in years]
    headers += ["งบประมาณรวม (บาท)", "ระยะเวลา (เดือน)", "วิธีดำเนินการ", "ระดับขีดความสามารถ",
                "ตัวชี้วัด", "ผลที่คาดว่าจะได้รับ", "หน่วยงานรับผิดชอบ", "ที่มา",
                "การส่งต่อและผล", "พื้นที่และงบประมาณรายพื้นที่"]  # fmt: skip
    rows = []
    for _, issues in _grouped(facts):
        for issue_key, group in issues:
            for item in group:
                project = item.project
                rows.append(
                    [
                        project.pk,
                        strategy_title(item.strategy_key),
                        issue_key[2],
                        project.priority,
                        project.title,
                        project.objective,
                        project.target_quantity,
                        project.target_unit,
                        *[item.years.get(year) for year in years],
                        project.budget,
                        project.duration_months,
                        item.mode_label,
                        item.capacity_label,
                        project.kpi,
                        project.expected_result,
                        project.responsible_unit,
                        item.lineage.came_from_full,
                        item.lineage.went_to,
                        item.places_line,
                    ]
                )
    formats: dict[str | int, str] = {header: BAHT_FORMAT for header in headers if "(บาท)" in header}
    formats.update({"รหัสโครงการ": "0", "ลำดับความสำคัญ": INTEGER_FORMAT,
                    "จำนวนเป้าหมาย": "#,##0.##", "ระยะเวลา (เดือน)": INTEGER_FORMAT})  # fmt: skip
    return Sheet("โครงการ", headers, rows, formats)
