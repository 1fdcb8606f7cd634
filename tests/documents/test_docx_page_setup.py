"""Pages are A4 with Thai government margins, in portrait or landscape sections."""

from docx.enum.section import WD_ORIENT

from planlink.documents.docx_thai import ThaiDocument

from .docx_helpers import open_docx


def test_first_section_is_a4_portrait_with_thai_government_margins():
    section = open_docx(ThaiDocument().to_bytes()).sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    # Word stores twips (1/1440 inch): A4 is 11906 × 16838; 2.5 cm = 1417, 3 cm = 1701, 2 cm = 1134
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert section.top_margin.twips == 1417
    assert section.left_margin.twips == 1701
    assert section.right_margin.twips == 1134
    assert section.bottom_margin.twips == 1134


def test_a_landscape_section_turns_the_a4_page_and_keeps_the_margins():
    document = ThaiDocument()
    document.paragraph("บัญชีโครงการพัฒนา")
    document.new_section(landscape=True)
    sections = open_docx(document.to_bytes()).sections
    assert len(sections) == 2
    assert sections[1].orientation == WD_ORIENT.LANDSCAPE
    assert (sections[1].page_width.twips, sections[1].page_height.twips) == (16838, 11906)
    assert (sections[1].top_margin.twips, sections[1].left_margin.twips) == (1417, 1701)


def test_a_document_can_start_in_landscape():
    section = open_docx(ThaiDocument(landscape=True).to_bytes()).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width.twips == 16838


def test_save_writes_the_same_document_to_a_path(tmp_path):
    document = ThaiDocument()
    document.paragraph("แผนพัฒนาหมู่บ้าน")
    target = tmp_path / "แผนหมู่บ้าน.docx"
    document.save(target)
    assert open_docx(target.read_bytes()).paragraphs[0].text == "แผนพัฒนาหมู่บ้าน"
