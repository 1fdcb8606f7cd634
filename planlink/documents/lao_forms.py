"""The LAO local development plan (แผนพัฒนาท้องถิ่น) in the DLA account forms.

Layouts from ``docs/reference/FORMS.md`` §3–5 (reconstructed from real LAO plan
workbooks; the DLA circular annexes themselves were not available — see docs/documents.md):

* **แบบ ผ.01 บัญชีสรุปโครงการพัฒนา** — per strategy and issue, the number of projects and the
  budget for each plan year and for all years; the ผ.02 total, then ผ.02/1 and ผ.02/2 each
  summarised on their own line, outside the main total (docs/reference/FORMS.md §4).
* **แบบ ผ.02 รายละเอียดโครงการพัฒนา** — under the alignment header lines (ก. provincial
  strategy, ข. the province's development issue), the columns ที่, โครงการ, วัตถุประสงค์,
  เป้าหมาย (ผลผลิตของโครงการ), งบประมาณ per plan year (บาท), ตัวชี้วัด (KPI),
  ผลที่คาดว่าจะได้รับ, หน่วยงานรับผิดชอบหลัก; each block ends with รวมงบประมาณ and
  รวมจำนวนโครงการ per year.
* **แบบ ผ.02/1** — projects taken from community plans: the projects that came into this
  plan through referrals from village or tambon plans (routed by PlanLink).
* **แบบ ผ.02/2** — projects to be coordinated with or requested from other bodies: the
  plan's projects with a live referral out (to the อบจ., the local-plan coordination
  committees, an agency or another plan). A project that is both goes to ผ.02/2: it is the
  other body, not the LAO, that will carry it out.

An annex lists, per project, where it came from and where it went.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from itertools import groupby

from django.utils import timezone

from planlink.documents.book_data import BookProject, PlanFacts, load_plan
from planlink.documents.book_parts import (
    LANDSCAPE_WIDTH_CM,
    general_part,
    spread,
    strategy_title,
    year_sums,
)
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
from planlink.documents.revision_parts import (
    approved_revisions,
    marked_title,
    revision_part,
    revision_sheet,
    revision_suffix_line,
)
from planlink.documents.xlsx_thai import BAHT_FORMAT, INTEGER_FORMAT
from planlink.plans.models import Plan, PlanKind
from planlink.plans.revisions import form_placements, revision_marks

__all__ = ["FORM_MAIN", "FORM_COMMUNITY", "FORM_COORDINATION", "build_local_development_plan",
           "lao_form_of"]  # fmt: skip

FORM_MAIN = "ผ.02"
FORM_COMMUNITY = "ผ.02/1"
FORM_COORDINATION = "ผ.02/2"
COMMUNITY_KINDS = {PlanKind.VILLAGE, PlanKind.TAMBON}
FORM_FOR = {
    FORM_MAIN: "",
    FORM_COMMUNITY: "สำหรับโครงการที่นำมาจากแผนชุมชน",
    FORM_COORDINATION: "สำหรับโครงการที่ประสานหรือขอรับการสนับสนุนจากหน่วยงานอื่น",
}
SUMMARY_LABEL = {
    FORM_COMMUNITY: "โครงการที่นำมาจากแผนชุมชน (ผ.02/1)",
    FORM_COORDINATION: "โครงการที่ประสาน/ขอรับการสนับสนุนจากหน่วยงานอื่น (ผ.02/2)",
}


def _order(item: BookProject) -> tuple[tuple[int, str], tuple[int, str, str], int, int]:
    return (item.strategy_key, item.issue_key, item.project.priority or 10**9, item.project.pk)


def lao_form_of(item: BookProject) -> str:
    """Which DLA form a project of the local development plan belongs to."""
    if item.lineage.live_target_kinds:
        return FORM_COORDINATION
    if item.lineage.source_kinds & COMMUNITY_KINDS:
        return FORM_COMMUNITY
    return FORM_MAIN


def plan_span_label(years: Sequence[int]) -> str:
    if len(years) == 1:
        return f"แผนพัฒนาท้องถิ่น (ปีงบประมาณ พ.ศ. {years[0]})"
    return f"แผนพัฒนาท้องถิ่น (พ.ศ. {years[0]} - {years[-1]})"


def _form_header(
    document: Document, form: str, title: str, facts: PlanFacts, revised: str = ""
) -> None:
    document.add(
        Paragraph(f"แบบ {form}", bold=True, align="right"),
        Paragraph(title, bold=True, align="center"),
        Paragraph(plan_span_label(facts.years), bold=True, align="center"),
    )
    if revised:  # the latest approved revision the book includes (docs/revisions.md)
        document.add(Paragraph(revised, bold=True, align="center"))
    if FORM_FOR.get(form):
        document.add(Paragraph(FORM_FOR[form], bold=True, align="center"))
    document.add(Paragraph(facts.location, bold=True, align="center"))


def build_local_development_plan(plan: Plan, *, as_of: datetime.date | None = None) -> Document:
    facts = load_plan(plan)
    plan = facts.plan
    by_form: dict[str, list[BookProject]] = {
        FORM_MAIN: [],
        FORM_COMMUNITY: [],
        FORM_COORDINATION: [],
    }
    revisions = approved_revisions(plan)
    revised = revision_suffix_line(revisions)
    placements = form_placements(plan) if revisions else {}  # moved by a revision
    marks = revision_marks(plan) if revisions else {}
    for item in facts.projects:
        by_form[placements.get(item.project.pk) or lao_form_of(item)].append(item)
    for form, items in by_form.items():
        by_form[form] = sorted(items, key=_order)
    document = Document(
        title=plan.title,
        file_stem=f"plan-{plan.pk}",
        cover=Cover(
            title=plan_span_label(facts.years),
            subtitle=plan.title,
            owner=facts.location,
            date=as_of or timezone.localdate(),
        ),
        contents=True,
        synthetic=plan.synthetic,
    )
    general_part(document, facts)
    document.add(Section(landscape=True), Heading("บัญชีสรุปโครงการพัฒนา (แบบ ผ.01)"))
    _form_header(document, "ผ.01", "บัญชีสรุปโครงการพัฒนา", facts, revised)
    summary_table, summary_rows = _summary(facts, by_form)
    document.add(summary_table)
    titles = {
        FORM_MAIN: "รายละเอียดโครงการพัฒนา (แบบ ผ.02)",
        FORM_COMMUNITY: "โครงการที่นำมาจากแผนชุมชน (แบบ ผ.02/1)",
        FORM_COORDINATION: "โครงการที่ประสานหรือขอรับการสนับสนุนจากหน่วยงานอื่น (แบบ ผ.02/2)",
    }
    for form, items in by_form.items():
        document.add(Section(landscape=True), Heading(titles[form]))
        _form_header(document, form, "รายละเอียดโครงการพัฒนา", facts, revised)
        _detail(document, facts, items, marks)
    document.add(Section(landscape=True), Heading("ภาคผนวก ที่มาและการส่งต่อของโครงการ"))
    annex_rows = [
        [form, number, item.project.title, item.lineage.came_from, item.lineage.went_to]
        for form, items in by_form.items()
        for number, item in enumerate(items, start=1)
    ]
    document.add(
        Table(
            ["แบบ", "ที่", "โครงการ", "ที่มา", "การส่งต่อและผล"],
            annex_rows,
            number_columns=frozenset({1}),
            widths_cm=spread([1.6, 1, 7, 7, 7], LANDSCAPE_WIDTH_CM),
        )
    )
    revision_part(document, plan_span_label(facts.years), revisions)
    document.sheets = [
        Sheet("ผ.01", _flat_summary_headers(facts.years), summary_rows),
        *(_detail_sheet(form, facts, items) for form, items in by_form.items()),
        Sheet("ที่มาและการส่งต่อ", ["แบบ", "ที่", "โครงการ", "ที่มา", "การส่งต่อและผล"], annex_rows),
        *([revision_sheet(revisions)] if revisions else []),
    ]
    return document


# ------------------------------------------------------------------------------ ผ.01


def _counts(items: Sequence[BookProject], years: Sequence[int]) -> list[object]:
    cells: list[object] = []
    for year in years:
        in_year = [item for item in items if year in item.years]
        cells += [len(in_year), sum((item.years[year] for item in in_year), Decimal("0"))]
    cells += [len(items), sum(year_sums(items, years), Decimal("0"))]
    return cells


def _flat_summary_headers(years: Sequence[int]) -> list[str]:
    headers = ["ยุทธศาสตร์"]
    for year in [*map(str, years), f"รวม {len(years)} ปี"]:
        headers += [f"{year} จำนวนโครงการ", f"{year} งบประมาณ (บาท)"]
    return headers


def _summary(
    facts: PlanFacts, by_form: dict[str, list[BookProject]]
) -> tuple[Table, list[list[object]]]:
    years = facts.years
    rows: list[list[object]] = []
    bold: set[int] = set()
    main = by_form[FORM_MAIN]
    for strategy_key, group in groupby(main, key=lambda item: item.strategy_key):
        items = list(group)
        issue_number = 0
        for issue_key, issue_items in groupby(items, key=lambda item: item.issue_key):
            issue_number += 1
            prefix = f"{strategy_key[0]}.{issue_number}" if strategy_key[0] < 10_000 else "-"
            rows.append([f"{prefix} {issue_key[2]}", *_counts(list(issue_items), years)])
        bold.add(len(rows))
        rows.append([f"รวม {strategy_title(strategy_key)}", *_counts(items, years)])
    bold.add(len(rows))
    rows.append(["รวมทั้งสิ้น (ผ.02)", *_counts(main, years)])
    for form in (FORM_COMMUNITY, FORM_COORDINATION):
        bold.add(len(rows))
        rows.append([SUMMARY_LABEL[form], *_counts(by_form[form], years)])
    groups = [
        HeaderGroup(label, ["จำนวน\nโครงการ", "งบประมาณ\n(บาท)"])
        for label in [*map(str, years), f"รวม {len(years)} ปี"]
    ]
    table = Table(
        ["ยุทธศาสตร์", *groups],
        rows,
        number_columns=frozenset(range(1, 2 * len(years) + 3)),
        bold_rows=frozenset(bold),
        widths_cm=spread([4.0, *[1.5, 2.6] * (len(years) + 1)], LANDSCAPE_WIDTH_CM),
        font_size_pt=14 if len(years) > 2 else None,
    )
    return table, rows


# ------------------------------------------------------------------------------ ผ.02


def _detail_headers(years: Sequence[int]) -> list[str | HeaderGroup]:
    return [
        "ที่",
        "โครงการ",
        "วัตถุประสงค์",
        "เป้าหมาย\n(ผลผลิตของโครงการ)",
        HeaderGroup("งบประมาณ", [f"{year}\n(บาท)" for year in years]),
        "ตัวชี้วัด\n(KPI)",
        "ผลที่คาด\nว่าจะได้รับ",
        "หน่วยงาน\nรับผิดชอบหลัก",
    ]


def _detail(
    document: Document,
    facts: PlanFacts,
    items: list[BookProject],
    marks: dict[int, list[str]] | None = None,
) -> None:
    years = facts.years
    if not items:
        document.add(Paragraph("- ไม่มีโครงการ -", align="center"))
        return
    widths = spread([0.8, 3.2, 2.6, 2.0, *[2.4] * len(years), 2.2, 2.4, 2.0], LANDSCAPE_WIDTH_CM)
    numbers = frozenset({0, *range(4, 4 + len(years))})
    number = 0  # numbering runs on through the whole form
    for strategy_key, group in groupby(items, key=lambda item: item.strategy_key):
        for issue_key, issue_group in groupby(list(group), key=lambda item: item.issue_key):
            block = list(issue_group)
            document.add(
                Paragraph(f"ก. {strategy_title(strategy_key)} (ยุทธศาสตร์จังหวัด)", bold=True),
                Paragraph(f"ข. ประเด็นการพัฒนาของจังหวัด: {issue_key[2]}", bold=True),
            )
            rows: list[list[object]] = []
            for item in block:
                project = item.project
                number += 1
                rows.append(
                    [
                        number,
                        marked_title(project.title, (marks or {}).get(project.pk)),
                        project.objective,
                        item.target,
                        *[item.years.get(year, "-") for year in years],
                        project.kpi,
                        project.expected_result,
                        project.responsible_unit,
                    ]
                )
            counts = [sum(1 for item in block if year in item.years) for year in years]
            rows.append(["", "รวมงบประมาณ", "", "", *year_sums(block, years), "", "", ""])
            rows.append(["", "รวมจำนวนโครงการ", "", "", *counts, "", "", ""])
            document.add(
                Table(
                    _detail_headers(years),
                    rows,
                    number_columns=numbers,
                    bold_rows=frozenset({len(rows) - 2, len(rows) - 1}),
                    widths_cm=widths,
                    font_size_pt=14 if len(years) > 2 else None,
                )
            )


def _detail_sheet(form: str, facts: PlanFacts, items: list[BookProject]) -> Sheet:
    years = facts.years
    headers = ["แบบ", "ที่", "รหัสโครงการ", "ยุทธศาสตร์", "ประเด็นการพัฒนา", "โครงการ",
               "วัตถุประสงค์", "เป้าหมาย (ผลผลิตของโครงการ)"]  # fmt: skip
    headers += [f"งบประมาณ {year} (บาท)" for year in years]
    headers += ["ตัวชี้วัด (KPI)", "ผลที่คาดว่าจะได้รับ", "หน่วยงานรับผิดชอบหลัก"]
    rows = [
        [
            form,
            number,
            item.project.pk,
            strategy_title(item.strategy_key),
            item.issue_key[2],
            item.project.title,
            item.project.objective,
            item.target,
            *[item.years.get(year) for year in years],
            item.project.kpi,
            item.project.expected_result,
            item.project.responsible_unit,
        ]
        for number, item in enumerate(items, start=1)
    ]
    formats: dict[str | int, str] = {f"งบประมาณ {year} (บาท)": BAHT_FORMAT for year in years}
    formats.update({"ที่": INTEGER_FORMAT, "รหัสโครงการ": "0"})
    return Sheet(form.replace("/", "-"), headers, rows, formats)
