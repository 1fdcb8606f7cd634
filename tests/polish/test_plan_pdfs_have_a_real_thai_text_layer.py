"""A generated plan PDF's text layer is real Thai: "ตำบล" and "น้ำ" are extracted (and so found
by search and copied) as written — not with SARA AM split into a stray U+02F8 and a SARA AA
that turned every later "า" into "ำ" (issue 15, item 6)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pypdfium2
import pytest

from planlink.documents.pdf_text_layer import split_show
from planlink.documents.pdf_thai import render_pdf
from planlink.documents.plan_book import build_plan_book
from planlink.documents.render import to_pdf
from planlink.plans.models import PlanKind
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def test_a_plan_book_pdf_reads_tambon_and_water(reference_data):
    plan = area_plan(PlanKind.TAMBON, "240101")
    make_project(
        plan,
        "ขุดลอกคลองส่งน้ำหนองบัว ตำบลหน้าเมือง",
        issue_code="WATER",
        budget=Decimal("450000"),
        objective="เพื่อให้มีน้ำใช้ในการเกษตรตลอดปีและทำนาปรังได้",
    )
    pdf = to_pdf(build_plan_book(plan, as_of=datetime.date(2026, 11, 25)))
    text = text_of(pdf)
    assert "ตำบล" in text
    assert "น้ำ" in text
    assert "ขุดลอกคลองส่งน้ำหนองบัว ตำบลหน้าเมือง" in text.replace("\r\n", " ").replace("\n", " ")
    assert "\u02f8" not in text
    assert "\u02fa" not in text
    assert "บำง" not in text  # SARA AA stays SARA AA after a SARA AM
    assert "ทำนาปรัง" in text.replace("\r\n", "")  # a table cell wraps it over two lines


@pytest.mark.parametrize(
    "words",
    ["ตำบลบางแก้ว", "น้ำประปา", "ค่ำคืน", "ซ้ำซาก", "บางนา", "ผู้ใหญ่บ้าน ปั้นน้ำ"],
)
def test_each_sara_am_and_tone_reads_as_written(words):
    text = text_of(render_pdf(f"<p>บ้านนา {words} <b>{words}</b></p>"))
    assert text.split() == ["บ้านนา", *words.split(), *words.split()]


def test_the_glyphs_drawn_do_not_change():
    """Splitting a TJ array keeps every glyph and adjustment in order."""
    line = b"[<01ca>0<>10.2324<02f8>-10<01e8>0<01cf>0] TJ"
    parts = split_show(line)
    assert parts[1].startswith(b"/Span << /ActualText <feff0e33> >> BDC")
    joined = b"".join(part[1:-4] for part in parts if part.endswith(b"] TJ"))
    assert joined == line[1:-4]
    assert parts[-2] == b"EMC" or parts[-1].endswith(b"] TJ")
