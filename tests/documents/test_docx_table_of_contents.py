"""The table of contents is a real Word TOC field that shows the headings until Word updates it."""

from planlink.documents.docx_thai import ThaiDocument

from .docx_helpers import NS, part_xml


def _built_with_headings() -> bytes:
    document = ThaiDocument()
    document.table_of_contents()
    document.heading("ส่วนที่ 1 สภาพทั่วไปและข้อมูลพื้นฐาน", 1)
    document.heading("1.1 ด้านกายภาพ", 2)
    document.heading("ส่วนที่ 2 ยุทธศาสตร์การพัฒนา", 1)
    return document.to_bytes()


def _field_paragraphs(data: bytes):
    body = part_xml(data, "word/document.xml")
    begin = body.xpath("//w:p[.//w:instrText[contains(., 'TOC')]]", namespaces=NS)[0]
    paragraphs = [begin]
    while not paragraphs[-1].xpath(".//w:fldChar[@w:fldCharType='end']", namespaces=NS):
        paragraphs.append(paragraphs[-1].getnext())
    return paragraphs


def test_the_toc_field_collects_heading_levels_one_to_three():
    body = part_xml(_built_with_headings(), "word/document.xml")
    instructions = body.xpath("//w:instrText/text()", namespaces=NS)
    assert [text.strip() for text in instructions] == ['TOC \\o "1-3" \\h \\z \\u']


def test_the_field_result_lists_every_heading_in_order():
    texts = ["".join(p.xpath(".//w:t/text()", namespaces=NS)) for p in _field_paragraphs(
        _built_with_headings()
    )]  # fmt: skip
    assert texts == [
        "ส่วนที่ 1 สภาพทั่วไปและข้อมูลพื้นฐาน",
        "1.1 ด้านกายภาพ",
        "ส่วนที่ 2 ยุทธศาสตร์การพัฒนา",
    ]


def test_second_level_entries_are_indented():
    indents = [p.xpath("string(w:pPr/w:ind/@w:left)", namespaces=NS) for p in _field_paragraphs(
        _built_with_headings()
    )]  # fmt: skip
    assert indents == ["0", "425", "0"]


def test_word_is_asked_to_update_fields_on_opening():
    settings = part_xml(_built_with_headings(), "word/settings.xml")
    assert settings.xpath("string(w:updateFields/@w:val)", namespaces=NS) == "true"


def test_saving_twice_does_not_repeat_the_list():
    document = ThaiDocument()
    document.table_of_contents()
    document.heading("ส่วนที่ 1 สภาพทั่วไป", 1)
    document.to_bytes()
    document.heading("ส่วนที่ 2 ยุทธศาสตร์", 1)
    texts = [
        "".join(p.xpath(".//w:t/text()", namespaces=NS))
        for p in _field_paragraphs(document.to_bytes())
    ]
    assert texts == ["ส่วนที่ 1 สภาพทั่วไป", "ส่วนที่ 2 ยุทธศาสตร์"]


def test_without_headings_the_field_shows_how_to_fill_it():
    document = ThaiDocument()
    document.table_of_contents()
    texts = [
        "".join(p.xpath(".//w:t/text()", namespaces=NS))
        for p in _field_paragraphs(document.to_bytes())
    ]
    assert texts == ["คลิกขวาแล้วเลือก “อัปเดตเขตข้อมูล” เพื่อสร้างสารบัญ"]
