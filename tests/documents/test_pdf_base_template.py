"""The base PDF template loads in Django's template engine and renders its blocks."""

from pathlib import Path

import pytest
from django.template import Context, Engine

from planlink.documents.pdf_thai import render_pdf

from .pdf_helpers import page_text

TEMPLATES = Path(__file__).resolve().parents[2] / "planlink" / "documents" / "templates"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(dirs=[str(TEMPLATES)])


def test_a_child_template_fills_the_content_block(engine):
    child = engine.from_string(
        '{% extends "documents/pdf_base.html" %}'
        "{% block content %}<p>โครงการก่อสร้างถนน คสล. หมู่ที่ ๓</p>{% endblock %}"
    )
    html = child.render(Context({"title": "บัญชีโครงการพัฒนาตำบล"}))
    assert '<html lang="th">' in html
    assert "<title>บัญชีโครงการพัฒนาตำบล</title>" in html
    assert "<h1>บัญชีโครงการพัฒนาตำบล</h1>" in html
    assert "<p>โครงการก่อสร้างถนน คสล. หมู่ที่ ๓</p>" in html
    assert "ข้อมูลสังเคราะห์" not in html


def test_synthetic_context_labels_the_page(engine):
    html = engine.get_template("documents/pdf_base.html").render(
        Context({"title": "แผนตัวอย่าง", "synthetic": True})
    )
    assert "ข้อมูลสังเคราะห์ (synthetic) — ไม่ใช่ข้อมูลจริง" in html
    assert "@top-right" in html


def test_the_rendered_template_prints_as_a_thai_pdf(engine):
    child = engine.from_string(
        '{% extends "documents/pdf_base.html" %}'
        "{% block content %}<p>แผนพัฒนาหมู่บ้านหนองบัว</p>{% endblock %}"
    )
    pdf = render_pdf(child.render(Context({"title": "แผนชุมชน", "synthetic": True})))
    text = page_text(pdf)
    assert "แผนชุมชน" in text
    assert "แผนพัฒนาหมู่บ้านหนองบัว" in text
