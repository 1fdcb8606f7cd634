"""Thai text is set in TH SarabunPSK 16 pt in both the plain and the complex-script attributes."""

import pytest

from planlink.documents.docx_thai import ThaiDocument

from .docx_helpers import NS, open_docx, part_xml, w


@pytest.fixture(scope="module")
def built() -> bytes:
    document = ThaiDocument(synthetic=True)
    document.heading("ส่วนที่ 1 สภาพทั่วไปและข้อมูลพื้นฐาน", 1)
    document.paragraph("ผู้ใหญ่บ้านน้ำใจดี ที่ปรึกษาฯ ก็ได้", bold=True)
    return document.to_bytes()


def test_document_defaults_name_the_official_font_for_every_script(built):
    styles = part_xml(built, "word/styles.xml")
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert {key: fonts.get(w(key)) for key in ("ascii", "hAnsi", "cs", "eastAsia")} == {
        "ascii": "TH SarabunPSK",
        "hAnsi": "TH SarabunPSK",
        "cs": "TH SarabunPSK",
        "eastAsia": "TH SarabunPSK",
    }


def test_normal_style_is_16_point_for_latin_and_thai(built):
    styles = part_xml(built, "word/styles.xml")
    normal = styles.xpath("w:style[@w:styleId='Normal']/w:rPr", namespaces=NS)[0]
    assert normal.find("w:sz", NS).get(w("val")) == "32"
    assert normal.find("w:szCs", NS).get(w("val")) == "32"
    assert normal.find("w:rFonts", NS).get(w("cs")) == "TH SarabunPSK"
    assert normal.find("w:lang", NS).get(w("bidi")) == "th-TH"


def test_no_style_falls_back_to_a_theme_font(built):
    styles = part_xml(built, "word/styles.xml")
    theme_attributes = styles.xpath(
        "//w:rFonts[@w:asciiTheme or @w:hAnsiTheme or @w:cstheme or @w:eastAsiaTheme]",
        namespaces=NS,
    )
    assert theme_attributes == []


def test_heading_one_is_bold_20_point_in_the_complex_script_too(built):
    styles = part_xml(built, "word/styles.xml")
    heading = styles.xpath("w:style[@w:styleId='Heading1']/w:rPr", namespaces=NS)[0]
    assert heading.find("w:b", NS) is not None
    assert heading.find("w:bCs", NS) is not None
    assert heading.find("w:szCs", NS).get(w("val")) == "40"
    assert heading.find("w:color", NS) is None


def test_a_bold_paragraph_sets_bold_for_thai_with_bcs(built):
    paragraph = open_docx(built).paragraphs[1]
    assert paragraph.text == "ผู้ใหญ่บ้านน้ำใจดี ที่ปรึกษาฯ ก็ได้"
    run_properties = paragraph.runs[0]._r.rPr
    assert run_properties.find(w("b")) is not None
    assert run_properties.find(w("bCs")) is not None


def test_font_table_names_th_sarabun_new_as_the_fallback(built):
    fonts = part_xml(built, "word/fontTable.xml")
    official = fonts.xpath("w:font[@w:name='TH SarabunPSK']", namespaces=NS)
    assert len(official) == 1
    assert official[0].find("w:altName", NS).get(w("val")) == "TH Sarabun New"
    assert official[0].find("w:charset", NS).get(w("val")) == "DE"


def test_core_properties_state_the_font_and_its_fallback(built):
    properties = open_docx(built).core_properties
    assert properties.language == "th-TH"
    assert "TH SarabunPSK 16" in properties.comments
    assert "TH Sarabun New" in properties.comments


def test_synthetic_documents_say_so_in_the_page_header(built):
    header = open_docx(built).sections[0].header
    assert header.paragraphs[0].text == "ข้อมูลสังเคราะห์ (synthetic) — ไม่ใช่ข้อมูลจริง"


def test_real_documents_carry_no_synthetic_notice():
    header = open_docx(ThaiDocument().to_bytes()).sections[0].header
    assert [paragraph.text for paragraph in header.paragraphs] == [""]
