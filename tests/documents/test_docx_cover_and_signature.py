"""The cover page and the signature block carry the owner, the signer and B.E. dates."""

import datetime

from docx.enum.text import WD_ALIGN_PARAGRAPH

from planlink.documents.docx_thai import ThaiDocument

from .docx_helpers import open_docx


def test_cover_shows_title_subtitle_owner_and_be_date_centred():
    document = ThaiDocument()
    document.cover(
        "แผนพัฒนาตำบลไหล่หิน",
        "ประจำปีงบประมาณ พ.ศ. 2570",
        "องค์การบริหารส่วนตำบลไหล่หิน อำเภอเกาะคา จังหวัดลำปาง",
        datetime.date(2026, 10, 1),
    )
    written = [p for p in open_docx(document.to_bytes()).paragraphs if p.text]
    assert [p.text for p in written] == [
        "แผนพัฒนาตำบลไหล่หิน",
        "ประจำปีงบประมาณ พ.ศ. 2570",
        "องค์การบริหารส่วนตำบลไหล่หิน อำเภอเกาะคา จังหวัดลำปาง",
        "1 ตุลาคม 2569",
    ]
    assert {p.alignment for p in written} == {WD_ALIGN_PARAGRAPH.CENTER}
    assert written[0].runs[0]._r.rPr.sz_val.pt == 28


def test_cover_ends_with_a_page_break():
    document = ThaiDocument()
    document.cover("แผนชุมชน", date_be="พฤศจิกายน 2569")
    body = document.document.element.body
    assert body.xpath("./w:p[last()]/w:r/w:br/@w:type") == ["page"]


def test_signature_block_has_dotted_line_name_position_and_date():
    document = ThaiDocument()
    document.signature_block(
        "นายสมชาย ใจดี", "พัฒนาการอำเภอเกาะคา\nปฏิบัติราชการแทนนายอำเภอ", datetime.date(2026, 11, 25)
    )
    written = [p for p in open_docx(document.to_bytes()).paragraphs if p.text]
    assert [p.text for p in written] == [
        "(ลงชื่อ) " + "." * 40,
        "(นายสมชาย ใจดี)",
        "พัฒนาการอำเภอเกาะคา",
        "ปฏิบัติราชการแทนนายอำเภอ",
        "วันที่ 25 พฤศจิกายน 2569",
    ]
    assert {p.paragraph_format.left_indent.twips for p in written} == {4535}  # 8 cm


def test_signature_block_without_a_date_stops_at_the_position():
    document = ThaiDocument()
    document.signature_block("นางสาวมาลี ศรีสุข", "ปลัดองค์การบริหารส่วนตำบล")
    written = [p.text for p in open_docx(document.to_bytes()).paragraphs if p.text]
    assert written[-1] == "ปลัดองค์การบริหารส่วนตำบล"
