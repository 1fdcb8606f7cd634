"""Pieces shared by the plan books (``plan_book``) and the LAO forms (``lao_forms``).

Page widths, column spreading, year labels and sums, the strategy heading and part 1 of a
book (ข้อมูลทั่วไปของแผน). Both books import from here; neither imports the other's
internals (``plan_book`` only hands an LAO's plan to ``lao_forms``).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone

from planlink.core.thai import bahttext, format_baht, format_be_date
from planlink.documents.book_data import BookProject, PlanFacts
from planlink.documents.model import Document, Heading, Paragraph
from planlink.plans.models import PlanState

__all__ = ["LANDSCAPE_WIDTH_CM", "PORTRAIT_WIDTH_CM", "general_part", "spread", "strategy_title",
           "year_cells", "year_sums", "years_label"]  # fmt: skip

PORTRAIT_WIDTH_CM = 16.0
LANDSCAPE_WIDTH_CM = 24.5
STATE_TH = dict(PlanState.choices)


def spread(weights: Sequence[float], total_cm: float) -> list[float]:
    """Column widths in cm, proportional to ``weights``, filling ``total_cm``."""
    scale = total_cm / sum(weights)
    return [round(weight * scale, 2) for weight in weights]


def years_label(years: Sequence[int]) -> str:
    if len(years) == 1:
        return f"ปีงบประมาณ พ.ศ. {years[0]}"
    return f"พ.ศ. {years[0]} - {years[-1]}"


def year_sums(items: Sequence[BookProject], years: Sequence[int]) -> list[Decimal]:
    return [
        sum((item.years.get(year, Decimal("0")) for item in items), Decimal("0")) for year in years
    ]


def year_cells(item: BookProject, years: Sequence[int]) -> list[object]:
    return [item.years.get(year, "-") for year in years]


def general_part(document: Document, facts: PlanFacts) -> None:
    """ส่วนที่ 1 ข้อมูลทั่วไปของแผน: owner, cycle, state with B.E. dates, totals."""
    plan = facts.plan
    total = facts.total_budget
    document.add(
        Heading("ส่วนที่ 1 ข้อมูลทั่วไปของแผน"),
        Paragraph(f"ชื่อแผน: {plan.title}"),
        Paragraph(f"ประเภทแผน: {plan.get_kind_display()}"),
        Paragraph(f"เจ้าของแผน: {facts.location}"),
        Paragraph(f"รอบการวางแผน: ปีงบประมาณ พ.ศ. {plan.cycle_id}"),
    )
    if len(facts.years) > 1:
        document.add(Paragraph(f"ช่วงปีของแผน: {years_label(facts.years)}"))
    state = f"สถานะของแผน: {STATE_TH[plan.state]}"
    if plan.submitted_at:
        state += f" ส่งเมื่อ {format_be_date(timezone.localdate(plan.submitted_at))}"
    if plan.accepted_at:
        state += f" รับเมื่อ {format_be_date(timezone.localdate(plan.accepted_at))}"
    document.add(
        Paragraph(state),
        Paragraph(
            f"จำนวนโครงการ {len(facts.projects):,} โครงการ งบประมาณรวม "
            f"{format_baht(total)} บาท ({bahttext(total)})"
        ),
    )


def strategy_title(strategy_key: tuple[int, str]) -> str:
    number, name = strategy_key
    return name if number >= 10_000 else f"ยุทธศาสตร์ที่ {number} {name}"
