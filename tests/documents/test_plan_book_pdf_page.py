"""A real plan-book page in PDF: Thai shaping, the vendored font, and a reference image.

The reference ``reference/plan_book_projects_page.png`` is the project-list page (ส่วนที่ 3)
of the tambon plan book built below, rendered here (WeasyPrint 70, pypdfium2 5.15.2) and
inspected by eye: landscape A4, the header row on grey with งบประมาณ over "2570 (บาท)",
below-vowels and tone marks in place (ผักตบชวา, น้ำ, หนองบัว), numbers right-aligned, the
total row bold. Regenerate after an inspected library upgrade with
by deleting the PNG: the test then writes a new one and fails, asking for inspection.
"""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from planlink.documents.plan_book import build_plan_book
from planlink.documents.render import to_pdf
from planlink.plans.models import PlanKind
from tests.factories import area_plan, make_project

from .pdf_helpers import TILE_TOLERANCE, page_fonts, page_text, rasterise, worst_tile_difference

pytestmark = pytest.mark.django_db

REFERENCE = Path(__file__).parent / "reference" / "plan_book_projects_page.png"


def tambon_book(reference_data, *, thai_digits=False, budget="450000"):
    plan = area_plan(PlanKind.TAMBON, "240101")
    make_project(
        plan, "ขุดลอกคลองหนองบัว ตำบลหน้าเมือง", issue_code="WATER", budget=Decimal(budget),
        objective="เพื่อให้มีน้ำใช้ในการเกษตรตลอดปี", target_quantity=Decimal("1200"),
        target_unit="เมตร", duration_months=6, priority=1,
    )  # fmt: skip
    make_project(
        plan, "ฝึกอบรมอาชีพจักสานผักตบชวา", issue_code="WATER", budget=Decimal("35000.50"),
        objective="เพื่อเพิ่มรายได้ให้ครัวเรือน", target_quantity=Decimal("30"), target_unit="คน",
        duration_months=3, priority=2, mode="self",
    )  # fmt: skip
    document = build_plan_book(plan, as_of=datetime.date(2026, 11, 25))
    return to_pdf(document, thai_digits=thai_digits)


def projects_page(pdf: bytes) -> int:
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(pdf))
    return next(i for i in range(pages) if "บัญชีโครงการ" in page_text(pdf, i) and i > 1)


@pytest.fixture
def pdf(reference_data):
    return tambon_book(reference_data)


def test_the_project_page_matches_the_inspected_reference(pdf):
    image = rasterise(pdf, projects_page(pdf))
    if not REFERENCE.exists():
        image.save(REFERENCE, optimize=True)
        pytest.fail(f"wrote {REFERENCE}: inspect it, then run again")
    reference = Image.open(REFERENCE).convert("L")
    assert worst_tile_difference(image, reference) <= TILE_TOLERANCE


def test_a_different_budget_on_the_page_does_not_match(reference_data):
    changed = tambon_book(reference_data, budget="460000")
    reference = Image.open(REFERENCE).convert("L")
    assert (
        worst_tile_difference(rasterise(changed, projects_page(changed)), reference)
        > TILE_TOLERANCE
    )


def test_the_page_is_landscape_and_carries_the_thai_text(pdf):
    import pypdfium2

    index = projects_page(pdf)
    width, height = pypdfium2.PdfDocument(pdf)[index].get_size()
    assert width > height
    lines = page_text(pdf, index).splitlines()  # cells wrap, so check whole lines
    assert lines[0] == "ส่วนที่ 3 บัญชีโครงการ"
    assert "รวม 2 โครงการ 485,000.50" in lines
    assert "1,200 เมตร 450,000.00 6 เสนอในแผนนี้ ผล: ยังไม่ได้ส่งต่อ" in lines
    assert ["2 ฝึกอบรมอาชีพจักสาน", "ผักตบชวา"] == lines[14:16]


def test_the_sarabun_faces_are_embedded(pdf):
    fonts = page_fonts(pdf, projects_page(pdf))
    assert fonts
    assert all(embedded for _, embedded in fonts)
    assert all("Sarabun" in name for name, _ in fonts)


def test_thai_numerals_print_on_the_page_when_asked(reference_data):
    pdf = tambon_book(reference_data, thai_digits=True)
    text = page_text(pdf, projects_page(pdf))
    assert "๔๕๐,๐๐๐.๐๐" in text
    assert "450,000.00" not in text
