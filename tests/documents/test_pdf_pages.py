"""PDFs are A4, embed the Sarabun faces, number pages, and label synthetic data."""

import re

import pypdfium2 as pdfium
import pytest

from planlink.documents.pdf_thai import base_stylesheet, render_pdf

from .pdf_helpers import SHAPING_SAMPLE, page_fonts, page_text

TWO_PAGES = (
    f"<h1>แผนพัฒนาตำบลบ้านเป้า ประจำปีงบประมาณ พ.ศ. 2570</h1><p>{SHAPING_SAMPLE}</p>"
    "<p><strong>ตัวหนา</strong> <em>ตัวเอียง</em></p>"
    "<div style='break-before: page'>หน้าที่สอง บัญชีโครงการ</div>"
)


@pytest.fixture(scope="module")
def numbered() -> bytes:
    return render_pdf(TWO_PAGES, thai_digits=True, synthetic=True)


def test_pages_are_a4(numbered):
    width, height = pdfium.PdfDocument(numbered)[0].get_size()
    assert (round(width, 1), round(height, 1)) == (595.3, 841.9)


def test_every_font_on_the_page_is_an_embedded_sarabun_face(numbered):
    fonts = page_fonts(numbered)
    families = {re.sub(r"^[A-Z]{6}\+", "", name) for name, _ in fonts}
    assert families == {"Sarabun", "Sarabun-Bold", "Sarabun-Italic"}
    assert all(embedded for _, embedded in fonts)


def test_thai_text_can_be_extracted_from_the_pdf(numbered):
    assert "ผู้ใหญ่บ้าน" in page_text(numbered)
    assert "ที่ปรึกษาฯ ก็ได้ ญี่ปุ่น ฎีกา ฐาน" in page_text(numbered)


def test_nam_with_a_tone_mark_is_extracted_intact(numbered):
    """WeasyPrint 70 alone copied น้ำ out as 'น˺า'; documents.pdf_text_layer fixes the text
    layer (issue 15)."""
    assert "น้ำใจดี" in page_text(numbered)


def test_the_second_page_is_numbered_in_thai_digits_and_the_first_is_not(numbered):
    assert page_text(numbered, 1).splitlines()[-1] == "- ๒ -"
    assert "- ๑ -" not in page_text(numbered, 0)


def test_arabic_page_numbers_by_default():
    plain = render_pdf(TWO_PAGES)
    assert page_text(plain, 1).splitlines()[-1] == "- 2 -"


def test_synthetic_pdfs_say_so_on_every_page(numbered):
    notice = "ข้อมูลสังเคราะห์ (synthetic) — ไม่ใช่ข้อมูลจริง"
    assert notice in page_text(numbered, 0)
    assert notice in page_text(numbered, 1)
    assert notice not in page_text(render_pdf(TWO_PAGES))


def test_the_stylesheet_never_names_th_sarabunpsk_and_keeps_lines_tall():
    css = base_stylesheet()
    assert "TH SarabunPSK" not in css
    assert css.count("@font-face") == 6
    heights = [float(value) for value in re.findall(r"line-height: ([0-9.]+)", css)]
    assert len(heights) >= 3
    assert min(heights) >= 1.5


def test_font_faces_are_absolute_file_urls_to_the_vendored_ttf():
    urls = re.findall(r'url\("([^"]+)"\)', base_stylesheet())
    assert len(urls) == 6
    assert all(url.startswith("file:///") and url.endswith(".ttf") for url in urls)
    assert any(url.endswith("/vendor/fonts/sarabun/Sarabun_400Regular.ttf") for url in urls)
