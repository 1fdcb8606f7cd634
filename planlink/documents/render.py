"""Write a :class:`~planlink.documents.model.Document` as .docx, .pdf or .xlsx.

* Word: :class:`~planlink.documents.docx_thai.ThaiDocument` (TH SarabunPSK 16 pt with the
  complex-script properties, TH Sarabun New named as the fallback, A4 Thai margins).
* PDF: the same blocks as HTML, through ``pdf_thai.render_pdf`` (WeasyPrint and the vendored
  Sarabun faces); landscape sections use a named page, the contents list takes its page
  numbers from ``target-counter``.
* Excel: ``xlsx_thai.write_table`` per sheet (Thai headers, baht as ``#,##0.00``, frozen
  header row); a first sheet "เอกสาร" carries the title lines.

``thai_digits=True`` writes numbers and dates in Thai numerals (เลขไทย) in Word and PDF;
Excel keeps numbers as numbers.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Sequence
from decimal import Decimal
from html import escape

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Font

from planlink.core.thai import format_baht, format_be_date, to_thai_digits
from planlink.documents.docx_thai import SYNTHETIC_NOTICE, HeaderGroup, ThaiDocument
from planlink.documents.model import (
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Section,
    Sheet,
    Signature,
    Table,
    flat_headers,
)
from planlink.documents.pdf_thai import render_pdf
from planlink.documents.xlsx_thai import (
    BAHT_FORMAT,
    DEFAULT_FONT,
    INTEGER_FORMAT,
    first_sheet,
    write_table,
)

__all__ = ["CONTENT_TYPES", "render", "to_docx", "to_html", "to_pdf", "to_xlsx"]

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def render(document: Document, file_format: str, *, thai_digits: bool = False) -> bytes:
    """The document as bytes in ``docx``, ``pdf`` or ``xlsx``."""
    if file_format == "docx":
        return to_docx(document, thai_digits=thai_digits)
    if file_format == "pdf":
        return to_pdf(document, thai_digits=thai_digits)
    if file_format == "xlsx":
        return to_xlsx(document)
    raise ValueError(f"unknown format {file_format!r}: use docx, pdf or xlsx")


def shown(value: object, thai_digits: bool = False) -> str:
    """The text a document shows for a value — the same rules as ``ThaiDocument.text``."""
    if value is None:
        text = ""
    elif isinstance(value, datetime.date):
        text = format_be_date(value, style="long")
    elif isinstance(value, Decimal):
        text = format_baht(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:,}"
    else:
        text = str(value)
    return to_thai_digits(text) if thai_digits else text


# ----------------------------------------------------------------------------- Word


def to_docx(document: Document, *, thai_digits: bool = False) -> bytes:
    builder = ThaiDocument(
        thai_digits=thai_digits,
        landscape=document.landscape,
        synthetic=document.synthetic,
        title=document.title,
    )
    if document.cover is not None:
        cover = document.cover
        builder.cover(cover.title, cover.subtitle, cover.owner, cover.date or "")
    if document.contents:
        builder.table_of_contents()
    for block in document.blocks:
        if isinstance(block, Heading):
            builder.heading(block.text, block.level)
        elif isinstance(block, Paragraph):
            builder.paragraph(block.text, block.bold, block.align, block.size_pt, block.indent_cm)
        elif isinstance(block, Table):
            builder.table(
                block.headers,
                block.rows,
                widths=block.widths_cm,
                number_columns=block.number_columns,
                bold_rows=block.bold_rows,
                size_pt=block.font_size_pt,
            )
            builder.document.add_paragraph()  # Word merges touching tables: keep them apart
        elif isinstance(block, PageBreak):
            builder.page_break()
        elif isinstance(block, Section):
            builder.new_section(landscape=block.landscape)
        elif isinstance(block, Signature):
            builder.signature_block(block.name, block.position, block.date, block.signer_label)
    builder.page_number_footer()
    return builder.to_bytes()


# ------------------------------------------------------------------------------ PDF

# TH SarabunPSK at 16 pt in Word looks like Sarabun at about 10.5 pt: its glyphs are small
# for their em (the same 0.66 scale fontconfig applies, STACK.md).
PDF_SIZE_RATIO = 0.66

PDF_CSS = """
@page wide { size: A4 landscape; margin: 2cm 2cm 2cm 2.5cm; }
.section { break-before: page; }
.section.landscape { page: wide; }
.cover { text-align: center; padding-top: 5cm; break-after: page; }
.cover .title { font-size: 24pt; font-weight: 700; line-height: 1.5; }
.cover .subtitle { font-size: 18pt; font-weight: 700; margin-top: 0.5em; }
.cover .owner { font-size: 16pt; font-weight: 700; margin-top: 7cm; }
.cover .date { font-size: 15pt; }
nav.contents { break-after: page; }
nav.contents h1 { text-align: center; }
nav.contents ul { list-style: none; padding: 0; margin: 0; }
nav.contents li.level-2 { padding-left: 1.5em; }
nav.contents li.level-3 { padding-left: 3em; }
nav.contents a { color: inherit; text-decoration: none; }
nav.contents a::after { content: leader('.') target-counter(attr(href), page%(counter_style)s); }
h1, h2, h3 { break-after: avoid; }
p.center { text-align: center; } p.right { text-align: right; }
p.bold { font-weight: 700; }
table { table-layout: fixed; margin: 0.3em 0 0.8em; font-size: 12pt; }
.landscape table { font-size: 10.5pt; }
.landscape th, .landscape td { padding: 2pt 3pt; }
td.number { white-space: nowrap; }
thead { display: table-header-group; }
tr.bold td { font-weight: 700; }
.signature { margin-left: 45%%; text-align: center; margin-top: 2em; }
.signature p { margin: 0; }
"""


def _html_text(value: object, thai_digits: bool) -> str:
    return escape(shown(value, thai_digits)).replace("\n", "<br>")


def _html_table(table: Table, thai_digits: bool) -> str:
    groups = list(table.headers)
    has_groups = any(isinstance(header, HeaderGroup) for header in groups)
    widths = table.widths_cm
    size = (
        f' style="font-size:{table.font_size_pt * PDF_SIZE_RATIO:.1f}pt"'
        if table.font_size_pt
        else ""
    )
    parts = [f"<table{size}>"]
    if widths:
        total = sum(widths)
        parts.append("<colgroup>")
        parts.extend(f'<col style="width:{width / total * 100:.2f}%">' for width in widths)
        parts.append("</colgroup>")
    top: list[str] = []
    second: list[str] = []
    for header in groups:
        if isinstance(header, HeaderGroup):
            top.append(
                f'<th colspan="{len(header.children)}">{_html_text(header.label, thai_digits)}</th>'
            )
            second.extend(f"<th>{_html_text(child, thai_digits)}</th>" for child in header.children)
        else:
            span = ' rowspan="2"' if has_groups else ""
            top.append(f"<th{span}>{_html_text(header, thai_digits)}</th>")
    parts.append("<thead><tr>" + "".join(top) + "</tr>")
    if has_groups:
        parts.append("<tr>" + "".join(second) + "</tr>")
    parts.append("</thead><tbody>")
    numbers = table.number_columns
    for row_index, row in enumerate(table.rows):
        parts.append('<tr class="bold">' if row_index in table.bold_rows else "<tr>")
        for index, value in enumerate(row):
            css = ' class="number"' if index in numbers else ""
            parts.append(f"<td{css}>{_html_text(value, thai_digits)}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def to_html(document: Document, *, thai_digits: bool = False) -> str:
    """The document as one HTML page for WeasyPrint (and for a browser preview)."""
    body: list[str] = []

    def text(value: object) -> str:
        return _html_text(value, thai_digits)

    if document.cover is not None:
        cover = document.cover
        body.append('<section class="cover">')
        body.append(f'<div class="title">{text(cover.title)}</div>')
        if cover.subtitle:
            body.append(f'<div class="subtitle">{text(cover.subtitle)}</div>')
        if cover.owner:
            body.append(f'<div class="owner">{text(cover.owner)}</div>')
        if cover.date:
            body.append(f'<div class="date">{text(cover.date)}</div>')
        body.append("</section>")
    headings = [block for block in document.blocks if isinstance(block, Heading)]
    if document.contents:
        body.append('<nav class="contents"><h1>สารบัญ</h1><ul>')
        body.extend(
            f'<li class="level-{heading.level}"><a href="#h{number}">{text(heading.text)}</a></li>'
            for number, heading in enumerate(headings, start=1)
        )
        body.append("</ul></nav>")
    blocks = list(document.blocks)
    landscape = document.landscape
    first = blocks[0] if blocks else None
    if isinstance(first, Section):  # no empty page before the first section
        blocks.pop(0)
        landscape = first.landscape
    body.append(f'<div class="first {"landscape" if landscape else "portrait"}">')
    heading_number = 0
    for block in blocks:
        if isinstance(block, Heading):
            heading_number += 1
            level = min(max(block.level, 1), 3)
            body.append(f'<h{level} id="h{heading_number}">{text(block.text)}</h{level}>')
        elif isinstance(block, Paragraph):
            classes = " ".join(name for name in (block.align, "bold" if block.bold else "") if name)
            style = f' style="font-size:{block.size_pt}pt"' if block.size_pt else ""
            body.append(f'<p class="{classes}"{style}>{text(block.text)}</p>')
        elif isinstance(block, Table):
            body.append(_html_table(block, thai_digits))
        elif isinstance(block, PageBreak):
            body.append('<div style="break-after: page"></div>')
        elif isinstance(block, Section):
            orientation = "landscape" if block.landscape else "portrait"
            body.append(f'</div><div class="section {orientation}">')
        elif isinstance(block, Signature):
            body.append('<div class="signature">')
            body.append(f"<p>{text(block.signer_label)} {'.' * 40}</p>")
            body.append(f"<p>({text(block.name)})</p>")
            body.extend(f"<p>{text(line)}</p>" for line in block.position.split("\n"))
            if block.date:
                body.append(f"<p>วันที่ {text(block.date)}</p>")
            body.append("</div>")
    body.append("</div>")
    # A landscape-first document (a form) turns the default page; its portrait sections then
    # need their own named page. A named page on the first box would open a blank page.
    landscape_first = (
        "@page { size: A4 landscape; margin: 2cm 2cm 2cm 2.5cm; }"
        " @page tall { size: A4; margin: 2.5cm 2cm 2cm 3cm; } .section.portrait { page: tall; }"
        if landscape
        else ""
    )
    return render_to_string(
        "documents/document.html",
        {
            "title": document.title,
            "synthetic": document.synthetic,
            "styles": PDF_CSS % {"counter_style": ", thai" if thai_digits else ""}
            + landscape_first,
            "body": "".join(body),
        },
    )


def to_pdf(document: Document, *, thai_digits: bool = False) -> bytes:
    return render_pdf(
        to_html(document, thai_digits=thai_digits),
        thai_digits=thai_digits,
        synthetic=document.synthetic,
    )


# ---------------------------------------------------------------------------- Excel

_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(name: str, taken: set[str]) -> str:
    base = _SHEET_NAME_FORBIDDEN.sub("-", name).strip("'") or "ตาราง"
    title, number = base[:31], 1
    while title.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        title = base[: 31 - len(suffix)] + suffix
    taken.add(title.casefold())
    return title


def automatic_formats(rows: Sequence[Sequence[object]]) -> dict[str | int, str]:
    """Baht for Decimal columns, thousands for whole-number columns (by the first value seen)."""
    formats: dict[str | int, str] = {}
    for row in rows:
        for index, value in enumerate(row):
            if index in formats or value is None or isinstance(value, bool):
                continue
            if isinstance(value, Decimal):
                formats[index] = BAHT_FORMAT
            elif isinstance(value, int):
                formats[index] = INTEGER_FORMAT
    return formats


def _sheets(document: Document) -> list[Sheet]:
    if document.sheets:
        return document.sheets
    return [
        Sheet(f"ตาราง {number}", flat_headers(table.headers), table.rows)
        for number, table in enumerate(document.tables, start=1)
    ]


def to_xlsx(document: Document) -> bytes:
    workbook = Workbook()
    info = first_sheet(workbook)
    taken: set[str] = set()
    info.title = _sheet_title("เอกสาร", taken)
    lines: list[tuple[str, bool]] = []
    if document.synthetic:
        lines.append((SYNTHETIC_NOTICE, True))
    if document.cover is not None:
        cover = document.cover
        lines.extend((line, True) for line in (cover.title, cover.subtitle, cover.owner) if line)
        if cover.date:
            lines.append((f"วันที่จัดทำ {format_be_date(cover.date)}", False))
    for block in document.blocks:
        if isinstance(block, Heading):
            lines.append((block.text, True))
        elif isinstance(block, Paragraph) and block.text:
            lines.append((block.text, block.bold))
    for row, (line, bold) in enumerate(lines, start=1):
        cell = info.cell(row=row, column=1, value=line)
        if cell.data_type == "f":
            cell.data_type = "s"
        cell.font = Font(name=DEFAULT_FONT, size=16, bold=bold)
    info.column_dimensions["A"].width = 100
    for sheet in _sheets(document):
        worksheet = workbook.create_sheet(_sheet_title(sheet.name, taken))
        start_row = 1
        if document.synthetic:
            worksheet.cell(row=1, column=1, value=SYNTHETIC_NOTICE).font = Font(
                name=DEFAULT_FONT, size=14, bold=True, color="FFC00000"
            )
            start_row = 2
        formats = sheet.number_formats or automatic_formats(sheet.rows)
        write_table(worksheet, sheet.headers, sheet.rows, formats, start_row=start_row)
    if len(workbook.worksheets) > 1:
        workbook.active = 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
