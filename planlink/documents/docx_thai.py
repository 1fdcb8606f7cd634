"""A small Word (.docx) builder for Thai official documents, on python-docx 1.2.

Thai is a *complex script* in Word: a run's Thai characters take the ``w:cs`` font, the
``w:szCs`` size and the ``w:bCs`` weight, not the plain ``w:ascii``/``w:sz``/``w:b`` ones
(see ``/work/shared/docs/STACK.md``). Every style here sets both, so Thai text comes out in
TH SarabunPSK 16 pt — the font Thai offices have installed — and bold where it should be.
Where TH SarabunPSK is missing, the font table names "TH Sarabun New" as its ``w:altName``
(Word's substitution hint) and the core properties say so in plain words.

Pages are A4 with the margins Thai government documents use (top 2.5 cm, left 3 cm,
right 2 cm, bottom 2 cm). With ``thai_digits=True`` every number and date the builder
writes — text, table cells, B.E. dates, page numbers — comes out in Thai numerals (เลขไทย),
as in the circulars in ``/work/shared/seeds`` ("๒๔ กุมภาพันธ์ ๒๕๖๖").
"""

from __future__ import annotations

import datetime
import io
import os
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from os import PathLike
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.parser import oxml_parser
from docx.section import Section as WordSection
from docx.shared import Cm
from docx.table import Table as WordTable
from docx.table import _Cell as WordCell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from planlink.core.thai import format_baht, format_be_date, to_thai_digits

__all__ = ["HeaderGroup", "ThaiDocument", "FALLBACK_FONT", "OFFICIAL_FONT"]

OFFICIAL_FONT = "TH SarabunPSK"
FALLBACK_FONT = "TH Sarabun New"
BODY_SIZE_PT = 16
HEADING_SIZES_PT = {1: 20, 2: 18, 3: 16}
SYNTHETIC_NOTICE = "ข้อมูลสังเคราะห์ (synthetic) — ไม่ใช่ข้อมูลจริง"

A4_SHORT_CM = 21.0
A4_LONG_CM = 29.7
MARGINS_CM = {"top": 2.5, "left": 3.0, "right": 2.0, "bottom": 2.0}

_ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "thai": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY,  # กระจายแบบไทย (thaiDistribute)
}
_THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_RPR_AFTER_SZCS = ("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
                   "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish",
                   "w:oMath")  # fmt: skip
_SETTINGS_AFTER_UPDATE_FIELDS = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat",
                                 "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
                                 "w:themeFontLang", "w:clrSchemeMapping",
                                 "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures",
                                 "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
                                 "w:smartTagType", "w:shapeDefaults", "w:doNotEmbedSmartTags",
                                 "w:decimalSymbol", "w:listSeparator")  # fmt: skip
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'


_W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_OXML_PARSER = oxml_parser  # python-docx's parser: parsed elements get its element classes
_INVALID_XML_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _run_content(text: str) -> str:
    """The inside of a ``w:r`` for ``text``: ``w:t`` pieces joined by ``w:br`` and ``w:tab``."""
    pieces = []
    for line_index, line in enumerate(_INVALID_XML_CHARACTERS.sub("", text).split("\n")):
        if line_index:
            pieces.append("<w:br/>")
        for tab_index, chunk in enumerate(line.split("\t")):
            if tab_index:
                pieces.append("<w:tab/>")
            if chunk:
                space = ' xml:space="preserve"' if chunk != chunk.strip() else ""
                pieces.append(f"<w:t{space}>{xml_escape(chunk)}</w:t>")
    return "".join(pieces)


@dataclass(frozen=True)
class HeaderGroup:
    """A header cell spanning several columns, e.g. งบประมาณ over one column per year."""

    label: str
    children: Sequence[str]


HeaderSpec = str | HeaderGroup | tuple[str, Sequence[str]]


def _set_thai_run_properties(
    rpr: Any, font_name: str, size_pt: float | None = None, bold: bool | None = None
) -> None:
    """Set the plain *and* complex-script font, size and weight on a ``w:rPr``."""
    fonts = rpr.get_or_add_rFonts()
    for attribute in _THEME_FONT_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), font_name)
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            rpr.remove_all(tag)
        if bold:
            rpr.insert_element_before(OxmlElement("w:b"), *_rpr_successors("w:b"))
            rpr.insert_element_before(OxmlElement("w:bCs"), *_rpr_successors("w:bCs"))
    if size_pt is not None:
        half_points = str(round(size_pt * 2))
        rpr.get_or_add_sz().set(qn("w:val"), half_points)
        size_cs = rpr.find(qn("w:szCs"))
        if size_cs is None:
            size_cs = rpr.insert_element_before(OxmlElement("w:szCs"), *_RPR_AFTER_SZCS)
        size_cs.set(qn("w:val"), half_points)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = rpr.insert_element_before(
            OxmlElement("w:lang"), "w:eastAsianLayout", "w:specVanish", "w:oMath"
        )
    language.set(qn("w:bidi"), "th-TH")  # Thai is a complex script: its language is w:bidi


def _rpr_successors(tag: str) -> tuple[str, ...]:
    order = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
             "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
             "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
             "w:w", "w:kern", "w:position", "w:sz", "w:szCs", *_RPR_AFTER_SZCS)  # fmt: skip
    return order[order.index(tag) + 1 :]


def _field_runs(paragraph: Paragraph, instruction: str, shown_text: str) -> None:
    """Append a complex field (``w:fldChar`` begin/separate/end) showing ``shown_text``."""
    _append_field_char(paragraph, "begin")
    _append_instruction(paragraph, instruction)
    _append_field_char(paragraph, "separate")
    paragraph.add_run(shown_text)
    _append_field_char(paragraph, "end")


def _append_field_char(paragraph: Paragraph, kind: str) -> None:
    field_char = OxmlElement("w:fldChar")
    field_char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(field_char)


def _append_instruction(paragraph: Paragraph, instruction: str) -> None:
    instruction_text = OxmlElement("w:instrText")
    instruction_text.set(qn("xml:space"), "preserve")
    instruction_text.text = f" {instruction} "
    paragraph.add_run()._r.append(instruction_text)


class ThaiDocument:
    """Builds one Thai official document (เอกสารราชการ) and returns it as bytes or a file.

    ``ThaiDocument(thai_digits=True)`` writes every number and date in Thai numerals.
    ``synthetic=True`` puts "ข้อมูลสังเคราะห์" in the page header of every page.
    """

    def __init__(
        self,
        *,
        thai_digits: bool = False,
        landscape: bool = False,
        font_name: str = OFFICIAL_FONT,
        fallback_font: str = FALLBACK_FONT,
        synthetic: bool = False,
        title: str = "",
    ) -> None:
        self.thai_digits = thai_digits
        self.font_name = font_name
        self.fallback_font = fallback_font
        self.document: WordDocument = docx.Document()
        self._headings: list[tuple[int, str]] = []
        self._toc_anchor: Paragraph | None = None
        self._toc_elements: list[Any] = []
        self._setup_styles()
        self._setup_font_table()
        self._setup_properties(title)
        self._set_page(self.document.sections[0], landscape=landscape)
        if synthetic:
            header_paragraph = self.document.sections[0].header.paragraphs[0]
            header_paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            self._add_run(header_paragraph, SYNTHETIC_NOTICE, bold=True, size_pt=12)

    # ----------------------------------------------------------------- setup

    def _setup_styles(self) -> None:
        styles_element = self.document.styles.element
        defaults = styles_element.find(qn("w:docDefaults"))
        default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _set_thai_run_properties(default_rpr, self.font_name, size_pt=BODY_SIZE_PT)
        default_spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
        default_spacing.set(qn("w:after"), "0")
        default_spacing.set(qn("w:line"), "240")  # single line spacing
        for fonts in styles_element.iter(qn("w:rFonts")):
            for attribute in _THEME_FONT_ATTRIBUTES:
                fonts.attrib.pop(qn(attribute), None)
            for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attribute), self.font_name)
        normal = self.document.styles["Normal"]
        _set_thai_run_properties(normal.element.get_or_add_rPr(), self.font_name, BODY_SIZE_PT)
        for level, size in HEADING_SIZES_PT.items():
            for name in (f"Heading {level}", f"Heading {level} Char"):
                style = self.document.styles[name]
                rpr = style.element.get_or_add_rPr()
                rpr.remove_all("w:color")
                _set_thai_run_properties(rpr, self.font_name, size_pt=size, bold=True)
            spacing = self.document.styles[f"Heading {level}"].element.get_or_add_pPr()
            spacing.get_or_add_spacing().set(qn("w:before"), "240")
        for name in ("Header", "Footer", "Table Grid"):
            rpr = self.document.styles[name].element.get_or_add_rPr()
            _set_thai_run_properties(rpr, self.font_name, size_pt=BODY_SIZE_PT)

    def _setup_font_table(self) -> None:
        """Declare the official font in ``word/fontTable.xml`` with its fallback as ``w:altName``."""
        for part in self.document.part.package.parts:
            if str(part.partname) != "/word/fontTable.xml":
                continue
            fonts = parse_xml(part.blob)
            font = OxmlElement("w:font")
            font.set(qn("w:name"), self.font_name)
            alternative = OxmlElement("w:altName")
            alternative.set(qn("w:val"), self.fallback_font)
            font.append(alternative)
            for tag, value in (("w:charset", "DE"), ("w:family", "swiss"), ("w:pitch", "variable")):
                child = OxmlElement(tag)
                child.set(qn("w:val"), value)  # charset DE = THAI_CHARSET
                font.append(child)
            fonts.insert(0, font)
            part._blob = etree.tostring(
                fonts, xml_declaration=True, encoding="UTF-8", standalone=True
            )
            return

    def _setup_properties(self, title: str) -> None:
        properties = self.document.core_properties
        properties.title = title
        properties.language = "th-TH"
        properties.comments = (
            f"แบบอักษร {self.font_name} {BODY_SIZE_PT} พอยต์; "
            f"หากเครื่องไม่มีแบบอักษรนี้ให้ใช้ {self.fallback_font} "
            f"(font: {self.font_name} {BODY_SIZE_PT} pt, fallback: {self.fallback_font})"
        )
        settings = self.document.settings.element
        if settings.find(qn("w:updateFields")) is None:
            update_fields = OxmlElement("w:updateFields")
            update_fields.set(qn("w:val"), "true")  # Word refreshes the TOC on opening
            settings.insert_element_before(update_fields, *_SETTINGS_AFTER_UPDATE_FIELDS)

    @staticmethod
    def _set_page(section: WordSection, *, landscape: bool) -> None:
        short, long = Cm(A4_SHORT_CM), Cm(A4_LONG_CM)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        section.top_margin = Cm(MARGINS_CM["top"])
        section.bottom_margin = Cm(MARGINS_CM["bottom"])
        section.left_margin = Cm(MARGINS_CM["left"])
        section.right_margin = Cm(MARGINS_CM["right"])

    # ----------------------------------------------------------------- text

    def text(self, value: object) -> str:
        """The text the document writes for ``value``: B.E. dates, baht, Thai digits if asked."""
        if value is None:
            written = ""
        elif isinstance(value, datetime.date):
            written = format_be_date(value, style="long")
        elif isinstance(value, Decimal):
            written = format_baht(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            written = f"{value:,}"
        else:
            written = str(value)
        return to_thai_digits(written) if self.thai_digits else written

    def _add_run(self, paragraph: Paragraph, value: object, *, bold: bool = False,
                 size_pt: float | None = None) -> Run:  # fmt: skip
        run = paragraph.add_run(self.text(value))
        if bold or size_pt is not None:
            _set_thai_run_properties(
                run._r.get_or_add_rPr(), self.font_name, size_pt=size_pt, bold=bold or None
            )
        return run

    def paragraph(
        self,
        text: object = "",
        bold: bool = False,
        align: str = "left",
        size_pt: float | None = None,
        indent_cm: float | None = None,
    ) -> Paragraph:
        """Add a paragraph; ``align`` is left, center, right, justify or thai (กระจายแบบไทย)."""
        if align not in _ALIGNMENTS:
            raise ValueError(f"unknown alignment {align!r}: use one of {sorted(_ALIGNMENTS)}")
        paragraph = self.document.add_paragraph()
        paragraph.alignment = _ALIGNMENTS[align]
        if indent_cm is not None:
            paragraph.paragraph_format.left_indent = Cm(indent_cm)
        if text != "":
            self._add_run(paragraph, text, bold=bold, size_pt=size_pt)
        return paragraph

    def heading(self, text: str, level: int = 1) -> Paragraph:
        """Add a heading (Heading 1–3 styles, so Word's table of contents finds it)."""
        if level not in HEADING_SIZES_PT:
            raise ValueError(f"heading level must be 1, 2 or 3, not {level}")
        paragraph = self.document.add_paragraph(style=f"Heading {level}")
        self._add_run(paragraph, text)
        self._headings.append((level, self.text(text)))
        return paragraph

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def new_section(self, landscape: bool = False) -> None:
        """Start a new page in portrait or landscape (e.g. a wide project table)."""
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        self._set_page(section, landscape=landscape)

    # --------------------------------------------------------- composed parts

    def cover(self, title: str, subtitle: str = "", owner: str = "",
              date_be: datetime.date | str = "") -> None:  # fmt: skip
        """A cover page (ปก): title, subtitle, owning office and B.E. date, then a page break."""
        for _ in range(6):
            self.document.add_paragraph()
        self.paragraph(title, bold=True, align="center", size_pt=28)
        if subtitle:
            self.paragraph(subtitle, bold=True, align="center", size_pt=22)
        for _ in range(8):
            self.document.add_paragraph()
        if owner:
            self.paragraph(owner, bold=True, align="center", size_pt=20)
        if date_be:
            self.paragraph(date_be, align="center", size_pt=18)
        self.page_break()

    def table_of_contents(self, title: str = "สารบัญ") -> None:
        """A Word TOC field; until Word updates it, it shows the headings as a plain list."""
        self.paragraph(title, bold=True, align="center", size_pt=HEADING_SIZES_PT[1])
        self._toc_anchor = self.paragraph()
        self.page_break()

    def _fill_table_of_contents(self) -> None:
        if self._toc_anchor is None:
            return
        for element in self._toc_elements:
            element.getparent().remove(element)
        self._toc_elements = []
        entries = self._headings or [(1, "คลิกขวาแล้วเลือก “อัปเดตเขตข้อมูล” เพื่อสร้างสารบัญ")]
        anchor = self._toc_anchor._p
        paragraphs: list[Paragraph] = []
        for index, (level, text) in enumerate(entries):
            element = OxmlElement("w:p")
            anchor.addnext(element) if index == 0 else paragraphs[-1]._p.addnext(element)
            paragraph = Paragraph(element, self._toc_anchor._parent)
            paragraph.paragraph_format.left_indent = Cm(0.75 * (level - 1))
            if index == 0:
                _append_field_char(paragraph, "begin")
                _append_instruction(paragraph, TOC_INSTRUCTION)
                _append_field_char(paragraph, "separate")
            paragraph.add_run(text)
            paragraphs.append(paragraph)
        _append_field_char(paragraphs[-1], "end")
        self._toc_elements = [paragraph._p for paragraph in paragraphs]

    def table(
        self,
        headers: Sequence[HeaderSpec],
        rows: Sequence[Sequence[object]],
        widths: Sequence[float] | None = None,
        header_rows: int | None = None,
        repeat_header: bool = True,
        number_columns: Collection[int] = (),
        bold_rows: Collection[int] = (),
        size_pt: float | None = None,
    ) -> WordTable:
        """A bordered table with one or two header rows.

        ``headers`` lists column labels; a ``HeaderGroup("งบประมาณ", ["2570 (บาท)", ...])`` or
        a ``(label, [children])`` tuple spans its children in a second header row, and plain
        labels then span both rows. ``widths`` are in cm per bottom-level column (default:
        the text width shared equally). ``number_columns`` (bottom-level indexes) are
        right-aligned; ``bold_rows`` (0-based body row indexes) are bold, e.g. totals (รวม).
        ``size_pt`` sets a smaller size for a dense table (e.g. 14 pt for a 13-column form).
        Header rows repeat on every page unless ``repeat_header=False``.
        """
        groups = [
            HeaderGroup(spec[0], list(spec[1])) if isinstance(spec, tuple) else spec
            for spec in headers
        ]
        has_groups = any(isinstance(spec, HeaderGroup) for spec in groups)
        header_rows = header_rows or (2 if has_groups else 1)
        if header_rows not in (1, 2) or (has_groups and header_rows == 1):
            raise ValueError("header_rows must be 1, or 2 when a header spans columns")
        column_count = sum(len(s.children) if isinstance(s, HeaderGroup) else 1 for s in groups)
        for row in rows:
            if len(row) != column_count:
                raise ValueError(f"row {list(row)!r} has {len(row)} cells, not {column_count}")
        section = self.document.sections[-1]
        if widths is None:
            text_width = (
                (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
            )
            widths_emu = [int(text_width / column_count)] * column_count
        elif len(widths) != column_count:
            raise ValueError(f"{len(widths)} widths given for {column_count} columns")
        else:
            widths_emu = [Cm(width) for width in widths]

        table: WordTable = self.document.add_table(rows=header_rows, cols=column_count)
        table.style = self.document.styles["Table Grid"]
        table.autofit = False
        for index, width in enumerate(widths_emu):
            table.columns[index].width = width
            for cell in table.columns[index].cells:
                cell.width = width

        column = 0
        for spec in groups:
            if isinstance(spec, HeaderGroup):
                span = len(spec.children)
                top = table.cell(0, column).merge(table.cell(0, column + span - 1))
                self._write_header_cell(top, spec.label, size_pt)
                for offset, child in enumerate(spec.children):
                    self._write_header_cell(table.cell(1, column + offset), child, size_pt)
                column += span
            else:
                cell = table.cell(0, column)
                if header_rows == 2:
                    cell = cell.merge(table.cell(1, column))
                self._write_header_cell(cell, spec, size_pt)
                column += 1
        for row_index in range(header_rows):
            row_properties = table.rows[row_index]._tr.get_or_add_trPr()
            if repeat_header:
                row_properties.append(OxmlElement("w:tblHeader"))
        self._append_body_rows(
            table, rows, widths_emu, set(number_columns), set(bold_rows), size_pt
        )
        return table

    def _append_body_rows(
        self,
        table: WordTable,
        rows: Sequence[Sequence[object]],
        widths_emu: Sequence[int],
        number_columns: set[int],
        bold_rows: set[int],
        size_pt: float | None = None,
    ) -> None:
        """Write the body rows as WordprocessingML text and parse it once.

        Building a row cell by cell through python-docx costs about 4 ms; a provincial plan
        book has thousands of rows, so the rows are written as XML strings instead — the
        same elements python-docx would make (``w:cantSplit`` rows, ``w:tcW`` widths, right-
        aligned number paragraphs, one plain run per cell, ``w:br`` for line breaks).
        """
        if not rows:
            return
        cell_starts = [
            f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{int(width) // 635}"/></w:tcPr><w:p>'
            + ('<w:pPr><w:jc w:val="right"/></w:pPr>' if index in number_columns else "")
            for index, width in enumerate(widths_emu)
        ]
        plain_properties = self._run_properties(size_pt=size_pt) if size_pt else ""
        bold_properties = self._run_properties(bold=True, size_pt=size_pt)
        parts = [f'<w:tbl xmlns:w="{_W_NAMESPACE}">']
        for row_index, values in enumerate(rows):
            run_start = "<w:r>" + (bold_properties if row_index in bold_rows else plain_properties)
            parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for index, value in enumerate(values):
                parts.append(cell_starts[index])
                text = self.text(value)
                if text:
                    parts.append(run_start + _run_content(text) + "</w:r>")
                parts.append("</w:p></w:tc>")
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        parsed = etree.fromstring("".join(parts).encode("utf-8"), _OXML_PARSER)
        table_element = table._tbl
        for row_element in list(parsed):
            table_element.append(row_element)

    def _run_properties(self, *, bold: bool | None = None, size_pt: float | None = None) -> str:
        properties = OxmlElement("w:rPr")
        _set_thai_run_properties(properties, self.font_name, size_pt=size_pt, bold=bold)
        return str(etree.tostring(properties, encoding="unicode")).replace(
            f' xmlns:w="{_W_NAMESPACE}"', ""
        )

    def _write_header_cell(self, cell: WordCell, label: str, size_pt: float | None = None) -> None:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for index, line in enumerate(str(label).split("\n")):
            if index:
                paragraph.add_run().add_break()
            self._add_run(paragraph, line, bold=True, size_pt=size_pt)

    def page_number_footer(self, with_dashes: bool = True) -> None:
        """Centre the page number in the footer of every section ("- ๒ -" with Thai digits)."""
        footer_paragraph = self.document.sections[0].footer.paragraphs[0]
        footer_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if with_dashes:
            footer_paragraph.add_run("- ")
        instruction = "PAGE \\* ThaiArabic" if self.thai_digits else "PAGE \\* Arabic"
        _field_runs(footer_paragraph, instruction, self.text(1))
        if with_dashes:
            footer_paragraph.add_run(" -")
        for section in self.document.sections[1:]:
            section.footer.is_linked_to_previous = True

    def signature_block(
        self,
        name: str,
        position: str,
        date: datetime.date | str | None = None,
        signer_label: str = "(ลงชื่อ)",
    ) -> None:
        """The signature block (ส่วนลงนาม) in the right half: ลงชื่อ, (name), position, date."""
        indent = 8.0
        self.document.add_paragraph()
        self.paragraph(f"{signer_label} " + "." * 40, align="center", indent_cm=indent)
        self.paragraph(f"({name})", align="center", indent_cm=indent)
        for line in position.split("\n"):
            self.paragraph(line, align="center", indent_cm=indent)
        if date is not None:
            self.paragraph(f"วันที่ {self.text(date)}", align="center", indent_cm=indent)

    # ----------------------------------------------------------------- output

    def to_bytes(self) -> bytes:
        """The finished .docx as bytes."""
        self._fill_table_of_contents()
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    def save(self, path: str | PathLike[str]) -> None:
        """Write the finished .docx to ``path``."""
        self._fill_table_of_contents()
        self.document.save(os.fspath(path))
