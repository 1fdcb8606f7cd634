"""With thai_digits=True every number and date the builder writes is in Thai numerals."""

import datetime
import re
from decimal import Decimal

import pytest

from planlink.documents.docx_thai import HeaderGroup, ThaiDocument

from .docx_helpers import NS, all_text, open_docx, part_xml


@pytest.fixture(scope="module")
def built() -> bytes:
    document = ThaiDocument(thai_digits=True)
    document.cover(
        "แผนพัฒนาตำบลบ้านเป้า",
        "ประจำปีงบประมาณ พ.ศ. 2570",
        "องค์การบริหารส่วนตำบลบ้านเป้า",
        datetime.date(2026, 11, 25),
    )
    document.table_of_contents()
    document.heading("ส่วนที่ 2 ยุทธศาสตร์", 1)
    document.table(
        ["ที่", HeaderGroup("งบประมาณ", ["2570 (บาท)"])], [[1, Decimal("1234567.5")]],
    )  # fmt: skip
    document.page_number_footer()
    document.signature_block("นางสาวมาลี ศรีสุข", "พัฒนาการอำเภอเกาะคา", datetime.date(2027, 1, 5))
    return document.to_bytes()


def test_no_arabic_digit_is_left_in_the_body_text(built):
    assert re.findall("[0-9]", all_text(built)) == []


def test_the_cover_date_is_a_be_date_in_thai_digits(built):
    texts = [paragraph.text for paragraph in open_docx(built).paragraphs]
    assert "๒๕ พฤศจิกายน ๒๕๖๙" in texts
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๗๐" in texts


def test_table_money_and_headers_use_thai_digits(built):
    table = open_docx(built).tables[0]
    assert [cell.text for cell in table.rows[1].cells] == ["ที่", "๒๕๗๐ (บาท)"]
    assert [cell.text for cell in table.rows[2].cells] == ["๑", "๑,๒๓๔,๕๖๗.๕๐"]


def test_signature_date_uses_thai_digits(built):
    texts = [paragraph.text for paragraph in open_docx(built).paragraphs]
    assert "วันที่ ๕ มกราคม ๒๕๗๐" in texts


def test_page_numbers_are_a_page_field_formatted_in_thai_digits(built):
    footer = _footer(built)
    instructions = "".join(footer.xpath("//w:instrText/text()", namespaces=NS))
    assert instructions.strip() == "PAGE \\* ThaiArabic"
    assert "".join(footer.xpath("//w:t/text()", namespaces=NS)) == "- ๑ -"


def test_arabic_digits_stay_arabic_by_default():
    document = ThaiDocument()
    document.paragraph(datetime.date(2026, 11, 25))
    document.page_number_footer()
    built = document.to_bytes()
    assert open_docx(built).paragraphs[0].text == "25 พฤศจิกายน 2569"
    instructions = "".join(_footer(built).xpath("//w:instrText/text()", namespaces=NS))
    assert instructions.strip() == "PAGE \\* Arabic"


def _footer(data: bytes):
    """The footer part the first section points at, parsed from the saved package."""
    relationship_id = part_xml(data, "word/document.xml").xpath(
        "string(//w:sectPr[1]/w:footerReference/@r:id)",
        namespaces={
            **NS,
            "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        },
    )
    relationships = part_xml(data, "word/_rels/document.xml.rels")
    target = relationships.xpath("string(//*[@Id=$rid]/@Target)", rid=relationship_id)
    return part_xml(data, f"word/{target}")
